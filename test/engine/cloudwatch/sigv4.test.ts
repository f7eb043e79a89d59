import { describe, expect, it } from 'vitest';
import { verifySigV4 } from '../../../src/engine/cloudwatch/sigv4.js';

// AWS's published SigV4 test suite: AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service".
const KEY = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const expectation = {
  region: 'us-east-1',
  service: 'service',
  keys: (id: string) => (id === KEY.accessKeyId ? KEY : undefined),
  now: Date.UTC(2015, 7, 30, 12, 36, 0),
};

function request(
  method: string,
  url: string,
  signature: string,
  credential = 'AKIDEXAMPLE/20150830/us-east-1/service',
) {
  return {
    method,
    url,
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${credential}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    },
    body: Buffer.alloc(0),
  };
}

const VECTORS = [
  ['GET', '/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
  ['GET', '/?Param2=value2&Param1=value1', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'],
  ['POST', '/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
] as const;

describe("the engine's SigV4 check", () => {
  it("accepts AWS's published test-suite requests (get-vanilla, get-vanilla-query-order, post-vanilla)", () => {
    for (const [method, url, signature] of VECTORS)
      expect(verifySigV4(request(method, url, signature), expectation)).toEqual({
        ok: true,
        accessKeyId: 'AKIDEXAMPLE',
      });
  });

  it('refuses a signature changed by one digit, an unknown key, another region and a stale date', () => {
    expect(verifySigV4(request('GET', '/', VECTORS[0][2].replace(/1$/, '2')), expectation)).toMatchObject({
      ok: false,
      problem: 'mismatch',
    });
    expect(
      verifySigV4(request('GET', '/', VECTORS[0][2], 'AKIDOTHER/20150830/us-east-1/service'), expectation),
    ).toMatchObject({ ok: false, problem: 'unknown-key' });
    expect(
      verifySigV4(request('GET', '/', VECTORS[0][2], 'AKIDEXAMPLE/20150830/eu-west-1/service'), expectation),
    ).toMatchObject({ ok: false, problem: 'malformed' });
    expect(
      verifySigV4(request('GET', '/', VECTORS[0][2]), { ...expectation, now: expectation.now + 16 * 60_000 }),
    ).toMatchObject({
      ok: false,
      problem: 'stale',
    });
  });

  it('refuses a request with no Authorization header', () => {
    const { authorization: _, ...headers } = request('GET', '/', VECTORS[0][2]).headers;
    expect(verifySigV4({ method: 'GET', url: '/', headers, body: Buffer.alloc(0) }, expectation)).toMatchObject({
      ok: false,
      problem: 'missing',
    });
  });
});
