// Header rewriting between client and dyno, as Heroku's router does it.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';

// Hop-by-hop headers describe one connection and must not be forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
]);

function connectionTokens(value: string | string[] | undefined): Set<string> {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    joined
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** Heroku keeps a client's X-Request-Id when it is 20–200 characters of letters, digits, `+ / = -`. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[A-Za-z0-9+/=-]{20,200}$/.test(value) ? value : randomUUID();
}

export function forwardedFor(existing: string | string[] | undefined, clientIp: string): string {
  const prior = Array.isArray(existing) ? existing.join(', ') : existing;
  return prior ? `${prior}, ${clientIp}` : clientIp;
}

export interface UpstreamHeaderInput {
  requestId: string;
  forwardedFor: string;
  routerPort: number;
}

export function upstreamHeaders(client: IncomingHttpHeaders, input: UpstreamHeaderInput): OutgoingHttpHeaders {
  const drop = connectionTokens(client.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(client)) {
    if (value === undefined || HOP_BY_HOP.has(name) || drop.has(name)) continue;
    // The router already answered "100 Continue" to the client.
    if (name === 'expect') continue;
    out[name] = value;
  }
  out['x-request-id'] = input.requestId;
  out['x-forwarded-for'] = input.forwardedFor;
  out['x-forwarded-proto'] = 'http';
  out['x-forwarded-port'] = String(input.routerPort);
  out['via'] = client.via ? `${String(client.via)}, 1.1 dynodeck` : '1.1 dynodeck';
  return out;
}

/** The dyno's response headers as a flat [name, value, …] list, minus hop-by-hop ones; keeps order and repeats. */
export function downstreamHeaders(rawHeaders: readonly string[]): string[] {
  const out: string[] = [];
  let connection: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'connection') connection = rawHeaders[i + 1];
  }
  const drop = connectionTokens(connection);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || drop.has(lower)) continue;
    out.push(name, rawHeaders[i + 1] as string);
  }
  return out;
}
