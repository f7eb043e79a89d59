import { describe, expect, it } from 'vitest';
import { summarizeChecks, type CheckRunInput } from '../../../src/services/github/check-state.js';
import { summarizeReviews, type ReviewInput } from '../../../src/services/github/review-state.js';

let clock = Date.parse('2026-12-01T10:00:00Z');
const review = (login: string, state: string): ReviewInput => ({
  user: { login },
  state,
  submitted_at: new Date((clock += 60_000)).toISOString(),
});
const none = { users: [], teams: [] };
const opts = { author: 'ann', owner: 'acme' };

describe('summarizeReviews', () => {
  it('is none when nobody reviewed or was asked', () => {
    expect(summarizeReviews([], none, opts)).toEqual({ review: 'none', reviewers: [], waitingOn: [] });
  });

  it('is review_required while requested reviewers have not answered', () => {
    const s = summarizeReviews([], { users: [{ login: 'dana' }], teams: [{ slug: 'web' }] }, opts);
    expect(s.review).toBe('review_required');
    expect(s.waitingOn).toEqual(['dana', 'acme/web']);
    expect(s.reviewers).toEqual([
      { login: 'dana', state: 'pending' },
      { login: 'acme/web', state: 'pending' },
    ]);
  });

  it('changes requested, then approved by the same reviewer, is approved', () => {
    const s = summarizeReviews([review('bob', 'CHANGES_REQUESTED'), review('bob', 'APPROVED')], none, opts);
    expect(s.review).toBe('approved');
    expect(s.reviewers).toEqual([{ login: 'bob', state: 'approved' }]);
  });

  it('a later COMMENTED review does not cancel an approval or a change request', () => {
    expect(summarizeReviews([review('bob', 'APPROVED'), review('bob', 'COMMENTED')], none, opts).review).toBe(
      'approved',
    );
    expect(summarizeReviews([review('bob', 'CHANGES_REQUESTED'), review('bob', 'COMMENTED')], none, opts).review).toBe(
      'changes_requested',
    );
  });

  it('a DISMISSED review takes the approval away', () => {
    const s = summarizeReviews([review('bob', 'DISMISSED'), review('bob', 'COMMENTED')], none, opts);
    expect(s.review).toBe('none');
    expect(s.reviewers).toEqual([{ login: 'bob', state: 'dismissed' }]);
  });

  it('one reviewer requesting changes outweighs another approving', () => {
    const s = summarizeReviews([review('bob', 'APPROVED'), review('cy', 'CHANGES_REQUESTED')], none, opts);
    expect(s.review).toBe('changes_requested');
  });

  it('comments only are shown but decide nothing; PENDING (unsubmitted) reviews are ignored', () => {
    const s = summarizeReviews([review('bob', 'COMMENTED'), review('cy', 'PENDING')], none, opts);
    expect(s).toEqual({ review: 'none', reviewers: [{ login: 'bob', state: 'commented' }], waitingOn: [] });
  });

  it("the author's own comments are not a review", () => {
    expect(summarizeReviews([review('ann', 'COMMENTED')], none, opts).reviewers).toEqual([]);
  });

  it('reads reviews in time order even when listed out of order', () => {
    const approved = review('bob', 'APPROVED');
    const changes = review('bob', 'CHANGES_REQUESTED');
    expect(summarizeReviews([changes, approved], none, opts).review).toBe('changes_requested');
  });

  it('an approving reviewer asked again still approves, and is waited on', () => {
    const s = summarizeReviews([review('dana', 'APPROVED')], { users: [{ login: 'dana' }], teams: [] }, opts);
    expect(s.review).toBe('approved');
    expect(s.waitingOn).toEqual(['dana']);
    expect(s.reviewers).toEqual([{ login: 'dana', state: 'approved' }]);
  });
});

let id = 1;
const run = (name: string, status: string, conclusion: string | null, minute = id): CheckRunInput => ({
  id: id++,
  name,
  status,
  conclusion,
  started_at: new Date(Date.parse('2026-12-01T10:00:00Z') + minute * 60_000).toISOString(),
});

describe('summarizeChecks', () => {
  it('is none without check runs or statuses', () => {
    expect(summarizeChecks([], [])).toEqual({ checks: 'none', failing: [], pending: [] });
  });

  it('is passing when every run succeeded (neutral and skipped count as passed)', () => {
    const s = summarizeChecks(
      [run('test', 'completed', 'success'), run('lint', 'completed', 'neutral'), run('e2e', 'completed', 'skipped')],
      [],
    );
    expect(s).toEqual({ checks: 'passing', failing: [], pending: [] });
  });

  it('is failing with the failing names', () => {
    const s = summarizeChecks(
      [
        run('test (20.x)', 'completed', 'failure'),
        run('lint', 'completed', 'success'),
        run('e2e', 'in_progress', null),
      ],
      [],
    );
    expect(s).toEqual({ checks: 'failing', failing: ['test (20.x)'], pending: ['e2e'] });
  });

  it.each(['timed_out', 'cancelled', 'action_required', 'startup_failure'])('counts %s as failing', (conclusion) => {
    expect(summarizeChecks([run('test', 'completed', conclusion)], []).checks).toBe('failing');
  });

  it.each(['queued', 'in_progress', 'waiting', 'requested', 'pending'])('counts a %s run as pending', (status) => {
    expect(summarizeChecks([run('test', status, null)], []).checks).toBe('pending');
  });

  it('a re-run that passed replaces the failed run of the same name', () => {
    const s = summarizeChecks([run('test', 'completed', 'failure', 1), run('test', 'completed', 'success', 5)], []);
    expect(s.checks).toBe('passing');
  });

  it('a re-run still running makes the check pending again', () => {
    const s = summarizeChecks([run('test', 'completed', 'success', 1), run('test', 'queued', null, 9)], []);
    expect(s).toEqual({ checks: 'pending', failing: [], pending: ['test'] });
  });

  it('uses the run id when start times are equal or missing', () => {
    const a = { id: 10, name: 't', status: 'completed', conclusion: 'failure', started_at: null };
    const b = { id: 11, name: 't', status: 'completed', conclusion: 'success', started_at: null };
    expect(summarizeChecks([b, a], []).checks).toBe('passing');
  });

  it('reads the combined commit status: failure and error fail, pending waits', () => {
    expect(summarizeChecks([], [{ context: 'ci/jenkins', state: 'success' }]).checks).toBe('passing');
    expect(summarizeChecks([], [{ context: 'ci/jenkins', state: 'error' }])).toEqual({
      checks: 'failing',
      failing: ['ci/jenkins'],
      pending: [],
    });
    expect(summarizeChecks([], [{ context: 'deploy', state: 'pending' }]).checks).toBe('pending');
  });

  it('combines check runs and statuses: a failing status fails passing runs', () => {
    const s = summarizeChecks([run('test', 'completed', 'success')], [{ context: 'coverage', state: 'failure' }]);
    expect(s).toEqual({ checks: 'failing', failing: ['coverage'], pending: [] });
  });
});
