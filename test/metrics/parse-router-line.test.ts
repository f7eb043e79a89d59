import { describe, expect, it } from 'vitest';
import { parseLogfmt, parseRouterFields } from '../../src/metrics/parse-router-line.js';
import { eventsFromLogLine } from '../../src/metrics/classify-line.js';

describe('router lines', () => {
  it("parses every router line shape from Heroku's docs, empty fields included", () => {
    expect(
      parseRouterFields(
        'at=info method=POST path="/record?start=123&end=321" host=cli-analytics.heroku.com request_id=0fb9c505-5d65-4e63-8fee-fa18da33ee47 fwd="50.233.199.252" dyno=web.1 connect=1ms service=14ms status=201 bytes=255 protocol=https',
      ),
    ).toEqual({
      at: 'info',
      method: 'POST',
      path: '/record?start=123&end=321',
      dyno: 'web.1',
      connectMs: 1,
      serviceMs: 14,
      status: 201,
      bytes: 255,
    });

    expect(
      parseRouterFields(
        'at=error code=H10 desc="App crashed" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= status=503 bytes=',
      ),
    ).toEqual({ at: 'error', code: 'H10', method: 'GET', path: '/', status: 503 });

    expect(
      parseRouterFields(
        'sock=client at=warning code=H27 desc="Client Request Interrupted" method=POST path="/submit/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=1ms service=0ms status=499 bytes=',
      ),
    ).toEqual({
      at: 'warning',
      code: 'H27',
      method: 'POST',
      path: '/submit/',
      dyno: 'web.1',
      connectMs: 1,
      serviceMs: 0,
      status: 499,
    });

    expect(
      parseRouterFields(
        'at=warning code=H28 desc="Client Connection Idle" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=1ms service=55ms status=499 bytes=18',
      ),
    ).toMatchObject({ at: 'warning', code: 'H28', status: 499, serviceMs: 55, bytes: 18 });

    expect(
      parseRouterFields(
        'sock=backend at=error code=H18 desc="Server Request Interrupted" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=1ms service=0ms status=503 bytes=',
      ),
    ).toMatchObject({ at: 'error', code: 'H18', status: 503, dyno: 'web.1' });

    expect(
      parseRouterFields(
        'at=info code=H80 desc="Maintenance mode" method=GET path="/" host=myapp.herokuapp.com request_id=abc fwd=17.17.17.17 dyno= connect= service= status=503 bytes= protocol=https',
      ),
    ).toEqual({ at: 'info', code: 'H80', method: 'GET', path: '/', status: 503 });

    expect(
      parseRouterFields(
        'at=info method=GET path="/search?q=red shoes&tag=\\"sale\\"" dyno=web.2 connect=0ms service=7ms status=200 bytes=10',
      ),
    ).toMatchObject({
      path: '/search?q=red shoes&tag="sale"',
      dyno: 'web.2',
      serviceMs: 7,
    });
  });

  it('a request timeout (H12) counts as a 5xx and an H-code', () => {
    const [event] = eventsFromLogLine(
      '2010-10-06T21:51:37-07:00 heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno=web.1 connect=6ms service=30001ms status=503 bytes=0',
    );
    expect(event).toEqual({
      kind: 'router',
      time: Date.parse('2010-10-07T04:51:37Z'),
      at: 'error',
      code: 'H12',
      method: 'GET',
      path: '/',
      dyno: 'web.1',
      connectMs: 6,
      serviceMs: 30001,
      status: 503,
      bytes: 0,
    });
  });

  it('garbage does not throw', () => {
    const garbage = [
      '',
      '=',
      '==',
      'at=',
      'at=bogus status=200',
      'at=info path="unterminated',
      '"""',
      'at=info status=abc service=12s bytes=-1',
      '\u0000\uffff',
      'a'.repeat(10_000),
    ];
    for (const text of garbage) expect(() => parseRouterFields(text)).not.toThrow();
    expect(parseRouterFields('at=bogus status=200')).toBeUndefined();
    expect(parseRouterFields('at=info status=abc service=12s bytes=-1')).toEqual({ at: 'info' });
    expect(parseRouterFields('at=info path="unterminated')).toEqual({ at: 'info', path: 'unterminated' });
    expect(parseRouterFields(undefined as unknown as string)).toBeUndefined();
    for (const text of [
      '',
      'not a log line',
      '2026-11-26T09:00:00Z heroku[router]: ',
      '2026-11-26T09:00:00Z heroku[web.1]: ===',
    ]) {
      expect(eventsFromLogLine(text)).toEqual([]);
    }
    expect(parseLogfmt('a=1 flag b="x y" c=')).toEqual(
      new Map([
        ['a', '1'],
        ['b', 'x y'],
        ['c', undefined],
      ]),
    );
  });
});
