// Evaluates alert rules for one environment at a time. Pure and clock-driven: nothing happens
// between calls, and `now` comes from the caller, so tests drive it with plain numbers.
import type { CheckResult, MetricsSnapshot, PlatformEvent } from '../metrics/types.js';
import {
  acknowledgeAlert,
  alertId,
  expireSilence,
  fireAlert,
  isLive,
  isSilenced,
  resolveAlert,
  silenceAlert,
  sortAlerts,
  type Alert,
  type AlertChange,
} from './alert-state.js';
import { formatThreshold, formatValue, type Reading } from './format-alert.js';
import { ruleWatches, type AlertRule } from './rules.js';

export type { Alert, AlertChange, AlertHistoryEntry, AlertState } from './alert-state.js';

export interface EnvInputs {
  env: string;
  now: number;
  metrics: (windowMs: number) => MetricsSnapshot;
  dynos: Array<{ name: string; state: string }>;
  /** The version of the release serving now, as the platform says (a later one clears a failed release). */
  servingVersion?: number;
  /** New since the last call for this environment. */
  events: PlatformEvent[];
  /** New since the last call, for log-pattern rules. */
  logLines: string[];
  /** New since the last call. */
  checks: CheckResult[];
}

export interface AlertEngine {
  /** The notifications this call causes: none for silenced or acknowledged alerts. */
  evaluate(inputs: EnvInputs): AlertChange[];
  /** Firing first, then acknowledged, then resolved (recent first). */
  alerts(): Alert[];
  acknowledge(id: string, now: number): void;
  silence(id: string, untilMs: number, now: number): void;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** A crashed alert resolves once no dyno has been crashed for this long, so a restart that crashes again stays one alert. */
export const CRASH_CLEAR_MS = 60 * SECOND;
/** Memory errors repeat every few seconds while a dyno is over quota; quiet this long means it recovered. */
export const MEMORY_QUIET_MS = 10 * MINUTE;
/**
 * The platform reports failed releases but not the next good one, so a failed-release alert resolves
 * on its own this long after the last failure (another failure meanwhile starts the wait again).
 * Acknowledging it only stops the reminders; it still resolves on this timer.
 */
export const RELEASE_QUIET_MS = 15 * MINUTE;
/** Resolved alerts older than this are forgotten; firing again then counts as 'fired', not 'refired'. */
export const RESOLVED_KEEP_MS = 24 * 60 * MINUTE;
/** Per rule, however bursty the input, at most this many timestamps are kept. */
const WINDOW_CAP = 1000;

type Status = 'active' | 'clear' | 'hold';
interface Observation {
  at: number;
  /** 'hold' is neither: e.g. 1 of 3 crashes, which neither fires a restart loop nor proves it over. */
  status: Status;
  reading: Reading;
}
type Observer = (inputs: EnvInputs) => Observation[];

interface Tracker {
  rule: AlertRule;
  observe: Observer;
  fireAfterMs: number;
  clearAfterMs: number;
  activeSince?: number;
  clearSince?: number;
}

export function createAlertEngine(rules: readonly AlertRule[]): AlertEngine {
  const names = new Set<string>();
  for (const rule of rules) {
    // One alert per rule name and environment: two rules sharing a name would fight over it.
    if (names.has(rule.name)) throw new Error(`two alert rules are named "${rule.name}"`);
    names.add(rule.name);
    // Fails at start-up, not on the first matching line, when a pattern is bad.
    if (rule.kind === 'log-pattern') new RegExp(rule.pattern);
  }
  const trackers = new Map<string, Tracker>();
  const alerts = new Map<string, Alert>();

  function trackerFor(rule: AlertRule, env: string): Tracker {
    const id = alertId(rule.name, env);
    let tracker = trackers.get(id);
    if (!tracker) {
      tracker = { rule, observe: observerFor(rule), ...timing(rule) };
      trackers.set(id, tracker);
    }
    return tracker;
  }

  function step(tracker: Tracker, env: string, obs: Observation): AlertChange | undefined {
    const { rule } = tracker;
    const id = alertId(rule.name, env);
    if (obs.status !== 'active') tracker.activeSince = undefined;
    if (obs.status !== 'clear') tracker.clearSince = undefined;
    if (obs.status === 'active') tracker.activeSince ??= obs.at;
    if (obs.status === 'clear') tracker.clearSince ??= obs.at;

    const previous = alerts.get(id);
    const value = formatValue(obs.reading);
    if (!isLive(previous)) {
      if (tracker.activeSince === undefined || obs.at - tracker.activeSince < tracker.fireAfterMs) return undefined;
      const identity = {
        id,
        rule: rule.name,
        env,
        severity: rule.severity,
        threshold: formatThreshold(rule),
        source: rule.kind === 'health-check' ? ('checks' as const) : ('logs' as const),
      };
      const fired = fireAlert(previous, identity, value, obs.at);
      alerts.set(id, fired.alert);
      return isSilenced(fired.alert, obs.at) ? undefined : fired;
    }
    if (tracker.clearSince !== undefined && obs.at - tracker.clearSince >= tracker.clearAfterMs) {
      const resolved = resolveAlert(previous, value, obs.at);
      alerts.set(id, resolved);
      return isSilenced(resolved, obs.at) ? undefined : { alert: resolved, change: 'resolved' };
    }
    if (previous.value !== value) alerts.set(id, { ...previous, value });
    return undefined;
  }

  function expireSilences(env: string, now: number, changed: ReadonlySet<string>): AlertChange[] {
    const renotified: AlertChange[] = [];
    for (const [id, alert] of alerts) {
      if (alert.env !== env) continue;
      if (alert.state === 'resolved' && (alert.resolvedAt ?? now) < now - RESOLVED_KEEP_MS) {
        alerts.delete(id);
        continue;
      }
      const unsilenced = expireSilence(alert, now);
      if (!unsilenced) continue;
      alerts.set(id, unsilenced);
      // Still firing when the silence ends: say so again, unless this very call already did.
      if (unsilenced.state === 'firing' && !changed.has(id)) renotified.push({ alert: unsilenced, change: 'fired' });
    }
    return renotified;
  }

  return {
    evaluate(inputs) {
      const cached = new Map<number, MetricsSnapshot>();
      const metrics = (windowMs: number): MetricsSnapshot => {
        let snapshot = cached.get(windowMs);
        if (!snapshot) cached.set(windowMs, (snapshot = inputs.metrics(windowMs)));
        return snapshot;
      };
      const shared: EnvInputs = { ...inputs, metrics };
      const changes: AlertChange[] = [];
      for (const rule of rules) {
        if (!ruleWatches(rule, inputs.env)) continue;
        const tracker = trackerFor(rule, inputs.env);
        for (const obs of tracker.observe(shared)) {
          const change = step(tracker, inputs.env, obs);
          if (change) changes.push(change);
        }
      }
      const changed = new Set(changes.map((c) => c.alert.id));
      return [...changes, ...expireSilences(inputs.env, inputs.now, changed)];
    },
    alerts: () => sortAlerts(alerts.values()),
    acknowledge(id, now) {
      const alert = alerts.get(id);
      if (alert) alerts.set(id, acknowledgeAlert(alert, now));
    },
    silence(id, untilMs, now) {
      const alert = alerts.get(id);
      if (alert) alerts.set(id, silenceAlert(alert, untilMs, now));
    },
  };
}

/** How long a condition must hold before firing, and stay clear before resolving. */
function timing(rule: AlertRule): { fireAfterMs: number; clearAfterMs: number } {
  switch (rule.kind) {
    case 'p95':
    case 'error-rate':
      return { fireAfterMs: rule.forMs, clearAfterMs: rule.forMs };
    case 'crashed':
      return { fireAfterMs: 0, clearAfterMs: CRASH_CLEAR_MS };
    default:
      // The others carry their own windows (event ages, streaks), so they act on each observation.
      return { fireAfterMs: 0, clearAfterMs: 0 };
  }
}

function observerFor(rule: AlertRule): Observer {
  switch (rule.kind) {
    case 'p95':
      return ({ now, metrics }) => {
        const ms = metrics(rule.forMs).p95;
        return [
          { at: now, status: ms !== undefined && ms > rule.aboveMs ? 'active' : 'clear', reading: { kind: 'p95', ms } },
        ];
      };
    case 'error-rate':
      return ({ now, metrics }) => {
        const { errorRate, requests } = metrics(rule.forMs);
        const percent = errorRate === undefined ? undefined : errorRate * 100;
        const over = percent !== undefined && requests >= (rule.minRequests ?? 0) && percent > rule.abovePercent;
        return [{ at: now, status: over ? 'active' : 'clear', reading: { kind: 'error-rate', percent, requests } }];
      };
    case 'crashed':
      return ({ now, dynos, events }) => {
        const crashed = new Set(dynos.filter((d) => d.state === 'crashed').map((d) => d.name));
        for (const e of events) if (e.kind === 'crash') crashed.add(e.dyno);
        const list = [...crashed].sort();
        return [{ at: now, status: list.length > 0 ? 'active' : 'clear', reading: { kind: 'crashed', dynos: list } }];
      };
    case 'restart-loop':
      return windowCounter(
        rule.crashes,
        rule.withinMs,
        (inputs) => inputs.events.filter((e) => e.kind === 'crash').map((e) => ({ at: e.time, n: 1 })),
        (crashes) => ({ kind: 'restart-loop', crashes, withinMs: rule.withinMs }),
      );
    case 'log-pattern': {
      const regex = new RegExp(rule.pattern);
      return windowCounter(
        rule.count,
        rule.withinMs,
        ({ now, logLines }) => {
          const n = logLines.filter((line) => regex.test(line)).length;
          return n > 0 ? [{ at: now, n }] : [];
        },
        (matches) => ({ kind: 'log-pattern', matches, withinMs: rule.withinMs }),
      );
    }
    case 'memory':
      return lastSeen(MEMORY_QUIET_MS, memoryTrouble, (last) => ({ kind: 'memory', last, quietMs: MEMORY_QUIET_MS }));
    case 'release-failed':
      return lastSeen(
        RELEASE_QUIET_MS,
        (e) => (e.kind === 'release-failed' ? `release failed: ${e.text}` : undefined),
        (last) => ({ kind: 'release-failed', last, quietMs: RELEASE_QUIET_MS }),
        // A later release serving now: the failure is over, whatever the quiet time says.
        (last, inputs) => {
          const failed = Number(/\bRelease v(\d+) failed\b/.exec(last.text)?.[1]);
          return inputs.servingVersion !== undefined && Number.isFinite(failed) && inputs.servingVersion > failed;
        },
      );
    case 'health-check':
      return streaks(rule.failures);
  }
}

/**
 * Counts things seen within a sliding window: active at `threshold`, clear only once the window
 * holds none at all, so a loop that slows down a little does not resolve and fire again.
 */
function windowCounter(
  threshold: number,
  withinMs: number,
  seen: (inputs: EnvInputs) => Array<{ at: number; n: number }>,
  reading: (count: number) => Reading,
): Observer {
  let window: Array<{ at: number; n: number }> = [];
  return (inputs) => {
    const cutoff = inputs.now - withinMs;
    window = [...window, ...seen(inputs)].filter((s) => s.at > cutoff).slice(-WINDOW_CAP);
    const count = window.reduce((sum, s) => sum + s.n, 0);
    const status: Status = count >= threshold ? 'active' : count === 0 ? 'clear' : 'hold';
    return [{ at: inputs.now, status, reading: reading(count) }];
  };
}

/** Active while the last matching event is younger than `quietMs`. Event times, not call times, decide. */
function lastSeen(
  quietMs: number,
  describe: (event: PlatformEvent) => string | undefined,
  reading: (last: string | undefined) => Reading,
  over?: (last: { at: number; text: string }, inputs: EnvInputs) => boolean,
): Observer {
  let last: { at: number; text: string } | undefined;
  return (inputs) => {
    const { now, events } = inputs;
    for (const e of events) {
      const text = describe(e);
      if (text !== undefined && (!last || e.time >= last.at)) last = { at: e.time, text };
    }
    const active = last !== undefined && now - last.at < quietMs && !over?.(last, inputs);
    return [{ at: now, status: active ? 'active' : 'clear', reading: reading(active ? last?.text : undefined) }];
  };
}

function memoryTrouble(e: PlatformEvent): string | undefined {
  if (e.kind === 'error-code' && (e.code === 'R14' || e.code === 'R15')) return `${e.code} on ${e.dyno}`;
  if (e.kind === 'memory' && e.quotaMb !== undefined && e.rssMb > e.quotaMb) {
    return `${Math.round(e.rssMb)} MB of ${Math.round(e.quotaMb)} MB on ${e.dyno}`;
  }
  return undefined;
}

/** One observation per check, in time order: fires after `n` failures in a row, resolves after `n` passes in a row. */
function streaks(n: number): Observer {
  let failing = 0;
  let passing = 0;
  let error: string | undefined;
  return ({ now, checks }) =>
    [...checks]
      .sort((a, b) => a.time - b.time)
      .map((check): Observation => {
        failing = check.ok ? 0 : failing + 1;
        passing = check.ok ? passing + 1 : 0;
        error = check.ok
          ? undefined
          : (check.error ?? (check.status !== undefined ? `status ${check.status}` : undefined));
        const status: Status = failing >= n ? 'active' : passing >= n ? 'clear' : 'hold';
        return { at: Math.min(check.time, now), status, reading: { kind: 'health-check', failing, passing, error } };
      });
}
