// A fake clock and an environment whose metrics, dynos, events, log lines and checks a test sets by hand.
import type { CheckResult, MetricsSnapshot, PlatformEvent } from '../../src/metrics/types.js';
import { createAlertEngine, type AlertChange } from '../../src/alerts/evaluate.js';
import type { AlertRule } from '../../src/alerts/rules.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

export function snapshot(over: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return {
    rps: 1,
    p50: undefined,
    p95: undefined,
    p99: undefined,
    errorRate: undefined,
    requests: 0,
    hCodes: {},
    memoryMb: {},
    load1m: {},
    crashes: 0,
    errorCodes: {},
    ...over,
  };
}

export interface Pending {
  events?: PlatformEvent[];
  logLines?: string[];
  checks?: CheckResult[];
}

/** Evaluates like the deck does: every `stepMs`, with what the test set since the last call. */
export function deck(rules: AlertRule[], env = 'production', stepMs = 5 * SECOND) {
  const engine = createAlertEngine(rules);
  const windows: number[] = [];
  const state = {
    now: 0,
    metrics: snapshot(),
    dynos: [] as Array<{ name: string; state: string }>,
    servingVersion: undefined as number | undefined,
  };

  function tick(pending: Pending = {}): AlertChange[] {
    return engine.evaluate({
      env,
      now: state.now,
      metrics: (windowMs) => {
        windows.push(windowMs);
        return state.metrics;
      },
      dynos: state.dynos,
      servingVersion: state.servingVersion,
      events: pending.events ?? [],
      logLines: pending.logLines ?? [],
      checks: pending.checks ?? [],
    });
  }

  /** Moves the clock on by `ms`, evaluating at every step on the way (the end included); returns every change. */
  function advance(ms: number): AlertChange[] {
    const end = state.now + ms;
    const changes: AlertChange[] = [];
    while (state.now < end) {
      state.now = Math.min(state.now + stepMs, end);
      changes.push(...tick());
    }
    return changes;
  }

  return { engine, state, windows, tick, advance };
}

export function changesOf(changes: AlertChange[]): string[] {
  return changes.map((c) => `${c.change} ${c.alert.id}`);
}
