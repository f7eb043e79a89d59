import { describe, expect, it } from 'vitest';
import { formatLogLine, parseLogLine } from '../../src/logs/log-line.js';

describe('log lines', () => {
  it('formats and parses Heroku log lines with microsecond timestamps', () => {
    const time = Date.UTC(2026, 10, 26, 9, 0, 0, 123);
    expect(formatLogLine({ time, source: 'app', dyno: 'web.1', text: 'hello' })).toBe(
      '2026-11-26T09:00:00.123000+00:00 app[web.1]: hello',
    );

    const text =
      '2026-11-26T09:00:00.123456+00:00 heroku[router]: at=info method=GET path="/" dyno=web.1 connect=1ms service=14ms status=200';
    const parsed = parseLogLine(text);
    expect(parsed).toMatchObject({
      source: 'heroku',
      dyno: 'router',
      text: 'at=info method=GET path="/" dyno=web.1 connect=1ms service=14ms status=200',
    });
    expect(parsed!.time).toBeCloseTo(time + 0.456, 6);
    expect(formatLogLine(parsed!)).toBe(text);

    // Heroku's documented examples: other offsets, short fractions, none at all.
    expect(
      parseLogLine('2010-10-06T21:51:37-07:00 heroku[router]: at=error code=H12 desc="Request timeout"')?.time,
    ).toBe(Date.UTC(2010, 9, 7, 4, 51, 37));
    expect(parseLogLine('2018-01-01T00:00:00.00+00:00 heroku[router]: x')?.time).toBe(Date.UTC(2018, 0, 1));
    expect(parseLogLine('2011-05-03T17:40:11Z heroku[worker.1]: Error R14 (Memory quota exceeded)')).toEqual({
      time: Date.UTC(2011, 4, 3, 17, 40, 11),
      source: 'heroku',
      dyno: 'worker.1',
      text: 'Error R14 (Memory quota exceeded)',
    });
    expect(parseLogLine('2026-11-26T09:00:00.000000+00:00 app[web.1]:   indented')?.text).toBe('  indented');
    expect(parseLogLine('2026-11-26T09:00:00.000000+00:00 app[web.1]:')?.text).toBe('');
  });

  it('rejects text that is not a log line', () => {
    expect(parseLogLine('')).toBeUndefined();
    expect(parseLogLine('hello world')).toBeUndefined();
    expect(parseLogLine('2026-11-26T09:00:00+00:00 other[web.1]: x')).toBeUndefined();
    expect(parseLogLine('2026-13-45T09:00:00+00:00 app[web.1]: x')).toBeUndefined();
  });
});
