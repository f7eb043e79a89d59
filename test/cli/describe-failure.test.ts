import { describe, expect, it } from 'vitest';
import { BUG_EXIT, describeFailure } from '../../src/cli/describe-failure.js';
import { ConfigError } from '../../src/config/config-error.js';
import { UserError } from '../../src/domain/user-error.js';

describe('what the CLI says about an error that reached the top', () => {
  it('a user error in its own words, with what to try and its exit code', () => {
    expect(
      describeFailure(new UserError('port 5100 is taken by nginx', { hint: 'set platform.basePort', exitCode: 2 })),
    ).toEqual({ text: 'dynodeck: port 5100 is taken by nginx\n  try: set platform.basePort', exitCode: 2 });
  });

  it('a config error as file:line:column lines, exit 2', () => {
    const error = new ConfigError([
      { file: 'dynodeck.yml', line: 4, column: 3, field: 'tickets.dri', message: 'unknown key' },
    ]);
    expect(describeFailure(error)).toEqual({ text: 'dynodeck.yml:4:3: tickets.dri: unknown key', exitCode: 2 });
  });

  it("the outside world's failure as its message, without a stack", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5000'), { code: 'ECONNREFUSED' });
    expect(describeFailure(refused)).toEqual({ text: 'dynodeck: connect ECONNREFUSED 127.0.0.1:5000', exitCode: 1 });
  });

  it('a programming error as a bug to report, with its stack', () => {
    let thrown: unknown;
    try {
      thrown = (undefined as unknown as { release: { version: number } }).release.version;
    } catch (error) {
      thrown = error;
    }
    const { text, exitCode } = describeFailure(thrown);
    expect(exitCode).toBe(BUG_EXIT);
    expect(text).toMatch(/^dynodeck: internal error: this is a bug in dynodeck; please report it/);
    expect(text).toMatch(/TypeError: Cannot read properties of undefined/);
    expect(text).toMatch(/describe-failure\.test\.ts:\d+/);
  });
});
