// Checks an AWS Signature Version 4 on a request the way AWS does, from its published
// algorithm: rebuild the canonical request from what arrived, derive the signing key from the
// secret for the credential scope's date, region and service, and compare in constant time.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface RequestToVerify {
  method: string;
  /** Path and query string as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Verdict =
  | { ok: true; accessKeyId: string }
  | { ok: false; problem: 'missing' | 'malformed' | 'unknown-key' | 'stale' | 'mismatch'; message: string };

/** AWS refuses requests signed more than 15 minutes away from its clock. */
export const SIGNATURE_WINDOW_MS = 15 * 60_000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(pathname: string): string {
  if (!pathname || pathname === '/') return '/';
  // Services other than S3 sign the path with each segment encoded twice.
  return pathname
    .split('/')
    .map((segment) => encodeRfc3986(encodeRfc3986(safeDecode(segment))))
    .join('/');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function canonicalQueryString(search: string): string {
  return [...new URLSearchParams(search)]
    .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`)
    .sort()
    .join('&');
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.join(',') : value).trim().replace(/\s+/g, ' ');
}

function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(text);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

export function verifySigV4(
  request: RequestToVerify,
  expect: { region: string; service: string; keys: (id: string) => AccessKey | undefined; now: number },
): Verdict {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return { ok: false, problem: 'missing', message: 'Missing Authentication Token' };
  const match = AUTHORIZATION.exec(authorization);
  if (!match)
    return {
      ok: false,
      problem: 'malformed',
      message: 'Authorization header requires Credential, SignedHeaders and Signature.',
    };
  const [, credential, signedList, signature] = match as unknown as [string, string, string, string];
  const [accessKeyId, day, region, service, terminal, ...extra] = credential.split('/');
  if (!accessKeyId || !day || terminal !== 'aws4_request' || extra.length)
    return {
      ok: false,
      problem: 'malformed',
      message: 'Credential should be <key>/<date>/<region>/<service>/aws4_request.',
    };
  if (region !== expect.region || service !== expect.service)
    return {
      ok: false,
      problem: 'malformed',
      message: `Credential should be scoped to a valid region and service: ${expect.region}/${expect.service}, not ${region}/${service}.`,
    };
  const amzDate = header(request.headers, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || amzDate.slice(0, 8) !== day)
    return {
      ok: false,
      problem: 'malformed',
      message: 'X-Amz-Date must be signed, in ISO 8601 basic format, on the day of the Credential scope.',
    };
  const signed = signedList.split(';');
  if (!signed.includes('host') || !signed.includes('x-amz-date'))
    return { ok: false, problem: 'malformed', message: 'SignedHeaders must include host and x-amz-date.' };
  const key = expect.keys(accessKeyId);
  if (!key)
    return { ok: false, problem: 'unknown-key', message: 'The security token included in the request is invalid.' };
  if (Math.abs(expect.now - signedAt) > SIGNATURE_WINDOW_MS)
    return {
      ok: false,
      problem: 'stale',
      message: `Signature expired: ${amzDate} is more than 15 minutes from the server's time.`,
    };

  const url = new URL(request.url, 'http://engine.invalid');
  const canonical = [
    request.method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQueryString(url.search),
    signed.map((name) => `${name}:${header(request.headers, name) ?? ''}\n`).join(''),
    signedList,
    sha256(request.body),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${key.secretAccessKey}`, day), region), service), 'aws4_request');
  const expected = createHmac('sha256', signingKey).update(toSign, 'utf8').digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      problem: 'mismatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  }
  return { ok: true, accessKeyId };
}
