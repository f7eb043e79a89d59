import { describe, expect, it } from 'vitest';
import { overflowDropped } from '../../src/logs/overflow-notice.js';

describe("Logplex's overflow notice", () => {
  it('gives the number of lines Logplex says it dropped (L10 and L11)', () => {
    expect(
      overflowDropped(
        '2026-11-26T09:00:00.000000+00:00 heroku[logplex]: Error L10 (output buffer overflow): 500 messages dropped since 2026-11-26T08:59:58.000000+00:00.',
      ),
    ).toBe(500);
    expect(
      overflowDropped(
        '2011-05-03T17:40:10+00:00 heroku[logplex]: Error L11 (Tail buffer overflow): 1 message dropped since 2011-05-03T17:35:00+00:00.',
      ),
    ).toBe(1);
  });

  it('an app printing the same words, or another source, is not a notice', () => {
    expect(
      overflowDropped(
        '2026-11-26T09:00:00.000000+00:00 app[web.1]: Error L10 (output buffer overflow): 500 messages dropped since x.',
      ),
    ).toBeUndefined();
    expect(
      overflowDropped(
        '2026-11-26T09:00:00.000000+00:00 heroku[router]: Error L10 (output buffer overflow): 500 messages dropped',
      ),
    ).toBeUndefined();
    expect(overflowDropped('Error L10 (output buffer overflow): 500 messages dropped')).toBeUndefined();
    expect(
      overflowDropped(
        '2026-11-26T09:00:00.000000+00:00 heroku[logplex]: Error L12 (something else): 5 messages dropped',
      ),
    ).toBeUndefined();
  });
});
