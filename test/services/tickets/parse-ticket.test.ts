import { describe, expect, it } from 'vitest';
import { parseTicket } from '../../../src/services/tickets/parse-ticket.js';

const good = `---
id: BC-7
title: Coupons apply to sale items
complexity: standard
assignee: maya
branch: bc-7-coupons
---
Customers can stack a coupon on a sale price.

Second paragraph.

## Acceptance criteria
- [x] coupon applies to sale items
- [ ] the receipt shows both discounts
* [X] totals never go below zero

## Notes
- [ ] not a criterion
`;

describe('parseTicket', () => {
  it('reads front matter, description and the acceptance criteria checklist', () => {
    const parsed = parseTicket(good, 'tickets/BC-7.md');
    expect(parsed).toEqual({
      ok: true,
      ticket: {
        id: 'BC-7',
        title: 'Coupons apply to sale items',
        complexity: 'standard',
        assignee: 'maya',
        branch: 'bc-7-coupons',
        file: 'tickets/BC-7.md',
        description:
          'Customers can stack a coupon on a sale price.\n\nSecond paragraph.\n\n## Notes\n- [ ] not a criterion',
        criteria: [
          { text: 'coupon applies to sale items', done: true },
          { text: 'the receipt shows both discounts', done: false },
          { text: 'totals never go below zero', done: true },
        ],
      },
    });
  });

  it('accepts a ticket with no branch, assignee or criteria', () => {
    const parsed = parseTicket('---\nid: 12\ntitle: Tidy\ncomplexity: trivial\n---\n', 't.md');
    expect(parsed.ok && parsed.ticket).toMatchObject({
      id: '12',
      criteria: [],
      branch: undefined,
      assignee: undefined,
    });
  });

  it('names a complexity outside trivial | standard | complex', () => {
    const parsed = parseTicket('---\nid: A\ntitle: x\ncomplexity: hard\n---\n', 't.md');
    expect(parsed).toEqual({
      ok: false,
      message: 'front matter: complexity "hard" is not one of trivial | standard | complex',
    });
  });

  it('names a missing field', () => {
    expect(parseTicket('---\ntitle: x\ncomplexity: trivial\n---\n', 't.md')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"id" is missing'),
    });
    expect(parseTicket('---\nid: A\ncomplexity: trivial\n---\n', 't.md')).toMatchObject({
      ok: false,
      message: expect.stringContaining('"title" is missing'),
    });
  });

  it('says when there is no front matter or it is not closed', () => {
    expect(parseTicket('# Just a note\n', 't.md')).toMatchObject({
      ok: false,
      message: expect.stringContaining('no front matter'),
    });
    expect(parseTicket('---\nid: A\n', 't.md')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not closed'),
    });
  });

  it('points at the line of a YAML error inside the front matter', () => {
    const parsed = parseTicket('---\nid: A\ntitle: [unclosed\ncomplexity: trivial\n---\n', 't.md');
    expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/not valid YAML \(line \d+\)/) });
  });

  it('refuses a branch name that git would read as an option', () => {
    expect(parseTicket('---\nid: A\ntitle: x\ncomplexity: trivial\nbranch: --force\n---\n', 't.md')).toMatchObject({
      ok: false,
    });
  });
});
