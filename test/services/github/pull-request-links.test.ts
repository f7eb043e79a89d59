import { describe, expect, it } from 'vitest';
import type { PullRequest } from '../../../src/domain/pull-request.js';
import {
  branchNamesTicket,
  closingReferences,
  pullRequestsOfTicket,
} from '../../../src/services/github/pull-request-links.js';

const repo = { owner: 'acme', name: 'shop' };

describe('closingReferences', () => {
  it.each([
    'close #12',
    'closes #12',
    'closed #12',
    'fix #12',
    'fixes #12',
    'fixed #12',
    'resolve #12',
    'resolves #12',
    'resolved #12',
    'Fixes #12',
    'FIXES #12',
    'Closes: #12',
    'This PR fixes #12.',
    'fixes acme/shop#12',
    'Fixes ACME/Shop#12',
    'Resolves https://github.com/acme/shop/issues/12',
    'resolves https://ghe.example.com/acme/shop/issues/12',
  ])('%j closes #12', (text) => {
    expect(closingReferences(text, repo)).toEqual([12]);
  });

  it.each([
    'see #12',
    'fixes #120',
    'fixes #1',
    'prefixes #12',
    'fixing #12',
    'closes other/repo#12',
    'fixes https://github.com/other/shop/issues/12',
    'fixes https://github.com/acme/shop/pull/12',
    'fixes #12abc',
    'fixes12',
  ])('%j does not close #12', (text) => {
    expect(closingReferences(text, repo)).not.toContain(12);
  });

  it('finds every reference, each with its own keyword, once', () => {
    expect(closingReferences('Fixes #3, closes #4 and resolves acme/shop#3.\nAlso #5', repo)).toEqual([3, 4]);
  });

  it('finds references across lines of a body', () => {
    expect(closingReferences('Summary\n\nCloses #7\r\nFixes #8\n', repo)).toEqual([7, 8]);
  });
});

describe('branchNamesTicket', () => {
  const issue12 = { id: '#12', number: 12 };
  it.each(['feature/12-cart', '12-cart', '12', 'issue-12', 'issue12-x', 'fix/gh-12', 'SHOP-12-cart', 'me/feature/12'])(
    '%j is #12',
    (branch) => {
      expect(branchNamesTicket(branch, issue12)).toBe(true);
    },
  );

  it.each(['feature/120-cart', '112-x', 'release-2024-12', 'v1.12', 'feature/cart', 'SHOP-112', '012x'])(
    '%j is not #12',
    (branch) => {
      expect(branchNamesTicket(branch, issue12)).toBe(false);
    },
  );

  it.each(['SHOP-12-cart', 'feature/SHOP-12-cart', 'shop-12', 'feature/shop-12_cart', 'x/SHOP-12'])(
    '%j is markdown ticket SHOP-12',
    (branch) => {
      expect(branchNamesTicket(branch, { id: 'SHOP-12' })).toBe(true);
    },
  );

  it.each(['SHOP-120', 'SHOP-1', 'myshop-12', 'shop12', 'feature/cart'])('%j is not SHOP-12', (branch) => {
    expect(branchNamesTicket(branch, { id: 'SHOP-12' })).toBe(false);
  });

  it('matches lowercase branches of uppercase ids (bc-102 for BC-102), not BC-1021', () => {
    expect(branchNamesTicket('bc-102-invoice', { id: 'BC-102' })).toBe(true);
    expect(branchNamesTicket('bc-1021-invoice', { id: 'BC-102' })).toBe(false);
  });
});

describe('pullRequestsOfTicket', () => {
  const pr = (number: number, headRef: string, closes: number[] = []): PullRequest => ({
    number,
    title: `PR ${number}`,
    url: `https://github.com/acme/shop/pull/${number}`,
    state: 'open',
    draft: false,
    author: 'ann',
    headRef,
    headSha: 'a'.repeat(40),
    baseRef: 'main',
    closes,
    updatedAt: 0,
    detailed: true,
    review: 'none',
    reviewers: [],
    waitingOn: [],
    checks: 'none',
    failingChecks: [],
    pendingChecks: [],
    mergeable: true,
  });
  const prs = [pr(30, 'feature/12-cart'), pr(31, 'fix-things', [12]), pr(32, 'feature/120-x'), pr(33, 'SHOP-4-x')];

  it('finds a GitHub ticket by closing reference and by branch, newest first', () => {
    expect(pullRequestsOfTicket({ id: '#12', number: 12 }, prs).map((p) => p.number)).toEqual([31, 30]);
  });

  it('finds a markdown ticket by its branch name or its id in the head branch', () => {
    expect(pullRequestsOfTicket({ id: 'SHOP-4' }, prs).map((p) => p.number)).toEqual([33]);
    expect(pullRequestsOfTicket({ id: 'SHOP-9', branch: 'fix-things' }, prs).map((p) => p.number)).toEqual([31]);
  });

  it('finds nothing for a ticket no pull request names', () => {
    expect(pullRequestsOfTicket({ id: '#99', number: 99 }, prs)).toEqual([]);
  });
});
