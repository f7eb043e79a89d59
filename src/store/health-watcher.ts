// Watches every environment in the background, whatever the Logs pane shows: each
// environment's log stream (shared with the Logs pane through the LogStreams port, so a
// line is read and parsed off the wire once) feeds rolling metrics and the alert rules, synthetic checks
// request each health path, and alerts that fire are announced in the terminal. A stream
// that stays down is published with the health, so its silence is never taken for quiet.
import type { Clock, LogStreams } from '../services/ports.js';
import type { DeckStore } from './create-deck-store.js';
import type { AlertRule } from '../alerts/rules.js';
import type { CheckResult, PlatformEvent } from '../metrics/types.js';
import type { Notifier } from '../services/notify/terminal-notify.js';
import type { EnvHealth } from './health-slice.js';
import { createAlertEngine } from '../alerts/evaluate.js';
import { patternLineFilter } from '../alerts/pattern-lines.js';
import { createRollingMetrics, type RollingMetrics } from '../metrics/rolling-metrics.js';
import { eventsFromLogLine } from '../metrics/classify-line.js';
import { runHealthCheck } from '../services/health/health-check.js';
import { servingVersion } from '../alerts/serving-version.js';

export interface HealthWatcherOptions {
  clock: Clock;
  /** Live logs per environment (the streams the Logs pane shares). */
  logStreams: LogStreams;
  rules: AlertRule[];
  /** The path synthetic checks request (platform.healthCheck); none means no checks. */
  checkPath?: string;
  checkIntervalMs: number;
  evaluateEveryMs?: number;
  /** Wait before the first look, so start-up (the first frame, tickets, git) goes first. */
  startDelayMs?: number;
  notify?: Notifier;
  runCheck?: (url: string) => Promise<CheckResult>;
}

interface Watched {
  stopFollowing?: () => void;
  metrics: RollingMetrics;
  events: PlatformEvent[];
  /** Lines a log-pattern rule may count, since the last evaluation. */
  lines: string[];
  checks: CheckResult[];
  recent: string[];
  lastCheck?: CheckResult;
  nextCheckAt: number;
  checking: boolean;
  stream: { connected: boolean; downSince: number; error?: string };
}

/** Lines kept per environment between two evaluations, and for an alert's context. */
const PENDING_LINES = 5000;
const RECENT_LINES = 40;
/** How often figures that merely drift (req/s, latencies over the last minute) are published. */
export const FIGURES_EVERY_MS = 10_000;

/**
 * Whether the health to show differs from what is shown in more than drifting figures: an
 * environment or a figure that appears or goes, a check that passes or fails differently,
 * a stream that goes down or comes back, errors that start or stop.
 */
export function healthChangedMuch(shown: Record<string, EnvHealth>, next: Record<string, EnvHealth>): boolean {
  const envs = Object.keys(next);
  if (envs.length !== Object.keys(shown).length) return true;
  for (const env of envs) {
    const a = shown[env];
    const b = next[env]!;
    if (!a) return true;
    if ((a.p95 === undefined) !== (b.p95 === undefined) || (a.rps === 0) !== (b.rps === 0)) return true;
    if ((a.errorRate ?? 0) > 0 !== (b.errorRate ?? 0) > 0) return true;
    if (JSON.stringify(a.hCodes ?? {}) !== JSON.stringify(b.hCodes ?? {})) return true;
    if ((a.check === undefined) !== (b.check === undefined)) return true;
    if (
      a.check &&
      b.check &&
      (a.check.ok !== b.check.ok || a.check.status !== b.check.status || a.check.error !== b.check.error)
    )
      return true;
    if (JSON.stringify(a.stream) !== JSON.stringify(b.stream)) return true;
    if (a.rpsHistory !== b.rpsHistory || a.p95History !== b.p95History) return true;
  }
  return false;
}

/** A stream down this long is shown (replacing an expired log session takes about a second). */
export const STREAM_DOWN_SHOWN_AFTER_MS = 10_000;

