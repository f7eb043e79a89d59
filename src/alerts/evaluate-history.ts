// Alerts for a one-shot command (`dynodeck alerts`, `status --json`): replays each
// environment's recent log history through the same rules the deck runs live, stepping
// a clock through it, so "held for 5 minutes" means the same thing in both.
import type { EnvironmentSnapshot } from '../services/ports.js';
import type { CheckResult, PlatformEvent, RouterEvent } from '../metrics/types.js';
import type { AlertRule } from './rules.js';
import { createAlertEngine, type Alert } from './evaluate.js';
import { servingVersion } from './serving-version.js';
import { createRollingMetrics } from '../metrics/rolling-metrics.js';
import { eventsFromLogLine } from '../metrics/classify-line.js';
import { parseLogLine } from '../logs/log-line.js';

export interface HistoryInput {
  env: EnvironmentSnapshot;
  lines: string[];
  check?: CheckResult;
}

const STEP_MS = 5000;
const SPAN_MS = 15 * 60_000;

/** `spanMs`: how far back the replay starts; at least the longest window of the rules (history-coverage.ts). */
export function evaluateFromHistory(
  inputs: HistoryInput[],
  rules: readonly AlertRule[],
  now: number,
  spanMs = SPAN_MS,
): Alert[] {
  const engine = createAlertEngine(rules);
  for (const { env, lines, check } of inputs) {
    let t = now - spanMs;
    const metrics = createRollingMetrics({ now: () => t });
    const timed = lines
      .map((line) => ({ line, time: parseLogLine(line)?.time ?? now, events: eventsFromLogLine(line) }))
      .filter((l) => l.time > now - spanMs)
      .sort((a, b) => a.time - b.time);
    let next = 0;
    for (; t <= now; t += STEP_MS) {
      const events: PlatformEvent[] = [];
      const logLines: string[] = [];
      while (next < timed.length && timed[next]!.time <= t) {
        const item = timed[next++]!;
        logLines.push(item.line);
        for (const e of item.events as Array<RouterEvent | PlatformEvent>) {
          metrics.add(e);
          if (e.kind !== 'router') events.push(e);
        }
      }
      const last = t + STEP_MS > now;
      engine.evaluate({
        env: env.name,
        now: t,
        metrics: (w) => metrics.snapshot(w),
        // Dyno states are only known now; history cannot say when a crash began.
        dynos: last ? env.dynos.map((d) => ({ name: d.name, state: d.state })) : [],
        servingVersion: last ? servingVersion(env) : undefined,
        events,
        logLines,
        checks: last && check ? [check] : [],
      });
    }
  }
  return engine.alerts();
}
