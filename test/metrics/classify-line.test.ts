import { describe, expect, it } from 'vitest';
import { eventsFromLogLine, mayCarryEvents } from '../../src/metrics/classify-line.js';

const TS = '2026-12-02T17:00:00.000000+00:00';

describe('which log lines can carry metric events', () => {
  it('turns away app output without parsing it, and keeps platform and release lines', () => {
    expect(mayCarryEvents(`${TS} app[web.1]: GET / 200`)).toBe(false);
    expect(mayCarryEvents(`${TS} app[flood.1]: heroku[router]: at=info status=500`)).toBe(false);
    expect(mayCarryEvents('no timestamp at all')).toBe(false);
    expect(mayCarryEvents(`${TS} heroku[router]: at=info method=GET`)).toBe(true);
    expect(mayCarryEvents(`${TS} heroku[web.1]: State changed from up to crashed`)).toBe(true);
    expect(mayCarryEvents(`${TS} app[api]: Release v3 created by ada`)).toBe(true);
  });

  it('still reads router and crash lines into events, and an app line that quotes one into none', () => {
    const router = `${TS} heroku[router]: at=info method=GET path="/" host=x request_id=1 fwd="1" dyno=web.1 connect=0ms service=12ms status=200 bytes=5 protocol=http`;
    expect(eventsFromLogLine(router)).toMatchObject([{ kind: 'router', status: 200, serviceMs: 12 }]);
    expect(eventsFromLogLine(`${TS} heroku[web.1]: State changed from up to crashed`)).toMatchObject([
      { kind: 'crash', dyno: 'web.1' },
    ]);
    expect(eventsFromLogLine(`${TS} app[web.1]: ${router.slice(TS.length + 1)}`)).toEqual([]);
  });
});
