// `dynodeck engine apps [rename <old-project> [<new-project>] | remove <app|project>]`: the
// engine's apps by project, which ones dynodeck.yml uses, and those kept aside from an
// earlier project name, with the commands that carry them over or delete them.
import type { LoadedConfig } from '../config/load-config.js';
import { startEngine, stopEngine } from '../engine/engine-control.js';
import { claimProject } from '../engine/engine-lockfile.js';
import { enginePaths } from '../engine/engine-paths.js';
import { appSlug } from '../engine/platform/app-setup.js';
import { listApps, reconcileApps, removeParked, renameParkedProject } from '../engine/parked-apps.js';
import { pendingDatabaseDrops } from '../engine/postgres/database-drops.js';
import { databaseNamesByApp, type CarriedDatabase } from '../engine/postgres/parked-databases.js';
import { describeApps } from './describe-engine-apps.js';
import { printLine } from './output.js';

export type AppsChange = { kind: 'rename'; from: string; to?: string } | { kind: 'remove'; what: string };

export async function engineAppsCommand(loaded: LoadedConfig, change?: AppsChange): Promise<number> {
  const out = (text: string) => printLine(text);
  const platform = loaded.config.platform;
  if (platform?.kind !== 'local')
    throw new Error(`${loaded.file ?? 'dynodeck.yml'} has no "platform: {kind: local}", so there is no local engine`);
  const paths = enginePaths(loaded.root);
  const project = loaded.config.project;

  if (!change) {
    const databases = {
      byApp: databaseNamesByApp(paths.engineDir),
      drops: pendingDatabaseDrops(paths.engineDir).map((p) => p.drop),
    };
    for (const line of describeApps(listApps(paths, project, platform), project, databases)) out(line);
    return 0;
  }
  const now = new Date().toISOString();
  if (change.kind === 'remove') {
    // Only apps kept aside can go: the engine never reads them, so it may keep running. When
    // it does not run, apps the config stopped naming are set aside first, as a start would.
    // The cluster serves only while the engine runs and a running engine owns postgres.json:
    // databases are dropped at the next engine start (database-drops.ts).
    const release = tryClaim(paths.claim);
    try {
      if (release) reconcileApps(paths, project, platform, now);
      for (const app of removeParked(paths, change.what, now))
        out(
          app.database
            ? `removed ${app.name} (its releases and slugs; its database ${app.database} is dropped at the next engine start)`
            : `removed ${app.name} (its releases and slugs; it had no database)`,
        );
    } finally {
      release?.();
    }
    return 0;
  }

  // The engine owns state.json and postgres.json while it runs: stop it for the rename, start it again after.
  const wasRunning = await stopEngine(loaded.root);
  if (wasRunning) out('stopped the engine for the rename');
  const release = claimProject(paths.claim);
  let renamed: CarriedDatabase[];
  try {
    reconcileApps(paths, project, platform, now);
    renamed = renameParkedProject(paths, appSlug(change.from), change.to ?? project, now);
  } finally {
    release();
  }
  for (const r of renamed)
    out(
      `renamed ${r.from} → ${r.to} (${r.database ? `its releases, formation, config vars and database ${r.database}` : 'its releases, formation and config vars; it had no database'})`,
    );
  if (change.to !== undefined && appSlug(change.to) !== appSlug(project))
    out(`note: dynodeck.yml says project "${project}", so the next engine start keeps these apps aside again`);
  if (wasRunning) {
    const { connection } = await startEngine(loaded.root, { configFile: loaded.file });
    out(`started the engine again (pid ${connection.info.pid})`);
  }
  // The start that follows drops the databases the renamed apps replaced (they had no release).
  const pending = new Set(pendingDatabaseDrops(paths.engineDir).map((p) => p.drop.database));
  for (const r of renamed) {
    if (!r.replaced) continue;
    const what = `${r.to}'s database until now, ${r.replaced} (${r.to} had no release)`;
    out(pending.has(r.replaced) ? `${what} is dropped at the next engine start` : `dropped ${what}`);
  }
  return 0;
}

function tryClaim(file: string): (() => void) | undefined {
  try {
    return claimProject(file);
  } catch {
    return undefined; // an engine runs
  }
}
