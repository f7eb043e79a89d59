// One environment as the Environments pane shows it: release, formation, dyno states,
// and a note: the running operation's progress, a log stream that is down (its alerts
// cannot fire), the last result, or what waits to ship to the next stage.
import type { EnvironmentSnapshot } from '../../services/ports.js';
import type { Operation, WaitingToShip } from '../../store/environments-slice.js';
import { ageLabel, userLabel, versionLabel } from './release-labels.js';
import type { EnvHealth } from '../../store/health-slice.js';
import { formatAge } from './format-age.js';
import { sanitizeLine } from '../../logs/sanitize.js';

export interface EnvironmentRowView {
  name: string;
  release: string;
  /** `v5 1a2b3c4`, for narrow panes. */
  releaseShort: string;
  formation: Array<{ type: string; quantity: number }>;
  dynos: string;
  crashed: boolean;
  /** Progress, a failure, or what waits to ship. */
  note: string;
  noteTone: 'progress' | 'error' | 'ok' | 'muted';
}

/** Every text field is sanitised here, before the pane measures and cuts it to its columns. */
export function environmentRow(
  env: EnvironmentSnapshot,
  op: Operation | undefined,
  waiting: WaitingToShip | undefined,
  now: number,
  health?: EnvHealth,
): EnvironmentRowView {
  const view = rawRow(env, op, waiting, now, health);
  return {
    ...view,
    name: sanitizeLine(view.name),
    release: sanitizeLine(view.release),
    releaseShort: sanitizeLine(view.releaseShort),
    formation: view.formation.map((f) => ({ type: sanitizeLine(f.type), quantity: f.quantity })),
    note: sanitizeLine(view.note),
  };
}

function rawRow(
  env: EnvironmentSnapshot,
  op: Operation | undefined,
  waiting: WaitingToShip | undefined,
  now: number,
  health: EnvHealth | undefined,
): EnvironmentRowView {
  const r = env.release;
  const release = r
    ? `${versionLabel(r.version)} ${r.commit ? r.commit.slice(0, 7) : '-------'} ${ageLabel(now, r.createdAt)} ${userLabel(r.user)}`
    : 'no release yet';
  const formation = Object.entries(env.formation)
    .filter(([type]) => type !== 'release')
    .map(([type, quantity]) => ({ type, quantity }));
  const up = env.dynos.filter((d) => d.state === 'up').length;
  const crashed = env.dynos.filter((d) => d.state === 'crashed').length;
  const starting = env.dynos.filter((d) => d.state === 'starting').length;
  const dynos =
    [up ? `${up} up` : '', starting ? `${starting} starting` : '', crashed ? `${crashed} crashed` : '']
      .filter(Boolean)
      .join(' ') || (env.release ? 'none running' : '–');
  const releaseShort = r ? `${versionLabel(r.version)} ${r.commit ? r.commit.slice(0, 7) : ''}`.trim() : 'no release';
  return {
    name: env.name,
    release,
    releaseShort,
    formation,
    dynos,
    crashed: crashed > 0,
    ...note(env, op, waiting, now, health),
  };
}

function note(
  env: EnvironmentSnapshot,
  op: Operation | undefined,
  waiting: WaitingToShip | undefined,
  now: number,
  health: EnvHealth | undefined,
): Pick<EnvironmentRowView, 'note' | 'noteTone'> {
  if (op?.state === 'running') {
    return {
      note: `${op.kind} ${op.step}/${op.steps.length} ${op.steps[op.step - 1] ?? ''}${op.detail ? ` ${op.detail}` : ''}…`,
      noteTone: 'progress',
    };
  }
  if (health?.stream) return { note: streamDown(health.stream, now), noteTone: 'error' };
  // A finished operation stays in view for a while so its result is not missed; maintenance
  // mode (visitors get an error page) outranks a success.
  const recent = op && op.finishedAt !== undefined && now - op.finishedAt < 5 * 60_000 ? op : undefined;
  if (recent?.state === 'failed') return { note: `✗ ${recent.kind} failed: ${recent.reason ?? ''}`, noteTone: 'error' };
  if (env.maintenance) return { note: 'maintenance mode', noteTone: 'error' };
  if (recent) return { note: `✓ ${recent.kind} done${recent.detail ? ` (${recent.detail})` : ''}`, noteTone: 'ok' };
  if (env.stage === 'production' || !waiting) return { note: '', noteTone: 'muted' };
  if (waiting.commits === 0) return { note: 'nothing waits to ship', noteTone: 'muted' };
  const commits = `${waiting.commits}${waiting.truncated ? '+' : ''} commit${waiting.commits === 1 ? '' : 's'}`;
  const tickets = `${waiting.tickets} ticket${waiting.tickets === 1 ? '' : 's'}`;
  return { note: `⇡ ${commits}, ${tickets}`, noteTone: 'muted' };
}

/** `health: stream down 2m (session expired (HTTP 404))`: the row's ages move by the minute, so under one none is given. */
export function streamDown(stream: NonNullable<EnvHealth['stream']>, now: number): string {
  const down = now - stream.downSince;
  return `health: stream down${down >= 60_000 ? ` ${formatAge(down)}` : ''}${stream.error ? ` (${stream.error})` : ''}`;
}

export const STAGE_TITLES: Record<EnvironmentSnapshot['stage'], string> = {
  review: 'FEATURE BOXES',
  development: 'FEATURE BOXES',
  staging: 'STAGING',
  production: 'PRODUCTION',
};
