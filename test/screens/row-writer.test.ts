import { describe, expect, it } from 'vitest';
import { createRowWriter, type RowSlot } from '../../src/screens/row-writer.js';

const slots: RowSlot[] = [
  { x: 2, y: 10, width: 3 },
  { x: 2, y: 11, width: 3 },
  { x: 2, y: 12, width: 3 },
];

function writer() {
  const writes: string[] = [];
  return { writes, w: createRowWriter((t) => writes.push(t)) };
}

describe('the row writer', () => {
  it('writes every row the first time, each at its place, in one synchronized write with the cursor kept', () => {
    const { writes, w } = writer();
    w.paint(slots, ['aaa', 'bbb', 'ccc']);
    expect(writes).toEqual(['\x1b[?2026h\x1b7\x1b[?7l\x1b[11;3Haaa\x1b[12;3Hbbb\x1b[13;3Hccc\x1b[?7h\x1b8\x1b[?2026l']);
  });

  it('then writes only the rows that changed, and nothing when nothing did', () => {
    const { writes, w } = writer();
    w.paint(slots, ['aaa', 'bbb', 'ccc']);
    expect(w.paint(slots, ['aaa', 'BBB', 'ccc'])).toBeGreaterThan(0);
    expect(writes[1]).toBe('\x1b[?2026h\x1b7\x1b[?7l\x1b[12;3HBBB\x1b[?7h\x1b8\x1b[?2026l');
    expect(w.paint(slots, ['aaa', 'BBB', 'ccc'])).toBe(0);
    expect(writes).toHaveLength(2);
  });

  it('a row missing from the list blanks its place', () => {
    const { writes, w } = writer();
    w.paint(slots, ['aaa', 'bbb', 'ccc']);
    w.paint(slots, ['aaa']);
    expect(writes[1]).toBe('\x1b[?2026h\x1b7\x1b[?7l\x1b[12;3H   \x1b[13;3H   \x1b[?7h\x1b8\x1b[?2026l');
  });

  it('after someone else drew over the screen, or when the rows moved, they are all written again', () => {
    const { writes, w } = writer();
    w.paint(slots, ['aaa', 'bbb', 'ccc']);
    w.invalidate();
    w.paint(slots, ['aaa', 'bbb', 'ccc']);
    expect(writes[1]).toContain('\x1b[11;3Haaa');
    expect(writes[1]).toContain('\x1b[13;3Hccc');
    const moved = slots.map((s) => ({ ...s, y: s.y + 1 }));
    w.paint(moved, ['aaa', 'bbb', 'ccc']);
    expect(writes[2]).toBe('\x1b[?2026h\x1b7\x1b[?7l\x1b[12;3Haaa\x1b[13;3Hbbb\x1b[14;3Hccc\x1b[?7h\x1b8\x1b[?2026l');
  });

  it('render gives the text without writing it, for a caller that adds it to its own output', () => {
    const { writes, w } = writer();
    expect(w.render(slots.slice(0, 1), ['aaa'], { full: true })).toBe('\x1b7\x1b[?7l\x1b[11;3Haaa\x1b[?7h\x1b8');
    expect(writes).toEqual([]);
    expect(w.render(slots.slice(0, 1), ['aaa'])).toBe('');
  });
});
