// How log lines go over the wire to a log-session client: SSE events or plain text.
import { formatLogLine, formatTimestamp, type LogLine } from '../../logs/log-line.js';

export type StreamFormat = 'sse' | 'text';

export const SSE_KEEP_ALIVE = ': keep-alive\n\n';

// SSE treats any CR or LF as the end of a field, so a stray one inside a message
// becomes a second `data:` field, which the client joins back with a newline.
function sseData(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((part) => `data: ${part}\n`)
    .join('');
}

export function encodeLine(line: LogLine, format: StreamFormat): string {
  const formatted = formatLogLine(line);
  return format === 'sse' ? `id: ${line.seq}\n${sseData(formatted)}\n` : `${formatted}\n`;
}

/** A line that is not in the bus (no seq), so an SSE client cannot resume from it. */
export function encodeNotice(line: Omit<LogLine, 'seq'>, format: StreamFormat): string {
  const formatted = formatLogLine(line);
  return format === 'sse' ? `${sseData(formatted)}\n` : `${formatted}\n`;
}

/** Logplex's own words when a drain cannot keep up. */
export function overflowNotice(dropped: number, since: number, now: number): Omit<LogLine, 'seq'> {
  return {
    time: now,
    source: 'heroku',
    dyno: 'logplex',
    text: `Error L10 (output buffer overflow): ${dropped} messages dropped since ${formatTimestamp(since)}.`,
  };
}
