// Platform lines (heroku[web.1]: ..., heroku[logplex]: ..., app[api]: ...) that matter for health.
import type { PlatformEvent } from './types.js';

const SAMPLE = /(?:^|\s)sample#([a-z0-9_]+)=(\S+)/g;
const SOURCE = /(?:^|\s)source=(\S+)/;
const CRASH = /^State changed from \S+ to crashed\b/;
const ERROR_CODE = /^Error ([RL]\d+)\b/;
const RELEASE_FAILED = /^Release v\d+ failed\b/;
/** One-off processes (the release phase, `heroku run`, the scheduler): their end is not a crashed dyno of the formation. */
const ONE_OFF = /^(?:release|run|scheduler)\./;

/**
 * Every event in one platform line. A runtime-metrics line can carry memory and load
 * samples at once, so this returns a list; an unrelated line gives [].
 */
export function parsePlatformEvents(dyno: string, message: string, time: number): PlatformEvent[] {
  if (typeof message !== 'string' || typeof dyno !== 'string') return [];
  const text = message.trim();
  if (dyno === 'api') return RELEASE_FAILED.test(text) ? [{ kind: 'release-failed', time, text }] : [];
  if (CRASH.test(text)) return ONE_OFF.test(dyno) ? [] : [{ kind: 'crash', time, dyno }];
  const code = ERROR_CODE.exec(text)?.[1];
  if (code !== undefined) return [{ kind: 'error-code', time, dyno, code, message: text }];
  if (!text.includes('sample#')) return [];
  return samples(dyno, text, time);
}

/** The first event of a platform line, or undefined. */
export function parsePlatformLine(dyno: string, message: string, time: number): PlatformEvent | undefined {
  return parsePlatformEvents(dyno, message, time)[0];
}

function samples(dyno: string, text: string, time: number): PlatformEvent[] {
  // `dyno=heroku.123.uuid` is the dyno's id; `source=web.1` is its name, as in the brackets.
  const name = SOURCE.exec(text)?.[1] ?? dyno;
  const values = new Map<string, string>();
  for (const match of text.matchAll(SAMPLE)) values.set(match[1]!, match[2]!);
  const events: PlatformEvent[] = [];
  const rssMb = megabytes(values.get('memory_rss'));
  if (rssMb !== undefined) {
    const event: PlatformEvent = { kind: 'memory', time, dyno: name, rssMb };
    const totalMb = megabytes(values.get('memory_total'));
    const quotaMb = megabytes(values.get('memory_quota'));
    if (totalMb !== undefined) event.totalMb = totalMb;
    if (quotaMb !== undefined) event.quotaMb = quotaMb;
    events.push(event);
  }
  const load1m = plainNumber(values.get('load_avg_1m'));
  if (load1m !== undefined) events.push({ kind: 'load', time, dyno: name, load1m });
  return events;
}

const UNIT_MB: Record<string, number> = { kb: 1 / 1024, mb: 1, gb: 1024 };

function megabytes(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)([kmg]b)?$/i.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MB[(match[2] ?? 'mb').toLowerCase()] ?? 1);
}

function plainNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : undefined;
}
