// The apps dynodeck.yml asks for, made to exist in the ledger (with a router port and
// a database each) and kept in the order of the pipeline.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlatformConfig } from '../../config/schema.js';
import { databaseFile } from '../engine-paths.js';
import { freePort } from '../runtime/free-port.js';
import { newAppRecord, wantedApps } from './app-setup.js';
import type { EngineContext } from './engine-context.js';

export async function ensureApps(ctx: EngineContext, project: string, platform: PlatformConfig): Promise<void> {
  const { state, paths } = ctx;
  const wanted = wantedApps(project, platform);
  for (const w of wanted) {
    if (state.data.apps.some((a) => a.name === w.name)) continue;
    const port = w.port ?? (await freePort());
    const db = databaseFile(paths, w.name);
    mkdirSync(path.dirname(db), { recursive: true });
    state.update((d) => d.apps.push(newAppRecord(w, port, pathToFileURL(db).href, ctx.now())));
  }
  state.update((d) => {
    d.apps = d.apps.filter((a) => wanted.some((w) => w.name === a.name));
    d.apps.sort((a, b) => wanted.findIndex((w) => w.name === a.name) - wanted.findIndex((w) => w.name === b.name));
  });
}
