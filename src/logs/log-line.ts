// One log line as Heroku prints it: `<timestamp> <source>[<dyno>]: <message>`.
export type LogSource = 'app' | 'heroku';

export interface LogLine {
  /** Epoch milliseconds; may carry a fraction (microseconds read back from a file). */
  time: number;
  source: LogSource;
  /** 'web.1', 'worker.1', 'release.2', 'router', 'api' */
  dyno: string;
  text: string;
  /** Per-app increasing, assigned by the bus. */
  seq: number;
}

/** `2026-11-26T09:00:00.123456+00:00`: Heroku prints microseconds and an explicit UTC offset. */
export function formatTimestamp(time: number): string {
  const micros = Math.round(time * 1000);
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return `${base}.${String(fraction).padStart(6, '0')}+00:00`;
}

export function formatLogLine(line: Omit<LogLine, 'seq'>): string {
  return `${formatTimestamp(line.time)} ${line.source}[${line.dyno}]: ${line.text}`;
}

/**
 * `<timestamp> <source>[<dyno>]: ` — lenient on the timestamp (any fraction, `Z`, other
 * offsets) because Heroku's own examples vary. Groups: 1 date, 2 time of day, 3 fraction,
 * 4 offset, 5 source, 6 dyno. The one definition of the line's shape.
 */
export const LINE_PREFIX =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2}) ([A-Za-z][\w-]*)\[([^\]\s]+)\]: ?/;

/** A Heroku line from `app` or `heroku`; other sources (and foreign lines) are skipped, not misread. */
export function parseLogLine(text: string): Omit<LogLine, 'seq'> | undefined {
  const match = LINE_PREFIX.exec(text);
  if (!match) return undefined;
  const [prefix, date, timeOfDay, fraction = '', offset, source, dyno] = match;
  if (source !== 'app' && source !== 'heroku') return undefined;
  const message = text.slice(prefix.length);
  const wallMs = Date.parse(`${date}T${timeOfDay}Z`);
  if (Number.isNaN(wallMs)) return undefined;
  const micros = Number(fraction.slice(0, 6).padEnd(6, '0'));
  const time = wallMs - offsetMs(offset!) + micros / 1000;
  return { time, source, dyno: dyno!, text: message };
}

function offsetMs(offset: string): number {
  if (offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return sign * minutes * 60_000;
}
