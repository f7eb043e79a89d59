import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  signingKey,
  stringToSign,
  verifySignature,
  type SignedRequest,
  type SigningCredentials,
} from './sigv4.js';

// AWS's published SigV4 test suite: AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service".
const SUITE: SigningCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const SUITE_TIME = Date.UTC(2015, 7, 30, 12, 36, 0);
const SCOPE = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

function suiteRequest(method: string, url: string, signature: string): SignedRequest {
  return {
    method,
    url,
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    },
    body: Buffer.alloc(0),
  };
}

const suiteOptions = {
  region: 'us-east-1',
  service: 'service',
  lookup: (id: string) => (id === SUITE.accessKeyId ? SUITE : undefined),
  now: SUITE_TIME,
};

/** Signs like a client would, with this module's own pieces, for the negative cases. */
function sign(request: SignedRequest, creds: SigningCredentials, region: string, service: string): SignedRequest {
  const amzDate = String(request.headers['x-amz-date']);
  const date = amzDate.slice(0, 8);
  const signed = Object.keys(request.headers)
    .filter((h) => h !== 'authorization')
    .sort();
  const scope = `${date}/${region}/${service}/aws4_request`;
  const signature = createHmac('sha256', signingKey(creds.secretAccessKey, date, region, service))
    .update(stringToSign(amzDate, scope, canonicalRequest(request, signed)))
    .digest('hex');
  return {
    ...request,
    headers: {
      ...request.headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`,
    },
  };
}

function cloudWatchRequest(body: string, at: number, extra: Record<string, string> = {}): SignedRequest {
  const amzDate = new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return {
    method: 'POST',
    url: '/',
    headers: {
      host: '127.0.0.1:4566',
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms',
      'x-amz-date': amzDate,
      ...extra,
    },
    body: Buffer.from(body),
  };
}

describe('SigV4 verification', () => {
  it('accepts the published test-suite requests (get-vanilla, query order, post-vanilla)', () => {
    const vectors = [
      ['GET', '/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
      ['GET', '/?Param2=value2&Param1=value1', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'],
      ['POST', '/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
    ] as const;
    for (const [method, url, signature] of vectors) {
      expect(verifySignature(suiteRequest(method, url, signature), suiteOptions)).toEqual({
        ok: true,
        accessKeyId: 'AKIDEXAMPLE',
      });
    }
  });

  it('refuses a published request whose signature was changed by one digit', () => {
    const tampered = suiteRequest('GET', '/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf32');
    expect(verifySignature(tampered, suiteOptions)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses a request signed with the wrong secret, or whose body changed after signing', () => {
    const now = Date.UTC(2026, 11, 2, 10, 0, 0);
    const options = { region: 'eu-west-1', service: 'monitoring', lookup: () => SUITE, now };
    const good = sign(cloudWatchRequest('{}', now), SUITE, 'eu-west-1', 'monitoring');
    expect(verifySignature(good, options)).toMatchObject({ ok: true });
    const wrongSecret = sign(
      cloudWatchRequest('{}', now),
      { ...SUITE, secretAccessKey: 'nope' },
      'eu-west-1',
      'monitoring',
    );
    expect(verifySignature(wrongSecret, options)).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifySignature({ ...good, body: Buffer.from('{"MaxRecords":1}') }, options)).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses a signature more than 15 minutes away from its clock', () => {
    const signedAt = Date.UTC(2026, 11, 2, 10, 0, 0);
    const request = sign(cloudWatchRequest('{}', signedAt), SUITE, 'eu-west-1', 'monitoring');
    const options = { region: 'eu-west-1', service: 'monitoring', lookup: () => SUITE };
    expect(verifySignature(request, { ...options, now: signedAt + 14 * 60_000 })).toMatchObject({ ok: true });
    expect(verifySignature(request, { ...options, now: signedAt + 16 * 60_000 })).toMatchObject({
      ok: false,
      reason: 'expired-signature',
    });
  });

  it('requires a session token, signed, when the credentials have one', () => {
    const now = Date.UTC(2026, 11, 2, 10, 0, 0);
    const temporary = { ...SUITE, sessionToken: 'session-token-1' };
    const options = { region: 'eu-west-1', service: 'monitoring', lookup: () => temporary, now };
    const withToken = sign(
      cloudWatchRequest('{}', now, { 'x-amz-security-token': 'session-token-1' }),
      temporary,
      'eu-west-1',
      'monitoring',
    );
    expect(verifySignature(withToken, options)).toMatchObject({ ok: true });
    const without = sign(cloudWatchRequest('{}', now), temporary, 'eu-west-1', 'monitoring');
    expect(verifySignature(without, options)).toMatchObject({ ok: false, reason: 'bad-token' });
  });

  it('refuses a scope naming another region or service, and an unknown key', () => {
    const now = Date.UTC(2026, 11, 2, 10, 0, 0);
    const options = {
      region: 'eu-west-1',
      service: 'monitoring',
      lookup: (id: string) => (id === 'AKIDEXAMPLE' ? SUITE : undefined),
      now,
    };
    const otherRegion = sign(cloudWatchRequest('{}', now), SUITE, 'us-east-1', 'monitoring');
    expect(verifySignature(otherRegion, options)).toMatchObject({ ok: false, reason: 'wrong-scope' });
    const otherService = sign(cloudWatchRequest('{}', now), SUITE, 'eu-west-1', 'logs');
    expect(verifySignature(otherService, options)).toMatchObject({ ok: false, reason: 'wrong-scope' });
    const unknown = sign(
      cloudWatchRequest('{}', now),
      { ...SUITE, accessKeyId: 'AKIAOTHER' },
      'eu-west-1',
      'monitoring',
    );
    expect(verifySignature(unknown, options)).toMatchObject({ ok: false, reason: 'unknown-key' });
    expect(verifySignature(cloudWatchRequest('{}', now), options)).toMatchObject({ ok: false, reason: 'missing' });
  });
});
