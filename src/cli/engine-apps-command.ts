// `dynodeck engine apps [rename <old-project> [<new-project>] | remove <app|project>]`: the
// engine's apps by project, which ones dynodeck.yml uses, and those kept aside from an
// earlier project name, with the commands that carry them over or delete them.
import type { LoadedConfig } from '../config/load-config.js';
import { startEngine, stopEngine } from '../engine/engine-control.js';
import { claimProject } from '../engine/engine-lockfile.js';
import { enginePaths } from '../engine/engine-paths.js';
import { appSlug } from '../engine/platform/app-setup.js';
import { listApps, reconcileApps, removeParked, renameParkedProject, type AppListing } from '../engine/parked-apps.js';
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
    for (const line of describeApps(listApps(paths, project, platform), project)) out(line);
    return 0;
  }
  if (change.kind === 'remove') {
    // Only apps kept aside can go: the engine never reads them, so it may keep running. When
    // it does not run, apps the config stopped naming are set aside first, as a start would.
    const release = tryClaim(paths.claim);
    try {
      if (release) reconcileApps(paths, project, platform, new Date().toISOString());
      for (const name of removeParked(paths, change.what)) out(`removed ${name} (its releases, slugs and database)`);
    } finally {
      release?.();
    }
    return 0;
  }

  // The engine owns state.json while it runs: stop it for the rename, start it again after.
  const wasRunning = await stopEngine(loaded.root);
  if (wasRunning) out('stopped the engine for the rename');
  const release = claimProject(paths.claim);
  let renamed: string[];
  try {
    reconcileApps(paths, project, platform, new Date().toISOString());
    renamed = renameParkedProject(paths, appSlug(change.from), change.to ?? project);
  } finally {
    release();
  }
  for (const line of renamed) out(`renamed ${line}`);
  if (change.to !== undefined && appSlug(change.to) !== appSlug(project))
    out(`note: dynodeck.yml says project "${project}", so the next engine start keeps these apps aside again`);
  if (wasRunning) {
    const { connection } = await startEngine(loaded.root, { configFile: loaded.file });
    out(`started the engine again (pid ${connection.info.pid})`);
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

/** The listing, grouped: the apps dynodeck.yml uses, then the others by project. */
export function describeApps(apps: readonly AppListing[], project: string): string[] {
  const row = (a: AppListing) => {
    const release = a.current === undefined ? 'no release' : `v${a.current}`;
    const count = `${a.releases} release${a.releases === 1 ? '' : 's'}`;
    const formation =
      Object.entries(a.formation)
        .map(([type, n]) => `${type}=${n}`)
        .join(' ') || 'no processes';
    return `  ${a.name.padEnd(24)} ${a.env.padEnd(12)} ${`${release} (${count})`.padEnd(20)} ${formation.padEnd(18)} ${a.configVars} config vars`;
  };
  const used = apps.filter((a) => a.inUse && !a.parked);
  const lines = [`apps of project "${project}" (dynodeck.yml):`];
  lines.push(...(used.length ? used.map(row) : ['  none yet (the next engine start makes them)']));
  const others = apps.filter((a) => !used.includes(a));
  const projects = [...new Set(others.map((a) => a.project))];
  for (const p of projects) {
    const group = others.filter((a) => a.project === p);
    const state = group.every((a) => a.parked) ? 'kept aside' : 'set aside at the next engine start';
    lines.push(`apps of project "${p}", which dynodeck.yml no longer names (${state}):`, ...group.map(row));
  }
  const foreign = projects.filter((p) => p !== appSlug(project));
  if (foreign.length)
    lines.push(
      `"dynodeck engine apps rename ${foreign[0]}" carries ${foreign[0]}'s apps over to "${project}"; "dynodeck engine apps remove ${foreign[0]}" deletes them`,
    );
  else if (others.length) lines.push(`"dynodeck engine apps remove <app>" deletes an app kept aside`);
  return lines;
}
