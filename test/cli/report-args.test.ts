import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/parse-args.js';
import { parseFailureWindow } from '../../src/cli/report-command.js';

describe('dynodeck report on the command line', () => {
  it('defaults to the last 30 days of production', () => {
    expect(parseCommandLine(['report'])).toEqual({
      ok: true,
      command: {
        name: 'report',
        since: '30d',
        env: 'production',
        json: false,
        failureWindow: undefined,
        config: undefined,
      },
    });
  });

  it('takes the period, the environment, the failure window and --json', () => {
    expect(
      parseCommandLine(['report', '--since', '6w', '--env', 'staging', '--failure-window', '48h', '--json']),
    ).toMatchObject({ ok: true, command: { since: '6w', env: 'staging', failureWindow: '48h', json: true } });
  });

  it('refuses options of other commands and extra words', () => {
    expect(parseCommandLine(['report', '--yes'])).toEqual({
      ok: false,
      error: '--yes does not apply to "dynodeck report"',
    });
    expect(parseCommandLine(['report', 'production'])).toEqual({
      ok: false,
      error: 'unexpected argument "production"',
    });
    expect(parseCommandLine(['status', '--since', '3d'])).toEqual({
      ok: false,
      error: '--since does not apply to "dynodeck status"',
    });
  });

  it('reads the failure window in hours or days', () => {
    expect(parseFailureWindow('24h')).toBe(86_400_000);
    expect(parseFailureWindow('2d')).toBe(172_800_000);
    expect(parseFailureWindow('0h')).toMatch(/expected hours or days from 1h to 30d/);
    expect(parseFailureWindow('soon')).toMatch(/^--failure-window "soon"/);
  });
});
