// Sources and builds: a tarball uploaded to a source URL, built into a slug, which
// then becomes a release (through the release pipeline), as Heroku's Build API does.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { invalidParams, notFound } from '../api/api-error.js';
import type { AppRecord, BuildRecord, SlugRecord } from '../state/engine-state.js';
import { buildSlug, type ProcessTracker } from './builder.js';
import type { EngineContext } from './engine-context.js';
import type { OutputWriter } from './output-streams.js';
import { slugFolder, sourceFile } from './ledger-folders.js';
import { STOPPED_DURING_BUILD } from './recover-interrupted-work.js';
import type { ReleasePipeline } from './release-pipeline.js';

/** What the API may ask of sources and builds. */
export interface SourcesAndBuilds {
  createSource(): { id: string; putPath: string; getPath: string };
  receiveSource(id: string, body: IncomingMessage): Promise<void>;
  sourceFile(id: string): string;
  createBuild(nameOrId: string, blob: { url: string; version?: string | null }): BuildRecord;
}

export function createSourcesAndBuilds(
  ctx: EngineContext,
  releases: ReleasePipeline,
  processes: ProcessTracker,
): SourcesAndBuilds {
  const { paths, state, outputs, getApp, apiLog, now } = ctx;

  async function runBuild(app: AppRecord, build: BuildRecord, tarball: string, output: OutputWriter) {
    const dir = path.join(paths.builds, build.id);
    mkdirSync(dir, { recursive: true });
    apiLog(app, `Build started by ${ctx.user}`);
    const result = await buildSlug({
      tarball,
      dir,
      command: ctx.opts.platform.build,
      env: { ...ctx.baseEnv, ...getApp(app.id).configVars },
      output,
      processes,
      processName: `${app.name}/build.${build.id}`,
      timeoutMs: ctx.limits.buildMs,
      clock: ctx.clock,
    });
    if (!result.ok) {
      output.end();
      rmSync(dir, { recursive: true, force: true });
      const reason = ctx.stopping ? STOPPED_DURING_BUILD : result.reason;
      apiLog(app, `Build failed: ${reason}`);
      return finishBuild(build.id, { status: 'failed', failure: reason });
    }
    const slugId = randomUUID();
    const slugDir = slugFolder(paths, slugId);
    renameSync(dir, slugDir);
    const slug: SlugRecord = {
      id: slugId,
      commit: build.version,
      dir: slugDir,
      processTypes: result.processTypes,
      size: result.size,
      createdAt: now(),
    };
    state.update((d) => {
      d.slugs[slugId] = slug;
    });
    const short = build.version ? build.version.slice(0, 7) : slugId.slice(0, 7);
    output.write(`-----> Launching...\n`);
    const release = releases.releaseSlug(getApp(app.id), slug, `Deploy ${short}`, true, (r) => {
      output.write(`       Released v${r.version}\n`);
      finishBuild(build.id, { status: 'succeeded', slugId, releaseId: r.id });
    });
    output.end();
    await release;
  }

  function finishBuild(id: string, change: Partial<BuildRecord>) {
    ctx.updateAndPrune((d) => {
      Object.assign(d.builds[id]!, change, { updatedAt: now() });
    });
  }

  return {
    createSource() {
      const id = randomUUID();
      const file = sourceFile(paths, id);
      state.update((d) => {
        d.sources[id] = { id, file, uploaded: false, createdAt: now() };
      });
      return { id, putPath: `/sources/${id}/blob`, getPath: `/sources/${id}/blob` };
    },

    async receiveSource(id, body) {
      const source = state.data.sources[id];
      if (!source) throw notFound('source');
      const temp = `${source.file}.part`;
      await pipeline(body, createWriteStream(temp));
      renameSync(temp, source.file);
      state.update((d) => {
        d.sources[id]!.uploaded = true;
      });
    },

    sourceFile(id) {
      const source = state.data.sources[id];
      if (!source?.uploaded) throw notFound('source');
      return source.file;
    },

    createBuild(nameOrId, blob) {
      const app = getApp(nameOrId);
      const sourceId = /\/sources\/([0-9a-f-]{36})\/blob$/.exec(blob.url ?? '')?.[1];
      const source = sourceId ? state.data.sources[sourceId] : undefined;
      if (!source) throw invalidParams('source_blob.url must be a get_url handed out by POST /sources on this engine');
      if (!source.uploaded)
        throw invalidParams('nothing was uploaded to that source yet: PUT the tarball to its put_url first');
      const build: BuildRecord = {
        id: randomUUID(),
        appId: app.id,
        status: 'pending',
        sourceUrl: blob.url,
        version: blob.version ?? null,
        outputId: randomUUID(),
        slugId: null,
        releaseId: null,
        user: ctx.user,
        createdAt: now(),
        updatedAt: now(),
      };
      state.update((d) => {
        d.builds[build.id] = build;
      });
      const output = outputs.create(build.outputId);
      void ctx.inFlight(
        runBuild(app, build, source.file, output).catch((error: unknown) => {
          output.end();
          finishBuild(build.id, { status: 'failed', failure: `the engine failed: ${(error as Error).message}` });
        }),
      );
      return { ...build };
    },
  };
}
