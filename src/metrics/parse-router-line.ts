// Heroku router lines: `at=info method=GET path="/" dyno=web.1 connect=1ms service=14ms status=200 bytes=255`.
import type { RouterEvent } from './types.js';

export type RouterFields = Omit<RouterEvent, 'kind' | 'time'>;

/**
 * logfmt: `key=value`, `key="quoted \" value"`, `key=` (empty → undefined).
 * A bare word without `=` is skipped. An unterminated quote runs to the end of the line.
 */
export function parseLogfmt(message: string): Map<string, string | undefined> {
  const fields = new Map<string, string | undefined>();
  const n = message.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(message[i]!)) i++;
    const keyStart = i;
    while (i < n && !isSpace(message[i]!) && message[i] !== '=') i++;
    const key = message.slice(keyStart, i);
    if (message[i] !== '=') {
      // A bare word (or a stray `"`): skip to the next space.
      while (i < n && !isSpace(message[i]!)) i++;
      continue;
    }
    i++;
    let value = '';
    if (message[i] === '"') {
      i++;
      while (i < n && message[i] !== '"') {
        if (message[i] === '\\' && i + 1 < n) i++;
        value += message[i];
        i++;
      }
      i++;
    } else {
      const valueStart = i;
      while (i < n && !isSpace(message[i]!)) i++;
      value = message.slice(valueStart, i);
    }
    if (key !== '') fields.set(key, value === '' ? undefined : value);
  }
  return fields;
}

/** The router fields of a message, or undefined when it is not a router line (no valid `at=`). */
export function parseRouterFields(message: string): RouterFields | undefined {
  if (typeof message !== 'string') return undefined;
  const fields = parseLogfmt(message);
  const at = fields.get('at');
  if (at !== 'info' && at !== 'warning' && at !== 'error') return undefined;
  const result: RouterFields = { at };
  const code = fields.get('code');
  const method = fields.get('method');
  const path = fields.get('path');
  const dyno = fields.get('dyno');
  if (code !== undefined) result.code = code;
  if (method !== undefined) result.method = method;
  if (path !== undefined) result.path = path;
  if (dyno !== undefined) result.dyno = dyno;
  const connectMs = duration(fields.get('connect'));
  const serviceMs = duration(fields.get('service'));
  const status = integer(fields.get('status'));
  const bytes = integer(fields.get('bytes'));
  if (connectMs !== undefined) result.connectMs = connectMs;
  if (serviceMs !== undefined) result.serviceMs = serviceMs;
  if (status !== undefined) result.status = status;
  if (bytes !== undefined) result.bytes = bytes;
  return result;
}

export function parseRouterLine(message: string, time: number): RouterEvent | undefined {
  const fields = parseRouterFields(message);
  return fields && { kind: 'router', time, ...fields };
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

function duration(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)(ms)?$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

function integer(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
