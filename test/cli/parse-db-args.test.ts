import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/parse-args.js';

describe('dynodeck db', () => {
  it('takes the environment and hands everything after it to psql, options included', () => {
    expect(parseCommandLine(['db', 'staging', '-c', 'select 1', '--csv'])).toEqual({
      ok: true,
      command: { name: 'db', env: 'staging', psqlArgs: ['-c', 'select 1', '--csv'], config: undefined },
    });
    expect(parseCommandLine(['db', 'staging'])).toMatchObject({ ok: true, command: { psqlArgs: [] } });
  });

  it('reads --config before the environment, and drops a -- after it', () => {
    expect(parseCommandLine(['db', '--config', 'other.yml', 'production', '--', '--help'])).toEqual({
      ok: true,
      command: { name: 'db', env: 'production', psqlArgs: ['--help'], config: 'other.yml' },
    });
    expect(parseCommandLine(['db', '--config=x.yml', 'box-1'])).toMatchObject({
      command: { config: 'x.yml', env: 'box-1' },
    });
  });

  it('says what is wrong without an environment or with a psql option before it', () => {
    expect(parseCommandLine(['db'])).toEqual({
      ok: false,
      error: 'usage: dynodeck db [--config PATH] <env> [psql args]',
    });
    expect(parseCommandLine(['db', '-c', 'select 1', 'staging'])).toMatchObject({
      ok: false,
      error: expect.stringContaining('-c comes before the environment'),
    });
  });
});
