// Pipeline promotions: staging's current slug released on the target apps (with their
// release phase, without a rebuild), each target's outcome recorded as Heroku does.
import { randomUUID } from 'node:crypto';
import { invalidParams } from '../api/api-error.js';
import { currentRelease, type PromotionRecord } from '../state/engine-state.js';
import type { EngineContext } from './engine-context.js';
import type { ReleasePipeline } from './release-pipeline.js';

export interface Promotions {
  promote(sourceRef: string, targetRefs: string[]): PromotionRecord;
}

export function createPromotions(ctx: EngineContext, releases: ReleasePipeline): Promotions {
  const { state, getApp, now } = ctx;
  return {
    promote(sourceRef, targetRefs) {
      const source = getApp(sourceRef);
      const release = currentRelease(source);
      if (!release) throw invalidParams(`${source.name} has no release to promote`);
      const slug = releases.slugOf(release);
      const targets = targetRefs.map(getApp);
      if (targets.some((t) => t.id === source.id)) throw invalidParams('an app cannot be promoted to itself');
      const promotion: PromotionRecord = {
        id: randomUUID(),
        sourceAppId: source.id,
        sourceReleaseId: release.id,
        status: 'pending',
        targets: targets.map((t) => ({
          id: randomUUID(),
          appId: t.id,
          releaseId: null,
          status: 'pending',
          errorMessage: null,
        })),
        createdAt: now(),
        updatedAt: now(),
      };
      state.update((d) => {
        d.promotions[promotion.id] = promotion;
      });
      void ctx.inFlight(
        Promise.all(
          targets.map(async (target, i) => {
            const setTarget = (change: Partial<PromotionRecord['targets'][number]>) =>
              state.update((d) => {
                Object.assign(d.promotions[promotion.id]!.targets[i]!, change);
                d.promotions[promotion.id]!.updatedAt = now();
              });
            try {
              const done = await releases.releaseSlug(
                target,
                slug,
                `Promote ${source.name} v${release.version}`,
                true,
                (r) => setTarget({ releaseId: r.id }),
              );
              setTarget({
                status: done.status === 'succeeded' ? 'succeeded' : 'failed',
                errorMessage: done.failure ?? null,
              });
            } catch (error) {
              setTarget({ status: 'failed', errorMessage: (error as Error).message });
            }
          }),
        ).then(() =>
          state.update((d) => {
            d.promotions[promotion.id]!.status = 'completed';
            d.promotions[promotion.id]!.updatedAt = now();
          }),
        ),
      );
      return promotion;
    },
  };
}
