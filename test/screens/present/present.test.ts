import { describe, expect, it } from 'vitest';
import { formatAge } from '../../../src/screens/present/format-age.js';
import { describeSource } from '../../../src/screens/present/source-freshness.js';
import { visibleWindow } from '../../../src/screens/present/visible-window.js';
import { deckLayout, fitsTerminal } from '../../../src/screens/present/deck-layout.js';
import { sanitizeLine, sanitizeText } from '../../../src/logs/sanitize.js';
import { ticketColumns } from '../../../src/screens/present/ticket-columns.js';
import { wrapWords } from '../../../src/screens/present/wrap-words.js';
import { fitText } from '../../../src/screens/present/fit-text.js';

describe('formatAge', () => {
  it('picks the largest sensible unit', () => {
    expect([0, 3_400, 61_000, 2 * 3600_000, 3 * 86400_000].map(formatAge)).toEqual(['0s', '3s', '1m', '2h', '3d']);
  });
});

describe('describeSource', () => {
  const base = { name: 'git', intervalMs: 5000, failures: 0 };
  it('marks a source that answers on schedule without a ticking count', () => {
    expect(describeSource({ ...base, lastSuccess: 1000 }, 4000)).toEqual({ text: 'git ✓', tone: 'ok' });
    expect(describeSource({ ...base, lastSuccess: 1000 }, 8000)).toEqual({ text: 'git ✓', tone: 'ok' });
  });
  it('says how long ago a source answered once it runs late', () => {
    expect(describeSource({ ...base, lastSuccess: 1000 }, 9000)).toEqual({ text: 'git 8s ago', tone: 'ok' });
  });
  it('calls data stale after three missed intervals', () => {
    expect(describeSource({ ...base, lastSuccess: 0 }, 120_000)).toEqual({ text: 'git stale 2m', tone: 'stale' });
  });
  it('shows a failing source with its error and how old its data is', () => {
    expect(describeSource({ ...base, lastSuccess: 0, error: '401 bad token', failures: 2 }, 90_000)).toEqual({
      text: 'git: 401 bad token (stale 1m)',
      tone: 'error',
    });
  });
  it('says a source that never answered is loading', () => {
    expect(describeSource(base, 10)).toEqual({ text: 'git loading…', tone: 'pending' });
  });
});

describe('visibleWindow', () => {
  it('keeps the selection inside the window and the window still while it can', () => {
    expect(visibleWindow(5, 0, 10)).toEqual({ start: 0, end: 5 });
    expect(visibleWindow(100, 12, 10, 0)).toEqual({ start: 3, end: 13 });
    expect(visibleWindow(100, 5, 10, 3)).toEqual({ start: 3, end: 13 });
    expect(visibleWindow(100, 2, 10, 3)).toEqual({ start: 2, end: 12 });
    expect(visibleWindow(100, 99, 10, 0)).toEqual({ start: 90, end: 100 });
  });
});

describe('deckLayout', () => {
  it('fills the terminal less one row and splits the body into four panes', () => {
    const l = deckLayout(120, 40);
    expect(l.height).toBe(39);
    expect(l.tickets.width + l.environments.width).toBe(120);
    expect(l.tickets.height + l.logs.height).toBe(39 - 2);
  });
  it('needs at least 80x24', () => {
    expect(fitsTerminal(80, 24)).toBe(true);
    expect(fitsTerminal(79, 40)).toBe(false);
    expect(fitsTerminal(200, 23)).toBe(false);
  });
});

describe('ticketColumns', () => {
  it('drops branch then assignee before squeezing the title', () => {
    const wide = ticketColumns(150, 6);
    expect(wide.branch).toBeGreaterThan(0);
    expect(wide.assignee).toBeGreaterThan(0);
    const narrow = ticketColumns(44, 6);
    expect(narrow.branch).toBe(0);
    expect(narrow.assignee).toBe(0);
    expect(narrow.title).toBeGreaterThanOrEqual(8);
  });
});

describe('sanitize', () => {
  it('removes colour codes, cursor moves, OSC titles and bare controls', () => {
    expect(sanitizeLine('\u001b[31mred\u001b[0m \u001b]0;pwned\u0007ok\u001b[2J\u0008!')).toBe('red ok!');
    expect(sanitizeLine('a\tb\u009b31mc')).toBe('a  bc');
  });
  it('keeps line breaks in multi-line text', () => {
    expect(sanitizeText('one\n\u001b[1mtwo\u001b[0m')).toBe('one\ntwo');
  });
});

describe('wrapWords', () => {
  it('breaks at spaces without leading spaces and splits words longer than the width', () => {
    expect(wrapWords('reads tickets and git only.', 13)).toEqual(['reads tickets', 'and git only.']);
    expect(wrapWords('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});

describe('fitText', () => {
  it('pads short text and cuts long text with an ellipsis', () => {
    expect(fitText('ab', 4)).toBe('ab  ');
    expect(fitText('abcdef', 4)).toBe('abc…');
  });
});
