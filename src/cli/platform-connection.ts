// Composition root: which Platform the deck talks to. For `platform: {kind: local}` the
// project's local engine (started on demand, or only found, for read-only commands).
import type { LoadedConfig } from '../config/load-config.js';
import { appSlug } from '../engine/platform/app-setup.js';
import type { Platform } from '../services/ports.js';
import { createHerokuApi, describeApiError } from '../services/heroku/heroku-api.js';
import { createHerokuPlatform } from '../services/heroku/heroku-platform.js';
import { findHerokuToken, HEROKU_API_URL } from '../services/heroku/credentials.js';
import type { PlatformConfig } from '../config/schema.js';
import { createEngineLink } from './engine-link.js';
import { createEnginePlatform } from './engine-platform.js';

/** Heroku itself: the token from where the Heroku CLI keeps it; errors say what to do. */
function connectHeroku(platform: PlatformConfig): Platform {
  const url = process.env.HEROKU_API_URL ?? HEROKU_API_URL;
  const found = findHerokuToken(process.env, { apiUrl: url });
  const explain = (error: unknown): Error => {
    const e = error as { statusCode?: number; body?: { id?: string; message?: string } };
    if (e?.statusCode === 401)
      return new Error(`401 bad token (from ${found?.source ?? 'nowhere'}): run "heroku login" or set HEROKU_API_KEY`, {
        cause: error,
      });
    if (e?.statusCode === 429)
      return new Error('429 rate limit reached: polling slows down until the budget refills', { cause: error });
    if (e?.statusCode) return new Error(describeApiError(error), { cause: error });
    return error instanceof Error ? error : new Error(String(error));
  };
  if (!found) {
    const missing = async () => {
      throw new Error('no Heroku token: run "heroku login" or set HEROKU_API_KEY');
    };
    return {
      name: 'heroku',
      environments: missing,
      releases: missing,
      configVarNames: missing,
      deploy: missing,
      promote: missing,
      scale: missing,
      restart: missing,
      rollback: missing,
      setMaintenance: missing,
      followRelease: missing,
      logSessionUrl: missing,
    };
  }
  const api = createHerokuApi({ url, token: found.token });
  // Heroku's budget is 4,500 calls an hour: trust the pipeline's shape for 10 minutes and
  // read formations on every 5th poll (our own scale actions refresh them at once).
  const real = createHerokuPlatform(api, {
    pipeline: platform.pipeline,
    apps: platform.apps,
    name: 'heroku',
    structureTtlMs: 10 * 60_000,
    formationEvery: 5,
  });
  const wrap = <K extends keyof Platform>(key: K) =>
    (async (...args: unknown[]) => {
      try {
        return await (real[key] as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        throw explain(error);
      }
    }) as unknown as Platform[K];
  return {
    name: 'heroku',
    rateLimitRemaining: () => api.rateLimitRemaining(),
    environments: wrap('environments'),
    releases: wrap('releases'),
    configVarNames: wrap('configVarNames'),
    deploy: wrap('deploy'),
    promote: wrap('promote'),
    scale: wrap('scale'),
    restart: wrap('restart'),
    rollback: wrap('rollback'),
    setMaintenance: wrap('setMaintenance'),
    followRelease: wrap('followRelease'),
    logSessionUrl: wrap('logSessionUrl'),
  };
}

/**
 * A platform whose connection is made on first use, so the deck can draw before the engine
 * answers, and which follows the engine when it restarts on another port. `follow` (the
 * deck): reads made while the engine is away wait for it to come back.
 */
export function connectPlatform(
  loaded: LoadedConfig,
  opts: { start: boolean; follow?: boolean; engineReturnMs?: number },
): Platform | undefined {
  const platform = loaded.config.platform;
  if (!platform) return undefined;
  if (platform.kind === 'heroku') return connectHeroku(platform);
  const link = createEngineLink<Platform>({
    root: loaded.root,
    configFile: loaded.file,
    start: opts.start,
    makeClient: (connection, clock) =>
      createHerokuPlatform(createHerokuApi({ url: connection.url, token: connection.token }), {
        pipeline: appSlug(loaded.config.project),
        name: 'engine',
        // A scale changes the dynos, which are read every poll: the formation is read then
        // (and every 5th poll), not on every poll.
        formationEvery: 5,
        clock,
      }),
  });
  return createEnginePlatform(link, { follow: opts.follow ?? false, returnWaitMs: opts.engineReturnMs });
}
