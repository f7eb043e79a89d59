// Which Platform the deck talks to: for `platform: {kind: local}` the project's local
// engine (started on demand, or only found, for read-only commands).
import type { LoadedConfig } from '../config/load-config.js';
import { findEngine, startEngine } from '../engine/engine-control.js';
import { appSlug } from '../engine/platform/app-setup.js';
import type { Platform } from './ports.js';
import { createHerokuApi } from './heroku/heroku-api.js';
import { createHerokuPlatform } from './heroku/heroku-platform.js';

/** A platform whose connection is made on first use, so the deck can draw before the engine answers. */
export function connectPlatform(loaded: LoadedConfig, opts: { start: boolean }): Platform | undefined {
  const platform = loaded.config.platform;
  if (!platform) return undefined;
  let connecting: Promise<Platform> | undefined;
  const connect = () =>
    (connecting ??= (async () => {
      const connection = opts.start ? (await startEngine(loaded.root, { configFile: loaded.file })).connection : findEngine(loaded.root);
      if (!connection) {
        connecting = undefined;
        throw new Error('the local engine is not running ("dynodeck engine start")');
      }
      return createHerokuPlatform(createHerokuApi({ url: connection.url, token: connection.token }), { pipeline: appSlug(loaded.config.project), name: 'engine' });
    })().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    }));
  const lazy = <K extends keyof Platform>(key: K) =>
    (async (...args: unknown[]) => {
      const real = await connect();
      return (real[key] as (...a: unknown[]) => unknown)(...args);
    }) as unknown as Platform[K];
  return {
    name: 'engine',
    environments: lazy('environments'),
    releases: lazy('releases'),
    configVarNames: lazy('configVarNames'),
    deploy: lazy('deploy'),
    promote: lazy('promote'),
    scale: lazy('scale'),
    restart: lazy('restart'),
    rollback: lazy('rollback'),
    logSessionUrl: lazy('logSessionUrl'),
  };
}
