import { describe, expect, it } from 'vitest';
import {
  draftTemplate,
  idPrefixFor,
  nextTicketId,
  readDraft,
  slug,
  ticketFileName,
  ticketFileText,
} from '../../../src/services/tickets/ticket-draft.js';
import { parseTicket } from '../../../src/services/tickets/parse-ticket.js';

/** The template with the title and criteria filled in, as a user would in their editor. */
function filled(source: 'markdown' | 'github', title: string, more: Record<string, string> = {}): string {
  let text = draftTemplate(source, 'BC-109').replace(/^title: $/m, `title: ${title}`);
  for (const [field, value] of Object.entries(more))
    text = text.replace(new RegExp(`^${field}: .*$`, 'm'), `${field}: ${value}`);
  return text.replace(/^- \[ \] $/m, '- [ ] Orders export as CSV\n- [x] Totals are in cents');
}

describe('the new-ticket template', () => {
  it('has a title, a complexity, an acceptance criteria list and comments that explain them', () => {
    const text = draftTemplate('markdown', 'BC-109');
    expect(text).toMatch(/^---\n/);
    expect(text).toMatch(/^title: $/m);
    expect(text).toMatch(/^complexity: standard$/m);
    expect(text).toMatch(/^# complexity: trivial, standard or complex$/m);
    expect(text).toMatch(/^## Acceptance criteria\n<!--.*-->\n- \[ \] $/m);
    expect(text).toContain('bc-109-<title words>');
  });

  it('left as it is, it is an empty title: cancelled', () => {
    expect(readDraft(draftTemplate('markdown', 'BC-1'), 'markdown')).toEqual({ kind: 'empty' });
    expect(readDraft(draftTemplate('github'), 'github')).toEqual({ kind: 'empty' });
    expect(readDraft('', 'github')).toEqual({ kind: 'empty' });
  });

  it('filled in, it reads back as the ticket with its criteria, comments left out', () => {
    const reading = readDraft(filled('markdown', 'Export orders', { assignee: 'priya' }), 'markdown');
    expect(reading).toEqual({
      kind: 'ticket',
      draft: {
        title: 'Export orders',
        complexity: 'standard',
        assignee: 'priya',
        body: '## Acceptance criteria\n- [ ] Orders export as CSV\n- [x] Totals are in cents',
        criteria: [
          { done: false, text: 'Orders export as CSV' },
          { done: true, text: 'Totals are in cents' },
        ],
      },
    });
  });

  it('keeps text written on a comment line, and everything after it', () => {
    const text = filled('github', 'X').replace(/(<!-- What the ticket is about.*-->)/, '$1Sam exports orders.');
    const reading = readDraft(text, 'github');
    expect(reading).toMatchObject({
      kind: 'ticket',
      draft: {
        body: 'Sam exports orders.\n\n## Acceptance criteria\n- [ ] Orders export as CSV\n- [x] Totals are in cents',
      },
    });
  });

  it('takes a title with a colon or a # as written, and a quoted one without its quotes', () => {
    const colon = readDraft(filled('github', 'Checkout: keep the cart #12'), 'github');
    expect(colon.kind === 'ticket' && colon.draft.title).toBe('Checkout: keep the cart #12');
    const quoted = readDraft(filled('github', '"Say \\"hi\\""'), 'github');
    expect(quoted.kind === 'ticket' && quoted.draft.title).toBe('Say "hi"');
  });

  it('names the field when the complexity is wrong or missing', () => {
    expect(readDraft(filled('markdown', 'X', { complexity: 'hard' }), 'markdown')).toEqual({
      kind: 'invalid',
      message: 'complexity "hard" in the draft is not one of trivial, standard, complex',
    });
    expect(readDraft(filled('github', 'X', { complexity: '' }), 'github')).toEqual({
      kind: 'invalid',
      message: 'complexity is empty in the draft: write trivial, standard, complex',
    });
  });

  it('names an unknown field, with the one that was probably meant', () => {
    const text = filled('markdown', 'X').replace(/^assignee:/m, 'asignee:');
    expect(readDraft(text, 'markdown')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('unknown field "asignee" in the draft (did you mean "assignee"?)'),
    });
    // GitHub issues take no branch from the draft.
    expect(readDraft(filled('github', 'X').replace('---\n<!--', 'branch: x\n---\n<!--'), 'github')).toMatchObject({
      kind: 'invalid',
    });
  });

  it('says so when the header lost its --- lines', () => {
    expect(readDraft('title: X\ncomplexity: trivial\n', 'github')).toMatchObject({ kind: 'invalid' });
    expect(readDraft('---\ntitle: X\ncomplexity: trivial\n', 'github')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('not closed'),
    });
  });

  it('writes a markdown ticket the ticket parser reads back, with a branch named after it', () => {
    const reading = readDraft(filled('markdown', 'Checkout: keep #1 cart', { complexity: 'complex' }), 'markdown');
    if (reading.kind !== 'ticket') throw new Error(JSON.stringify(reading));
    const text = ticketFileText(reading.draft, 'BC-109');
    const parsed = parseTicket(text, 'tickets/BC-109-checkout-keep-1-cart.md');
    expect(parsed).toEqual({
      ok: true,
      ticket: {
        id: 'BC-109',
        title: 'Checkout: keep #1 cart',
        complexity: 'complex',
        assignee: undefined,
        branch: 'bc-109-checkout-keep-1-cart',
        description: '',
        criteria: [
          { done: false, text: 'Orders export as CSV' },
          { done: true, text: 'Totals are in cents' },
        ],
        file: 'tickets/BC-109-checkout-keep-1-cart.md',
      },
    });
  });
});

describe('ticket ids and file names', () => {
  it('continues the prefix most tickets use, after the highest number', () => {
    expect(nextTicketId(['BC-101', 'BC-108', 'BC-102'], 'SHOP')).toBe('BC-109');
    expect(nextTicketId(['BC-1', 'BC-2', 'X-99'], 'SHOP')).toBe('BC-3');
    expect(nextTicketId(['OPS-007', 'OPS-010'], 'SHOP')).toBe('OPS-011');
    expect(nextTicketId([], 'SHOP')).toBe('SHOP-1');
  });

  it('makes the file name from the id and a few words of the title', () => {
    expect(ticketFileName('BC-109', 'Export orders: as CSV (café)')).toBe('BC-109-export-orders-as-csv-cafe.md');
    expect(ticketFileName('BC-110', '!!!')).toBe('BC-110.md');
    expect(slug('a'.repeat(60))).toHaveLength(40);
    expect(idPrefixFor('bright-cart')).toBe('BRIGHTCART');
  });
});
