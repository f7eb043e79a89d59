// What the headless commands print, through one door: every line is cleaned of terminal
// control sequences (an error message, a build's output or an app name from a remote
// system cannot write the clipboard or clear the screen), and JSON carries every string
// cleaned the same way (JSON.stringify escapes C0 controls but leaves C1, e.g. U+009B
// (CSI), as it is).
import { sanitizeLine } from '../logs/sanitize.js';

/** One or more lines to stdout; line breaks inside `text` are kept. */
export function printLine(text: string): void {
  process.stdout.write(`${cleanLines(text)}\n`);
}

/** One or more lines to stderr; line breaks inside `text` are kept. */
export function printError(text: string): void {
  process.stderr.write(`${cleanLines(text)}\n`);
}

/** A JSON document (pretty, or one line for streams) with every string value and key cleaned. */
export function printJson(value: unknown, opts: { compact?: boolean } = {}): void {
  process.stdout.write(`${JSON.stringify(cleanJson(value), null, opts.compact ? undefined : 2)}\n`);
}

function cleanLines(text: string): string {
  return text.split(/\r?\n/).map(sanitizeLine).join('\n');
}

export function cleanJson(value: unknown): unknown {
  if (typeof value === 'string') return sanitizeLine(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [sanitizeLine(k), cleanJson(v)]));
  }
  return value;
}
