// The first `dynodeck demo`: start the local engine and put main live on staging and
// production, so both environments answer at first sight. Later runs find them live: the
// engine brings them back at their releases, and the deck opens while it does.
import type * as Heroku from '@heroku-cli/schema';
import type { LoadedConfig } from '../config/load-config.js';
import { startEngine } from '../engine/engine-control.js';
import { wantedApps } from '../engine/platform/app-setup.js';
import { enginePaths } from '../engine/engine-paths.js';
import { listApps } from '../engine/parked-apps.js';
import { createHerokuApi, describeApiError, type HerokuApi } from '../services/heroku/heroku-api.js';
import { deployRef } from '../services/heroku/deploy-ref.js';

/**
 * Gets the demo's environments going. `beforeScreen`: what the deck must wait for before it
 * takes the screen (the first setup prints its progress). When the engine's ledger already
 * has staging and production live there is nothing to wait for: the engine (started here, at
 * once) brings them back at their releases by itself, and the deck shows them as they come up;
 * `engineStarting` settles once it answers.
 */
export function prepareDemo(
  loaded: LoadedConfig,
  say: (line: string) => void,
): { beforeScreen?: Promise<void>; engineStarting?: Promise<void> } {
  if (!recordedLive(loaded)) return { beforeScreen: bootstrapDemo(loaded, say) };
  // The deck's own link joins this start (startEngine shares a start in flight); a failure shows there.
  const engineStarting = startEngine(loaded.root, { configFile: loaded.file }).then(
    () => undefined,
    () => undefined,
  );
  return { engineStarting };
}

/** Whether the engine's ledger (state.json) has a current release on both staging and production. */
export function recordedLive(loaded: LoadedConfig): boolean {
  const platform = loaded.config.platform;
  if (!platform) return false;
  const apps = wantedApps(loaded.config.project, platform);
  const listed = listApps(enginePaths(loaded.root), loaded.config.project, platform);
  return ['staging', 'production'].every((env) => {
    const name = apps.find((a) => a.env === env)?.name;
    return listed.some((a) => a.name === name && !a.parked && a.current !== undefined);
  });
}

export async function bootstrapDemo(loaded: LoadedConfig, say: (line: string) => void): Promise<void> {
  const platform = loaded.config.platform;
  if (!platform) return;
  const { connection, started } = await startEngine(loaded.root, { configFile: loaded.file });
  if (started) say(`Started the local engine (pid ${connection.info.pid}).`);
  const api = createHerokuApi({ url: connection.url, token: connection.token });
  const apps = wantedApps(loaded.config.project, platform);
  const staging = apps.find((a) => a.env === 'staging')!.name;
  const production = apps.find((a) => a.env === 'production')!.name;

  let changed = started;
  try {
    const [stagingLive, productionLive] = await Promise.all([isLive(api, staging), isLive(api, production)]);
    if (!stagingLive) {
      changed = true;
      say(`Deploying ${loaded.config.git.mainBranch} to staging…`);
      const result = await deployRef(api, {
        app: staging,
        repo: loaded.root,
        ref: loaded.config.git.mainBranch,
        pollMs: 100,
      });
      if (!result.ok) throw new Error(`deploying to staging failed: ${result.reason}`);
      await scaleWorker(api, staging);
    }
    if (!productionLive) {
      changed = true;
      say('Promoting staging to production…');
      await promote(api, staging, production);
      await scaleWorker(api, production);
    }
  } catch (error) {
    throw new Error(`the demo's environments could not be set up: ${describeApiError(error)}`, { cause: error });
  }
  if (!changed) return;
  for (const name of [staging, production]) {
    const app = (await api.client.get(`/apps/${name}`)) as Heroku.App;
    say(`${name.padEnd(24)} ${app.web_url}`);
  }
}

async function isLive(api: HerokuApi, app: string): Promise<boolean> {
  const releases = (await api.client.get(`/apps/${app}/releases`)) as Heroku.Release[];
  return releases.some((r) => r.current && r.status === 'succeeded');
}

/** The demo shows a worker beside the web process; an example without one has nothing to scale. */
async function scaleWorker(api: HerokuApi, app: string): Promise<void> {
  const formation = (await api.client.get(`/apps/${app}/formation`)) as Heroku.Formation[];
  if (!formation.some((f) => f.type === 'worker')) return;
  await api.client.patch(`/apps/${app}/formation`, { body: { updates: [{ type: 'worker', quantity: 1 }] } });
}

async function promote(api: HerokuApi, from: string, to: string): Promise<void> {
  const [pipeline] = (await api.client.get('/pipelines')) as Heroku.Pipeline[];
  const source = (await api.client.get(`/apps/${from}`)) as Heroku.App;
  const target = (await api.client.get(`/apps/${to}`)) as Heroku.App;
  const promotion = (await api.client.post('/pipeline-promotions', {
    body: { pipeline: { id: pipeline!.id }, source: { app: { id: source.id } }, targets: [{ app: { id: target.id } }] },
  })) as Heroku.PipelinePromotion;
  for (;;) {
    const targets = (await api.client.get(
      `/pipeline-promotions/${promotion.id}/promotion-targets`,
    )) as Heroku.PipelinePromotionTarget[];
    const failed = targets.find((t) => t.status === 'failed');
    if (failed) throw new Error(`promotion to ${to} failed: ${failed.error_message ?? 'no reason given'}`);
    if (targets.every((t) => t.status === 'succeeded')) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
