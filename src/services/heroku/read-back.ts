// Sentences about what Heroku's state shows after a write whose outcome is open (see
// write-once.ts). Pure: they take what was read and say it, inventing nothing.
import type * as Heroku from '@heroku-cli/schema';
import { sanitizeLine } from '../../logs/sanitize.js';

const clean = (text: string) => sanitizeLine(text).slice(0, 80);

/** "v13 (Deploy 1a2b3c4) pending"; unknown parts are shown as "?". */
export function releaseClause(r: Heroku.Release): string {
  const version = typeof r.version === 'number' ? `v${r.version}` : 'v?';
  const description = r.description ? ` (${clean(r.description)})` : '';
  return `${version}${description} ${typeof r.status === 'string' ? clean(r.status) : 'with no status'}`;
}

/**
 * The releases made since `newestBefore` (the newest version seen before the write),
 * from a list read newest first.
 */
export function newReleasesClause(releases: readonly Heroku.Release[], newestBefore: number | undefined): string {
  const fresh = releases.filter((r) => newestBefore === undefined || (r.version ?? Infinity) > newestBefore);
  if (fresh.length === 0)
    return `the releases list shows no new release${newestBefore !== undefined ? ` (v${newestBefore} is the newest)` : ''}`;
  return `the releases list shows ${joinAnd([...fresh].reverse().map(releaseClause))}`;
}

/** The builds of `commit` in a builds list (`Heroku.Build`s, newest first). */
export function buildsOfCommitClause(builds: readonly Heroku.Build[], commit: string, since: number): string {
  const short = commit.slice(0, 7);
  const ofCommit = builds.filter((b) => b.source_blob?.version === commit && !(Date.parse(b.created_at ?? '') < since));
  if (ofCommit.length === 0) return `the builds list shows no new build of ${short}`;
  return `the builds list shows ${joinAnd(
    ofCommit.map((b) => `a build of ${short} ${typeof b.status === 'string' ? clean(b.status) : 'with no status'}`),
  )}`;
}

/** "the formation shows web=3 worker=0 (as asked)". */
export function formationClause(formation: readonly Heroku.Formation[], asked: Record<string, number>): string {
  const shown = formation
    .filter((f) => typeof f.type === 'string')
    .sort((x, y) => x.type!.localeCompare(y.type!))
    .map((f) => `${clean(f.type!)}=${typeof f.quantity === 'number' ? f.quantity : '?'}`);
  const matches = Object.entries(asked).every(([type, quantity]) =>
    formation.some((f) => f.type === type && f.quantity === quantity),
  );
  return `the formation shows ${shown.join(' ') || 'no process types'} (${matches ? 'as asked' : 'not as asked'})`;
}

/** "the app shows maintenance on (as asked)". */
export function maintenanceClause(app: Heroku.App, asked: boolean): string {
  if (typeof app.maintenance !== 'boolean') return 'the app does not say whether maintenance is on';
  return `the app shows maintenance ${app.maintenance ? 'on' : 'off'} (${app.maintenance === asked ? 'as asked' : 'not as asked'})`;
}

/** The dynos a restart concerns, with their state and when each started, as Heroku lists them. */
export function dynosClause(dynos: readonly Heroku.Dyno[], target: string | undefined): string {
  const concerned = dynos.filter((d) => !target || d.name === target || d.type === target || d.id === target);
  if (concerned.length === 0) return `the dynos list shows no dyno${target ? ` named ${clean(target)}` : ''}`;
  const one = (d: Heroku.Dyno) => {
    const started = Date.parse(d.created_at ?? '');
    const since = Number.isNaN(started) ? 'started at an unknown time' : `since ${new Date(started).toISOString()}`;
    return `${clean(d.name ?? '?')} ${d.state ? clean(d.state) : 'in an unknown state'} ${since}`;
  };
  return `the dynos list shows ${joinAnd(concerned.map(one))}`;
}

/** For a build or release whose final answer has no status dynodeck knows. */
export function unknownStatusReason(what: string, status: unknown): string {
  const has = typeof status === 'string' ? `a status dynodeck does not know ("${clean(status)}")` : 'no status';
  return `Heroku's answer about ${what} has ${has}: dynodeck cannot tell whether it succeeded`;
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
