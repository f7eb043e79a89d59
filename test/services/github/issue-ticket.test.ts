import { describe, expect, it } from 'vitest';
import {
  complexityOf,
  DEFAULT_COMPLEXITY_LABELS,
  labelsFor,
  ticketFromIssue,
  type IssueJson,
} from '../../../src/services/github/issue-ticket.js';
import { closedSince } from '../../../src/services/github/poll-schedule.js';
import { readRateBudget } from '../../../src/services/github/rate-budget.js';

const issue = (over: Partial<IssueJson> = {}): IssueJson => ({
  number: 12,
  title: 'Cart',
  body: 'Why.\n\n## Acceptance criteria\n- [x] a\n- [ ] b',
  state: 'open',
  html_url: 'https://github.com/acme/shop/issues/12',
  labels: [],
  assignee: null,
  closed_at: null,
  ...over,
});

describe('ticketFromIssue', () => {
  it('makes id #<number>, keeps the number, URL, criteria and the description without them', () => {
    expect(ticketFromIssue(issue({ assignee: { login: 'ann' } }), DEFAULT_COMPLEXITY_LABELS)).toEqual({
      id: '#12',
      number: 12,
      title: 'Cart',
      complexity: 'unknown',
      assignee: 'ann',
      description: 'Why.',
      criteria: [
        { done: true, text: 'a' },
        { done: false, text: 'b' },
      ],
      file: 'https://github.com/acme/shop/issues/12',
      url: 'https://github.com/acme/shop/issues/12',
      state: 'open',
    });
  });

  it('a closed issue carries when it was closed; the first assignee stands in when assignee is missing', () => {
    const t = ticketFromIssue(
      issue({ state: 'closed', closed_at: '2026-12-01T10:00:00Z', assignees: [{ login: 'bob' }] }),
      DEFAULT_COMPLEXITY_LABELS,
    );
    expect(t).toMatchObject({ state: 'closed', closedAt: Date.parse('2026-12-01T10:00:00Z'), assignee: 'bob' });
  });
});

describe('complexityOf', () => {
  it('reads label objects and plain names, ignoring case and spaces around them', () => {
    expect(complexityOf([{ name: 'bug' }, { name: ' Complexity: Complex ' }], DEFAULT_COMPLEXITY_LABELS)).toBe(
      'complex',
    );
    expect(complexityOf(['complexity: trivial'], DEFAULT_COMPLEXITY_LABELS)).toBe('trivial');
  });

  it('is unknown without a complexity label, and the most complex when several are set', () => {
    expect(complexityOf([{ name: 'bug' }], DEFAULT_COMPLEXITY_LABELS)).toBe('unknown');
    expect(complexityOf(['complexity: complex', 'complexity: trivial'], DEFAULT_COMPLEXITY_LABELS)).toBe('complex');
  });

  it('labelsFor puts the configured label on a new issue, none for unknown', () => {
    expect(labelsFor('standard', DEFAULT_COMPLEXITY_LABELS)).toEqual(['complexity: standard']);
    expect(labelsFor('unknown', DEFAULT_COMPLEXITY_LABELS)).toEqual([]);
    expect(labelsFor(undefined, DEFAULT_COMPLEXITY_LABELS)).toEqual([]);
  });
});

describe('closedSince', () => {
  it('is the start of the UTC day 14 days back, the same all day', () => {
    expect(closedSince(Date.parse('2026-12-15T00:00:01Z'), 14)).toBe('2026-12-01T00:00:00.000Z');
    expect(closedSince(Date.parse('2026-12-15T23:59:59Z'), 14)).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('readRateBudget', () => {
  it('reads the x-ratelimit headers; reset is epoch seconds', () => {
    expect(
      readRateBudget({
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4990',
        'x-ratelimit-used': '10',
        'x-ratelimit-reset': '1800000000',
        'x-ratelimit-resource': 'core',
      }),
    ).toEqual({ limit: 5000, remaining: 4990, used: 10, resetAt: 1_800_000_000_000, resource: 'core' });
  });

  it('is undefined when the headers are missing or not numbers', () => {
    expect(readRateBudget({})).toBeUndefined();
    expect(
      readRateBudget({ 'x-ratelimit-limit': 'x', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' }),
    ).toBeUndefined();
  });
});
