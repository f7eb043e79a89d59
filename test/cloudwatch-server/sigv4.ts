// Checks AWS Signature Version 4 on a request, written from AWS's published algorithm and not
// from the SDK's signer, so a signing mistake on either side shows up: canonical request, string
// to sign, the HMAC key chain, then a constant-time comparison.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SignatureCheck =
  | { ok: true; accessKeyId: string }
  | {
      ok: false;
      reason: 'missing' | 'malformed' | 'unknown-key' | 'bad-token' | 'expired-signature' | 'wrong-scope' | 'mismatch';
      detail: string;
    };

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS refuses a signature more than 15 minutes from its own clock. */
export const MAX_SKEW_MS = 15 * 60_000;

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~ */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Each segment encoded (non-S3 services encode the already-encoded path once more, as the signer does). */
export function canonicalUri(path: string): string {
  if (path === '' || path === '/') return '/';
  return path
    .split('/')
    .map((segment) => uriEncode(uriEncode(decodeURIComponent(segment))))
    .join('/');
}

export function canonicalQuery(search: string): string {
  const params = new URLSearchParams(search);
  return [...params]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.join(',') : value).trim().replace(/\s+/g, ' ');
}

export function canonicalRequest(request: SignedRequest, signedHeaders: readonly string[]): string {
  const url = new URL(request.url, 'http://placeholder');
  const headerLines = signedHeaders.map((name) => `${name}:${headerValue(request.headers, name) ?? ''}\n`).join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    headerLines,
    signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export interface VerifyOptions {
  region: string;
  /** CloudWatch signs as "monitoring". */
  service: string;
  lookup: (accessKeyId: string) => SigningCredentials | undefined;
  now: number;
}

export function verifySignature(request: SignedRequest, options: VerifyOptions): SignatureCheck {
  const auth = headerValue(request.headers, 'authorization');
  if (!auth) return { ok: false, reason: 'missing', detail: 'Missing Authentication Token' };
  const match = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    auth,
  );
  if (!match)
    return {
      ok: false,
      reason: 'malformed',
      detail: 'Authorization header requires Credential, SignedHeaders and Signature',
    };
  const [, credential, signedList, signature] = match as unknown as [string, string, string, string];
  const [accessKeyId, date, region, service, terminator, ...rest] = credential.split('/');
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request' || rest.length > 0) {
    return {
      ok: false,
      reason: 'malformed',
      detail: `Credential should be <key>/<date>/<region>/<service>/aws4_request`,
    };
  }
  const amzDate = headerValue(request.headers, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined)
    return { ok: false, reason: 'malformed', detail: 'X-Amz-Date is missing or not in ISO 8601 basic format' };
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host') || signedHeaders.join(';') !== [...signedHeaders].sort().join(';')) {
    return { ok: false, reason: 'malformed', detail: 'SignedHeaders must be sorted and include host' };
  }
  if (!signedHeaders.includes('x-amz-date'))
    return { ok: false, reason: 'malformed', detail: 'x-amz-date must be signed' };
  if (date !== amzDate.slice(0, 8)) {
    return {
      ok: false,
      reason: 'wrong-scope',
      detail: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}'`,
    };
  }
  if (region !== options.region || service !== options.service) {
    return {
      ok: false,
      reason: 'wrong-scope',
      detail: `Credential should be scoped to a valid region and service: expected ${options.region}/${options.service}, got ${region}/${service}`,
    };
  }
  const known = options.lookup(accessKeyId);
  if (!known)
    return { ok: false, reason: 'unknown-key', detail: 'The security token included in the request is invalid.' };
  if (known.sessionToken !== undefined) {
    if (
      !signedHeaders.includes('x-amz-security-token') ||
      headerValue(request.headers, 'x-amz-security-token') !== known.sessionToken
    ) {
      return { ok: false, reason: 'bad-token', detail: 'The security token included in the request is invalid.' };
    }
  }
  if (Math.abs(options.now - signedAt) > MAX_SKEW_MS) {
    return {
      ok: false,
      reason: 'expired-signature',
      detail: `Signature expired: ${amzDate} is now earlier than the 15 minutes allowed`,
    };
  }
  const scope = `${date}/${region}/${service}/aws4_request`;
  const expected = createHmac('sha256', signingKey(known.secretAccessKey, date, region, service))
    .update(stringToSign(amzDate, scope, canonicalRequest(request, signedHeaders)), 'utf8')
    .digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      reason: 'mismatch',
      detail:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return { ok: true, accessKeyId };
}
