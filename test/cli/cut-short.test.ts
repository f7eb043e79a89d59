// The words for a release action the engine's stop cut short.
import { describe, expect, it } from 'vitest';
import { cutShortOutcome, engineDidNotReturn } from '../../src/cli/cut-short.js';
import type { ReleaseSummary } from '../../src/services/ports.js';

const release = (version: number, status: ReleaseSummary['status'], current = false): ReleaseSummary => ({
  id: `r${version}`,
  version,
  status,
  description: `Deploy ${version}`,
  user: 'dev@localhost',
  createdAt: 0,
  current,
});

describe('a release action cut short by the engine', () => {
  it('names the release marked failed and the one that serves', () => {
    expect(cutShortOutcome('deploy', release(12, 'failed'), release(11, 'succeeded', true))).toEqual({
      ok: false,
      reason: 'the engine stopped during the release; v12 was marked failed, v11 serves',
      release: release(12, 'failed'),
    });
  });

  it('says when no release was made yet, and when nothing serves', () => {
    expect(cutShortOutcome('deploy', undefined, undefined)).toEqual({
      ok: false,
      reason: 'the engine stopped during the deploy, before a release was made; no release serves yet',
    });
  });

  it('a release whose end the engine does not state is an open outcome', () => {
    expect(cutShortOutcome('deploy', release(12, 'unknown'), release(11, 'succeeded', true))).toEqual({
      ok: false,
      unknown: true,
      reason: 'the engine stopped during the release; the engine does not say how v12 ended, v11 serves',
      release: release(12, 'unknown'),
    });
  });

  it('a release that went live before the engine stopped is a success', () => {
    expect(cutShortOutcome('rollback', release(4, 'succeeded', true), release(4, 'succeeded', true))).toEqual({
      ok: true,
      release: release(4, 'succeeded', true),
    });
  });

  it('an engine that did not come back is reported with the command that starts it', () => {
    expect(engineDidNotReturn('promotion', 'http://127.0.0.1:4100')).toEqual({
      ok: false,
      unknown: true,
      reason:
        'the local engine (on http://127.0.0.1:4100) stopped during the promotion and has not come back: "dynodeck engine start" starts it, and its releases then show how the promotion ended',
    });
  });
});
