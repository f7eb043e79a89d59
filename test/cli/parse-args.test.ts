import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/parse-args.js';

describe('parseCommandLine', () => {
  it('no words opens the deck, with an optional config file', () => {
    expect(parseCommandLine([])).toEqual({ ok: true, command: { name: 'deck', config: undefined, readOnly: false } });
    expect(parseCommandLine(['--config', 'x.yml'])).toEqual({
      ok: true,
      command: { name: 'deck', config: 'x.yml', readOnly: false },
    });
    expect(parseCommandLine(['--read-only'])).toEqual({
      ok: true,
      command: { name: 'deck', config: undefined, readOnly: true },
    });
  });

  it('reads the action commands', () => {
    expect(parseCommandLine(['deploy', 'box-1', '--ref', 'bc-102', '--skip-tests'])).toEqual({
      ok: true,
      command: {
        name: 'deploy',
        env: 'box-1',
        ref: 'bc-102',
        yes: false,
        skipTests: true,
        override: false,
        readOnly: false,
        config: undefined,
        dryRun: false,
        force: false,
        json: false,
      },
    });
    expect(parseCommandLine(['scale', 'staging', 'web=3', 'worker+1', '-y'])).toEqual({
      ok: true,
      command: {
        name: 'scale',
        env: 'staging',
        changes: ['web=3', 'worker+1'],
        yes: true,
        readOnly: false,
        config: undefined,
      },
    });
    expect(parseCommandLine(['logs', 'production', '--tail', '--source', 'router', '-n', '50'])).toEqual({
      ok: true,
      command: {
        name: 'logs',
        env: 'production',
        tail: true,
        source: 'router',
        dyno: undefined,
        lines: 50,
        config: undefined,
      },
    });
    expect(parseCommandLine(['rollback', 'staging', 'v3'])).toMatchObject({
      ok: true,
      command: { name: 'rollback', release: 'v3' },
    });
  });

  it('reads demo, status, config schema, help and version', () => {
    expect(parseCommandLine(['demo', '--dir', '/tmp/d', '--reset'])).toEqual({
      ok: true,
      command: { name: 'demo', dir: '/tmp/d', reset: true, readOnly: false },
    });
    expect(parseCommandLine(['status', '--json'])).toEqual({
      ok: true,
      command: { name: 'status', json: true, config: undefined },
    });
    expect(parseCommandLine(['config', 'schema'])).toEqual({ ok: true, command: { name: 'config-schema' } });
    expect(parseCommandLine(['--help'])).toEqual({ ok: true, command: { name: 'help' } });
    expect(parseCommandLine(['-v'])).toEqual({ ok: true, command: { name: 'version' } });
  });

  it('reads --dry-run, --json and --force on promote and merge <ticket>; --json alone does not apply', () => {
    expect(parseCommandLine(['promote', 'staging', '--dry-run', '--json', '--force'])).toMatchObject({
      ok: true,
      command: { name: 'promote', from: 'staging', dryRun: true, json: true, force: true },
    });
    expect(parseCommandLine(['promote', 'staging', '--json'])).toEqual({
      ok: false,
      error: '--json applies to "dynodeck promote --dry-run"',
    });
    expect(parseCommandLine(['merge', '#12'])).toEqual({
      ok: true,
      command: { name: 'merge', ticket: '#12', readOnly: false, config: undefined },
    });
    expect(parseCommandLine(['merge'])).toEqual({ ok: false, error: 'usage: dynodeck merge <ticket> [--config PATH]' });
  });

  it('names an unknown command, an unknown option and an option that does not apply', () => {
    expect(parseCommandLine(['frobnicate'])).toEqual({
      ok: false,
      error: expect.stringContaining('unknown command "frobnicate"'),
    });
    expect(parseCommandLine(['deploy'])).toEqual({
      ok: false,
      error:
        'usage: dynodeck deploy <env> [--ref REF] [--yes] [--skip-tests] [--override] [--dry-run [--json]] [--force]',
    });
    expect(parseCommandLine(['deploy', 'staging', '--tail'])).toEqual({
      ok: false,
      error: '--tail does not apply to "dynodeck deploy"',
    });
    expect(parseCommandLine(['--colour'])).toEqual({ ok: false, error: expect.stringContaining("'--colour'") });
    expect(parseCommandLine(['status', '--reset'])).toEqual({
      ok: false,
      error: '--reset does not apply to "dynodeck status"',
    });
    expect(parseCommandLine(['demo', 'extra'])).toEqual({ ok: false, error: 'unexpected argument "extra"' });
    expect(parseCommandLine(['config'])).toEqual({ ok: false, error: 'usage: dynodeck config schema' });
  });

  it('reads "engine apps" with its rename and remove', () => {
    expect(parseCommandLine(['engine', 'apps'])).toEqual({
      ok: true,
      command: { name: 'engine-apps', config: undefined },
    });
    expect(parseCommandLine(['engine', 'apps', 'rename', 'shop'])).toEqual({
      ok: true,
      command: { name: 'engine-apps', change: { kind: 'rename', from: 'shop', to: undefined }, config: undefined },
    });
    expect(parseCommandLine(['engine', 'apps', 'rename', 'shop', 'store'])).toEqual({
      ok: true,
      command: { name: 'engine-apps', change: { kind: 'rename', from: 'shop', to: 'store' }, config: undefined },
    });
    expect(parseCommandLine(['engine', 'apps', 'remove', 'shop-box-3'])).toEqual({
      ok: true,
      command: { name: 'engine-apps', change: { kind: 'remove', what: 'shop-box-3' }, config: undefined },
    });
    expect(parseCommandLine(['engine', 'apps', 'remove'])).toEqual({
      ok: false,
      error: 'usage: dynodeck engine apps [rename <old-project> [<new-project>] | remove <app|project>]',
    });
    expect(parseCommandLine(['engine', 'apps', 'remove', 'a', 'b'])).toEqual({
      ok: false,
      error: 'unexpected argument "b"',
    });
  });
});
