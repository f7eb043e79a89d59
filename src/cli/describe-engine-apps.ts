// The words of `dynodeck engine apps`: the apps dynodeck.yml uses, the others by project, each
// with its database, the databases waiting to be dropped, and the commands that act on them.
import type { AppListing } from '../engine/parked-apps.js';
import { appSlug } from '../engine/platform/app-setup.js';
import { describeReason } from '../engine/postgres/apply-database-drops.js';
import type { DatabaseDrop } from '../engine/postgres/database-drops.js';

export interface DatabasesListing {
  /** Database name by app name. */
  byApp: Record<string, string>;
  /** Drops recorded and not done yet (done at the next engine start). */
  drops: readonly DatabaseDrop[];
}

/** The listing, grouped: the apps dynodeck.yml uses, then the others by project. */
export function describeApps(
  apps: readonly AppListing[],
  project: string,
  databases: DatabasesListing = { byApp: {}, drops: [] },
): string[] {
  const row = (a: AppListing) => {
    const release = a.current === undefined ? 'no release' : `v${a.current}`;
    const count = `${a.releases} release${a.releases === 1 ? '' : 's'}`;
    const formation =
      Object.entries(a.formation)
        .map(([type, n]) => `${type}=${n}`)
        .join(' ') || 'no processes';
    const database = databases.byApp[a.name];
    const vars = `${a.configVars} config vars`;
    return `  ${a.name.padEnd(24)} ${a.env.padEnd(12)} ${`${release} (${count})`.padEnd(20)} ${formation.padEnd(18)} ${database ? `${vars.padEnd(16)} database ${database}` : vars}`;
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
  if (databases.drops.length)
    lines.push(
      'databases dropped at the next engine start:',
      ...databases.drops.map((d) => `  ${d.database.padEnd(24)} ${describeReason(d)}`),
    );
  const foreign = projects.filter((p) => p !== appSlug(project));
  if (foreign.length)
    lines.push(
      `"dynodeck engine apps rename ${foreign[0]}" carries ${foreign[0]}'s apps over to "${project}"; "dynodeck engine apps remove ${foreign[0]}" deletes them`,
    );
  else if (others.length) lines.push(`"dynodeck engine apps remove <app>" deletes an app kept aside`);
  return lines;
}
