import { describe, expect, it } from 'vitest';
import { eventsFromLogLine } from '../../src/metrics/classify-line.js';
import { parsePlatformLine } from '../../src/metrics/parse-platform-line.js';
import { formatRuntimeMetrics } from '../../src/engine/logs/runtime-metrics.js';

const T = Date.parse('2026-11-26T09:00:00.123Z');

describe('platform lines', () => {
  it('memory, load, crashes, R14 and R10 are read from platform lines', () => {
    const [load, memory] = formatRuntimeMetrics({
      dyno: 'web.1',
      dynoId: '1.abc',
      memoryRssMb: 21,
      memoryTotalMb: 23.5,
      memoryQuotaMb: 512,
      load1m: 0.02,
      load5m: 0,
      load15m: 0,
    });
    expect(parsePlatformLine('web.1', memory!, T)).toEqual({
      kind: 'memory',
      time: T,
      dyno: 'web.1',
      rssMb: 21,
      totalMb: 23.5,
      quotaMb: 512,
    });
    expect(parsePlatformLine('web.1', load!, T)).toEqual({ kind: 'load', time: T, dyno: 'web.1', load1m: 0.02 });

    expect(
      eventsFromLogLine(
        '2018-07-07T13:13:07.616902+00:00 heroku[web.1]: source=web.1 dyno=heroku.62565967.7e2ee10e sample#load_avg_1m=0.02 sample#load_avg_5m=0.06 sample#load_avg_15m=0.05',
      ),
    ).toEqual([{ kind: 'load', time: Date.parse('2018-07-07T13:13:07.616Z') + 0.902, dyno: 'web.1', load1m: 0.02 }]);
    // logflood's lines carry memory and load together.
    expect(
      eventsFromLogLine(
        '2026-11-26T09:00:00.123000+00:00 heroku[web.3]: source=web.3 dyno=heroku.1.x sample#memory_total=300.00MB sample#memory_rss=280.50MB sample#memory_quota=512.00MB sample#load_avg_1m=1.25',
      ).map((e) => e.kind),
    ).toEqual(['memory', 'load']);

    expect(parsePlatformLine('web.1', 'State changed from up to crashed', T)).toEqual({
      kind: 'crash',
      time: T,
      dyno: 'web.1',
    });
    expect(
      eventsFromLogLine('2011-05-03T17:32:41+00:00 heroku[web.1]: State changed from starting to crashed'),
    ).toEqual([{ kind: 'crash', time: Date.parse('2011-05-03T17:32:41Z'), dyno: 'web.1' }]);
    expect(parsePlatformLine('web.1', 'State changed from crashed to starting', T)).toBeUndefined();
    // A failed release phase or one-off run is not a crashed dyno (its failure is told apart).
    expect(parsePlatformLine('release.7', 'State changed from up to crashed', T)).toBeUndefined();
    expect(parsePlatformLine('run.4312', 'State changed from up to crashed', T)).toBeUndefined();

    expect(eventsFromLogLine('2011-05-03T17:40:11+00:00 heroku[worker.1]: Error R14 (Memory quota exceeded)')).toEqual([
      {
        kind: 'error-code',
        time: Date.parse('2011-05-03T17:40:11Z'),
        dyno: 'worker.1',
        code: 'R14',
        message: 'Error R14 (Memory quota exceeded)',
      },
    ]);
    expect(parsePlatformLine('web.1', 'Error R15 (Memory quota vastly exceeded)', T)).toMatchObject({ code: 'R15' });
    expect(
      parsePlatformLine(
        'web.1',
        'Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 60 seconds of launch',
        T,
      ),
    ).toMatchObject({
      kind: 'error-code',
      code: 'R10',
    });
    expect(
      eventsFromLogLine(
        '2026-11-26T09:00:00.000000+00:00 heroku[logplex]: Error L10 (output buffer overflow): 12 messages dropped since 2026-11-26T08:59:00.000000+00:00.',
      ),
    ).toMatchObject([{ kind: 'error-code', dyno: 'logplex', code: 'L10' }]);

    expect(
      eventsFromLogLine(
        '2026-11-26T09:00:00.000000+00:00 app[api]: Release v5 failed: release command exited 1; v4 keeps serving',
      ),
    ).toEqual([
      {
        kind: 'release-failed',
        time: Date.parse('2026-11-26T09:00:00Z'),
        text: 'Release v5 failed: release command exited 1; v4 keeps serving',
      },
    ]);
    expect(eventsFromLogLine('2026-11-26T09:00:00.000000+00:00 app[api]: Release v5 is live')).toEqual([]);
    // An app's own output is not a platform event, whatever it says.
    expect(eventsFromLogLine('2026-11-26T09:00:00.000000+00:00 app[web.1]: Error R14 (Memory quota exceeded)')).toEqual(
      [],
    );
    expect(parsePlatformLine('web.1', 'sample#memory_rss=lots', T)).toBeUndefined();
  });
});
