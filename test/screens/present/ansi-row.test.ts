import { describe, expect, it } from 'vitest';
import { ansiRow, cellWidth } from '../../../src/screens/present/ansi-row.js';

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