export function startHealthWatcher(store: DeckStore, opts: HealthWatcherOptions): () => void {
  const { clock } = opts;
  const engine = createAlertEngine(opts.rules);
  const watched = new Map<string, Watched>();
  const context: Record<string, string[]> = {};
  const runCheck = opts.runCheck ?? ((url: string) => runHealthCheck(url, { now: () => clock.now() }));
  let stopped = false;
  let timer: unknown;
  let histories: Record<string, Pick<EnvHealth, 'rpsHistory' | 'p95History'>> = {};
  let historiesAt = 0;

  let shown: Record<string, EnvHealth> = {};
  let shownAt = Number.NEGATIVE_INFINITY;

  const publish = () => {
    const now = clock.now();
    const envHealth: Record<string, EnvHealth> = {};
    for (const [env, w] of watched) {
      const s = w.metrics.snapshot(60_000);
      envHealth[env] = {
        rps: Math.round(s.rps * 10) / 10,
        p50: s.p50 === undefined ? undefined : Math.round(s.p50),
        p95: s.p95 === undefined ? undefined : Math.round(s.p95),
        p99: s.p99 === undefined ? undefined : Math.round(s.p99),
        requests: s.requests,
        hCodes: s.hCodes,
        errorRate: s.errorRate === undefined ? undefined : Math.round(s.errorRate * 1000) / 1000,
        rpsHistory: histories[env]?.rpsHistory ?? [],
        p95History: histories[env]?.p95History ?? [],
        check: w.lastCheck
          ? {
              ok: w.lastCheck.ok,
              status: w.lastCheck.status,
              latencyMs: w.lastCheck.latencyMs,
              error: w.lastCheck.error,
              at: w.lastCheck.time,
            }
          : undefined,
        stream:
          !w.stream.connected && now - w.stream.downSince >= STREAM_DOWN_SHOWN_AFTER_MS
            ? { downSince: w.stream.downSince, error: w.stream.error }
            : undefined,
      };
    }
    // Figures that only drifted wait for the next round (each change redraws the screen);
    // anything that appears, disappears or turns bad is shown at once.
    const fresh = now - shownAt >= FIGURES_EVERY_MS || healthChangedMuch(shown, envHealth);
    if (fresh) {
      shown = envHealth;
      shownAt = now;
    }
    store.getState().publishHealth(engine.alerts(), shown, { ...context });
  };

  store.getState().attachAlertControls({
    acknowledge: (id) => {
      engine.acknowledge(id, clock.now());
      publish();
    },
    silence: (id, forMs) => {
      engine.silence(id, clock.now() + forMs, clock.now());
      publish();
    },
  });

  function watch(env: string): Watched {
    const patternLines = patternLineFilter(opts.rules, env);
    const w: Watched = {
      metrics: createRollingMetrics({ now: () => clock.now() }),
      events: [],
      lines: [],
      checks: [],
      recent: [],
      nextCheckAt: 0,
      checking: false,
      stream: { connected: false, downSince: clock.now() },
    };
    w.stopFollowing = opts.logStreams.follow(env, {
      onStatus: (status) => {
        if (status.state === 'connected') w.stream = { connected: true, downSince: status.since };
        else if (status.state !== 'stopped') {
          // Down since the first failure, not since the latest attempt.
          if (w.stream.connected) w.stream = { connected: false, downSince: status.since };
          if (status.error !== undefined) w.stream.error = status.error;
        }
      },
      onLines: (lines) => {
        for (const line of lines) {
          for (const event of eventsFromLogLine(line)) {
            w.metrics.add(event);
            if (event.kind !== 'router') w.events.push(event);
          }
        }
        w.lines.push(...patternLines(lines));
        if (w.lines.length > PENDING_LINES) w.lines.splice(0, w.lines.length - PENDING_LINES);
        if (w.events.length > PENDING_LINES) w.events.splice(0, w.events.length - PENDING_LINES);
        w.recent.push(...lines.slice(-RECENT_LINES));
        if (w.recent.length > RECENT_LINES) w.recent.splice(0, w.recent.length - RECENT_LINES);
      },
    });
    return w;
  }

  function tick() {
    if (stopped) return;
    const now = clock.now();
    const envs = store.getState().environments.filter((e) => e.release);
    for (const env of envs) if (!watched.has(env.name)) watched.set(env.name, watch(env.name));
    for (const [name, w] of watched) {
      if (!envs.some((e) => e.name === name)) {
        w.stopFollowing?.();
        watched.delete(name);
      }
    }
    if (now - historiesAt >= 10_000) {
      historiesAt = now;
      histories = Object.fromEntries(
        [...watched].map(([env, w]) => [
          env,
          { rpsHistory: w.metrics.history('rps', 60_000, 15), p95History: w.metrics.history('p95', 60_000, 15) },
        ]),
      );
    }
    for (const env of envs) {
      const w = watched.get(env.name)!;
      if (opts.checkPath && env.url && !w.checking && now >= w.nextCheckAt) {
        w.checking = true;
        w.nextCheckAt = now + opts.checkIntervalMs;
        void runCheck(new URL(opts.checkPath, env.url).href).then((result) => {
          w.checking = false;
          w.lastCheck = result;
          w.checks.push(result);
        });
      }
      const changes = engine.evaluate({
        env: env.name,
        now,
        metrics: (windowMs) => w.metrics.snapshot(windowMs),
        dynos: env.dynos.map((d) => ({ name: d.name, state: d.state })),
        servingVersion: servingVersion(env),
        events: w.events.splice(0),
        logLines: w.lines.splice(0),
        checks: w.checks.splice(0),
      });
      for (const { alert, change } of changes) {
        if (change === 'resolved') continue;
        context[alert.id] = [...w.recent];
        opts.notify?.(`dynodeck: ${alert.env} ${alert.severity}`, `${alert.rule} ${alert.value} (${alert.threshold})`);
      }
    }
    publish();
    timer = clock.setTimeout(tick, opts.evaluateEveryMs ?? 2000);
  }

  timer = clock.setTimeout(tick, opts.startDelayMs ?? 0);
  return () => {
    stopped = true;
    clock.clearTimeout(timer);
    for (const w of watched.values()) w.stopFollowing?.();
    watched.clear();
  };
}
