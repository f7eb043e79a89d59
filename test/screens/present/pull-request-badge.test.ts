import { describe, expect, it } from 'vitest';
import type { PullRequest } from '../../../src/domain/pull-request.js';
import { leadingPullRequest, pullRequestBadge } from '../../../src/screens/present/pull-request-badge.js';
import { githubBudgetLabel } from '../../../src/screens/present/github-budget-label.js';

const pr = (number: number, change: Partial<PullRequest> = {}): PullRequest => ({
  number,
  title: 'Cart',
  url: `https://github.com/acme/shop/pull/${number}`,
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
  ...change,
});

describe('pullRequestBadge', () => {
  it('an approved pull request with passing checks reads "#32 ✓ approved · checks ✓" in the ok tone', () => {
    expect(pullRequestBadge([pr(32)])).toEqual({ text: '#32 ✓ approved · checks ✓', tone: 'ok' });
  });

  it('changes requested or failing checks read as an error', () => {
    expect(pullRequestBadge([pr(33, { review: 'changes_requested', checks: 'failing' })])).toEqual({
      text: '#33 ✗ changes · checks ✗',
      tone: 'error',
    });
    expect(pullRequestBadge([pr(34, { checks: 'failing' })])!.tone).toBe('error');
  });

  it('a draft, a pending review or pending checks are a warning; no checks at all are left out', () => {
    expect(pullRequestBadge([pr(35, { draft: true, checks: 'none' })])).toEqual({ text: '#35 draft', tone: 'warning' });
    expect(pullRequestBadge([pr(36, { review: 'review_required', checks: 'pending' })])).toEqual({
      text: '#36 … review · checks …',
      tone: 'warning',
    });
  });

  it('speaks for the newest open pull request, marks more open ones with +, and falls back to the merged one', () => {
    const merged = pr(30, { state: 'merged' });
    expect(leadingPullRequest([merged, pr(31), pr(32)])!.number).toBe(32);
    expect(pullRequestBadge([merged, pr(31), pr(32)])!.text).toBe('#32 + ✓ approved · checks ✓');
    expect(pullRequestBadge([merged, pr(29, { state: 'closed' })])).toEqual({ text: '#30 merged', tone: 'ok' });
    expect(pullRequestBadge([])).toBeUndefined();
  });
});

describe('githubBudgetLabel', () => {
  const now = Date.UTC(2026, 11, 2, 12);
  it('is shown below a fifth of the hourly limit, with when it refills', () => {
    expect(githubBudgetLabel({ limit: 5000, remaining: 999, resetAt: now + 14 * 60_000 }, now)).toBe(
      'GitHub 999/5,000 left (refills in 14m)',
    );
  });

  it('says nothing while a fifth or more is left, or before GitHub has answered', () => {
    expect(githubBudgetLabel({ limit: 5000, remaining: 1000, resetAt: now }, now)).toBeUndefined();
    expect(githubBudgetLabel(undefined, now)).toBeUndefined();
  });
});
