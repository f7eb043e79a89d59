import { describe, expect, it } from 'vitest';
import { ansiRow, ansiRowPart, cellWidth } from '../../../src/screens/present/ansi-row.js';

describe('a row as terminal text', () => {
  it('styles each run and pads the row to its width', () => {
    expect(ansiRow([{ text: '09:00', color: 'gray' }, { text: ' ok' }], 10)).toBe('\x1b[90m09:00\x1b[0m ok  ');
    expect(ansiRow([{ text: 'H12', color: 'red', bold: true, underline: true, inverse: true }], 3)).toBe(
      '\x1b[1;4;7;31mH12\x1b[0m',
    );
  });

  it('without colour (NO_COLOR themes give no colour names) only bold, underline and inverse remain', () => {
    expect(
      ansiRow(
        [
          { text: 'err', bold: true },
          { text: ' x', color: undefined },
        ],
        5,
      ),
    ).toBe('\x1b[1merr\x1b[0m x');
  });

  it('cuts what does not fit with an ellipsis, counting wide characters as two cells', () => {
    expect(ansiRow([{ text: 'abcdef' }], 4)).toBe('abc…');
    expect(ansiRow([{ text: 'ab', color: 'cyan' }, { text: 'cdef' }], 4)).toBe('\x1b[36mab\x1b[0mc…');
    // 漢 takes two cells: 'a漢' is 3 cells, the row of 4 gets one space of padding.
    expect(ansiRow([{ text: 'a漢' }], 4)).toBe('a漢 ');
    // A wide character that would straddle the cut is left out, not split.
    expect(ansiRow([{ text: 'ab漢字' }], 4)).toBe('ab… ');
    expect(cellWidth('漢'.codePointAt(0)!)).toBe(2);
    expect(cellWidth('a'.codePointAt(0)!)).toBe(1);
  });
});

describe('part of a row, beside something drawn over the rest', () => {
  const runs = [
    { text: '09:00:01', color: 'gray' },
    { text: ' web.1 ', color: 'cyan' },
    { text: 'GET /orders 500', color: 'red', bold: true },
  ];

  it('the whole row is the row itself', () => {
    for (const width of [5, 12, 30, 40]) expect(ansiRowPart(runs, width, 0, width)).toBe(ansiRow(runs, width));
    expect(ansiRowPart([{ text: 'ab漢字' }], 4, 0, 4)).toBe(ansiRow([{ text: 'ab漢字' }], 4));
  });

  it('keeps the cells asked for with their styles, the cut and the padding included', () => {
    expect(ansiRowPart(runs, 40, 0, 4)).toBe('\x1b[90m09:0\x1b[0m');
    expect(ansiRowPart(runs, 40, 6, 12)).toBe('\x1b[90m01\x1b[0m\x1b[36m web\x1b[0m');
    expect(ansiRowPart(runs, 40, 27, 40)).toBe('\x1b[1;31m500\x1b[0m          ');
    // Cut at 12 cells: the ellipsis is the last cell, unstyled.
    expect(ansiRowPart(runs, 12, 9, 12)).toBe('\x1b[36mwe\x1b[0m…');
  });

  it('a wide character cut by either edge shows as a plain space, as Ink shows one under another box', () => {
    const wide = [{ text: 'a漢b', color: 'red' }];
    expect(ansiRowPart(wide, 6, 0, 2)).toBe('\x1b[31ma\x1b[0m ');
    expect(ansiRowPart(wide, 6, 2, 6)).toBe(' \x1b[31mb\x1b[0m  ');
    expect(ansiRowPart(wide, 6, 1, 3)).toBe('\x1b[31m漢\x1b[0m');
  });
});
