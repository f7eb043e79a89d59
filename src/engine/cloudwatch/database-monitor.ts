// Every minute (a little after the minute turns, so each sample lands in its own period):
// measure the databases, give each instance its default alarms, evaluate every alarm, and keep
// metrics and alarm history in a 0600 file, so that an engine restart keeps the last hours.
import { readFileSync } from 'node:fs';
import type { Clock } from '../../domain/clock.js';
import { writeFileAtomic } from '../state/atomic-write.js';
import { AlarmBook, type AlarmBookSnapshot } from './alarm-book.js';
import { defaultAlarms, type AlarmLimits } from './default-alarms.js';
import { MetricStore, type MetricStoreSnapshot } from './metric-store.js';
import type { CollectedInstance, createRdsCollector } from './rds-collector.js';

export interface DatabaseMonitorOptions {
  store: MetricStore;
  alarms: AlarmBook;
  collector: ReturnType<typeof createRdsCollector>;
  instances: () => CollectedInstance[];
  limits: AlarmLimits;
  clock: Clock;
  /** Where metrics and alarm history are kept between runs. */
  historyFile: string;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/** Seconds after the minute at which a sample is taken. */
const OFFSET_MS = 2_000;
/**
 * CPU and I/O rates need two samples: the second comes this soon after the first, not a minute
 * later. The alarms are given and evaluated from the second on: evaluated on the first, the CPU
 * alarm said INSUFFICIENT_DATA, which a deck reading then showed as a warning for a minute.
 */
const SECOND_SAMPLE_MS = 5_000;

export function createDatabaseMonitor(opts: DatabaseMonitorOptions) {
  const interval = opts.intervalMs ?? 60_000;
  let timer: unknown;
  let stopped = false;
  let running: Promise<void> | undefined;

  /** One sample; unless it is only the baseline the rates need, the alarms are given and evaluated. */
  async function tick(baseline = false): Promise<void> {
    const now = opts.clock.now();
    if (!baseline) {
      for (const { instance } of opts.instances()) {
        for (const alarm of defaultAlarms(instance, opts.limits)) opts.alarms.define(alarm, now);
      }
    }
    await opts.collector.sample(opts.instances());
    if (!baseline) opts.alarms.evaluate(opts.store, opts.clock.now());
    save();
  }

  function save() {
    const data: { metrics: MetricStoreSnapshot; alarms: AlarmBookSnapshot } = {
      metrics: opts.store.snapshot(),
      alarms: opts.alarms.snapshot(),
    };
    writeFileAtomic(opts.historyFile, JSON.stringify(data), 0o600);
  }

  function schedule(soon?: number) {
    if (stopped) return;
    const now = opts.clock.now();
    const wait = soon ?? (interval === 60_000 ? 60_000 - (now % 60_000) + OFFSET_MS : interval);
    timer = opts.clock.setTimeout(() => {
      running = tick()
        .catch((error: unknown) => opts.onError?.(error))
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, wait);
  }

  return {
    /** Restores what the last run kept, takes a first sample at once, then one a minute. */
    async start(): Promise<void> {
      restore(opts.historyFile, opts.store, opts.alarms, opts.clock.now());
      await tick(true).catch((error: unknown) => opts.onError?.(error));
      schedule(interval === 60_000 ? SECOND_SAMPLE_MS : undefined);
    },
    /** One sample and evaluation now (tests, and the first look after a deploy). */
    tick: () => tick(),
    async stop(): Promise<void> {
      stopped = true;
      if (timer !== undefined) opts.clock.clearTimeout(timer);
      await running;
    },
  };
}

function restore(file: string, store: MetricStore, alarms: AlarmBook, now: number) {
  let data: { metrics?: MetricStoreSnapshot; alarms?: AlarmBookSnapshot };
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as typeof data;
  } catch {
    return; // nothing kept yet, or a file cut short: start afresh
  }
  if (Array.isArray(data.metrics?.series)) store.restore(data.metrics, now);
  if (Array.isArray(data.alarms?.alarms) && Array.isArray(data.alarms.history)) alarms.restore(data.alarms, now);
}
