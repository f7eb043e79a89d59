import { describe, expect, it } from 'vitest';
import { visibleParts } from '../../src/screens/direct-log-rows.js';

describe('what of a log row shows beside an overlay', () => {
  const slot = { x: 2, y: 20, width: 76 };

  it('all of it when nothing covers the row, or the cover is above or below it', () => {
    expect(visibleParts(slot, undefined)).toEqual([[0, 76]]);
    expect(visibleParts(slot, { x: 16, y: 2, width: 128, height: 18 })).toEqual([[0, 76]]);
    expect(visibleParts(slot, { x: 16, y: 21, width: 128, height: 10 })).toEqual([[0, 76]]);
  });

  it('the cells left of the cover, and those right of it when the cover ends inside the row', () => {
    expect(visibleParts(slot, { x: 16, y: 2, width: 128, height: 44 })).toEqual([[0, 14]]);
    expect(visibleParts(slot, { x: 16, y: 20, width: 40, height: 1 })).toEqual([
      [0, 14],
      [54, 76],
    ]);
    expect(visibleParts(slot, { x: 0, y: 10, width: 30, height: 20 })).toEqual([[28, 76]]);
  });

  it('nothing when the cover spans the whole row', () => {
    expect(visibleParts(slot, { x: 0, y: 0, width: 160, height: 47 })).toEqual([]);
  });
});
