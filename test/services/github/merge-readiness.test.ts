import { describe, expect, it } from 'vitest';
import type { PullRequest } from '../../../src/domain/pull-request.js';
import { allowedMergeMethod, mergeBlocker } from '../../../src/services/github/merge-readiness.js';
import { flagsOf } from '../../../src/services/github/shipment.js';

const ready: PullRequest = {
  number: 31,
  title: 'Cart',
  url: 'https://github.com/acme/shop/pull/31',
  state: 'open',
  draft: false,
  author: 'ann',
  headRef: 'feature/12-cart',
  headSha: 'a'.repeat(40),
  baseRef: 'main',
  closes: [12],
  updatedAt: 0,
  detailed: true,
  review: 'approved',
  reviewers: [{ login: 'bob', state: 'approved' }],
  waitingOn: [],
  checks: 'passing',
  failingChecks: [],
  pendingChecks: [],
  mergeable: true,
};

describe('mergeBlocker', () => {
  it('lets an approved pull request with passing or no checks through', () => {
    expect(mergeBlocker(ready)).toBeUndefined();
    expect(mergeBlocker({ ...ready, checks: 'none' })).toBeUndefined();
  });

  it('says who it waits on, or that nobody approved yet', () => {
    expect(mergeBlocker({ ...ready, review: 'review_required', waitingOn: ['dana'] })).toBe('waiting on dana');
    expect(mergeBlocker({ ...ready, review: 'none', reviewers: [] })).toBe('no approving review yet');
  });

  it('names who requested changes and which checks fail or are still running', () => {
    expect(
      mergeBlocker({
        ...ready,
        review: 'changes_requested',
        reviewers: [
          { login: 'bob', state: 'approved' },
          { login: 'cy', state: 'changes_requested' },
        ],
      }),
    ).toBe('changes requested by cy');
    expect(mergeBlocker({ ...ready, checks: 'failing', failingChecks: ['test (20.x)', 'lint'] })).toBe(
      'checks failing: test (20.x), lint',
    );
    expect(mergeBlocker({ ...ready, checks: 'pending', pendingChecks: ['e2e'] })).toBe('checks pending: e2e');
  });

  it('gives every reason at once, drafts and conflicts included', () => {
    expect(
      mergeBlocker({
        ...ready,
        draft: true,
        review: 'none',
        checks: 'failing',
        failingChecks: ['t'],
        mergeable: false,
      }),
    ).toBe('it is a draft; no approving review yet; checks failing: t; conflicts with main');
  });

  it('waits while GitHub works out mergeability; refuses merged and closed ones', () => {
    expect(mergeBlocker({ ...ready, mergeable: null })).toMatch(/still working out whether it merges cleanly/);
    expect(mergeBlocker({ ...ready, state: 'merged' })).toBe('#31 is already merged');
    expect(mergeBlocker({ ...ready, state: 'closed' })).toBe('#31 is closed');
  });
});

describe('allowedMergeMethod', () => {
  it("takes the repository's first allowed method, in the order of GitHub's merge button", () => {
    expect(allowedMergeMethod({ allow_merge_commit: true, allow_squash_merge: true, allow_rebase_merge: true })).toBe(
      'merge',
    );
    expect(allowedMergeMethod({ allow_merge_commit: false, allow_squash_merge: true, allow_rebase_merge: true })).toBe(
      'squash',
    );
    expect(allowedMergeMethod({ allow_merge_commit: false, allow_squash_merge: false, allow_rebase_merge: true })).toBe(
      'rebase',
    );
    expect(
      allowedMergeMethod({ allow_merge_commit: false, allow_squash_merge: false, allow_rebase_merge: false }),
    ).toBeUndefined();
  });
});

describe('flagsOf', () => {
  it('flags a shipped pull request with changes requested or failing checks, nothing else', () => {
    expect(flagsOf(ready)).toEqual([]);
    expect(flagsOf({ ...ready, review: 'review_required' })).toEqual([]);
    expect(flagsOf({ ...ready, review: 'changes_requested', checks: 'failing', failingChecks: ['test'] })).toEqual([
      'changes requested',
      'checks failing: test',
    ]);
  });
});
