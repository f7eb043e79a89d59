// The apps dynodeck.yml asks for, made to exist in the ledger (with a router port and
// a database each) and kept in the order of the pipeline.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PlatformConfig } from '../../config/schema.js';
import { findApp } from '../state/engine-state.js';
import { freePort } from '../runtime/free-port.js';
import { newAppRecord, wantedApps } from './app-setup.js';
import type { EngineContext } from './engine-context.js';

/** Returns the apps whose router port was picked just now (free when probed, but not held). */
export async function ensureApps(ctx: EngineContext, project: string, platform: PlatformConfig): Promise<Set<string>> {
  const { state, paths } = ctx;
  const wanted = wantedApps(project, platform);
  const pickedNow = new Set<string>();
  for (const w of wanted) {
    if (state.data.apps.some((a) => a.name === w.name)) continue;
    const port = w.port ?? (await freePort());
    if (w.port === undefined) pickedNow.add(w.name);
    mkdirSync(path.join(paths.envs, w.name), { recursive: true });
    state.update((d) => d.apps.push(newAppRecord(w, port, ctx.now())));
  }
  state.update((d) => {
    d.apps = d.apps.filter((a) => wanted.some((w) => w.name === a.name));
    d.apps.sort((a, b) => wanted.findIndex((w) => w.name === a.name) - wanted.findIndex((w) => w.name === b.name));
  });
  return pickedNow;
}

/** DATABASE_URL for every app: its own database, like a Heroku Postgres add-on (the port can change between starts). */
export async function attachDatabases(ctx: EngineContext): Promise<void> {
  const databases = ctx.opts.databases;
  if (!databases) return;
  const { state } = ctx;
  const urls = await Promise.all(state.data.apps.map((app) => databases.databaseUrl(app.name)));
  state.data.apps.forEach((app, i) => {
    if (app.configVars.DATABASE_URL !== urls[i])
      state.update((d) => {
        findApp(d, app.id)!.configVars.DATABASE_URL = urls[i]!;
      });
  });
}
