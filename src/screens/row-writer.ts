// Writes rows at fixed places on the screen and, frame after frame, only the rows that
// changed: cursor addressing, one write per frame, inside synchronized output (CSI ? 2026)
// so nothing tears, with the cursor saved and restored around it so Ink's own drawing
// (which moves relative to where it left the cursor) never notices.

/** Where a row goes: 0-based screen column and row, and how many cells it covers. */
export interface RowSlot {
  x: number;
  y: number;
  width: number;
}

export interface RowWriter {
  /**
   * Writes the rows whose slot or text differ from what this writer last put there (every
   * row when `full`). Each text must cover its slot's width exactly (see ansiRow).
   * Returns the bytes written (0 when nothing changed).
   */
  paint(slots: readonly RowSlot[], rows: readonly string[], opts?: { full?: boolean }): number;
  /** The text for the changed rows, without writing it (for a caller that writes it with its own output). */
  render(slots: readonly RowSlot[], rows: readonly string[], opts?: { full?: boolean }): string;
  /** Someone else drew over the screen: the next paint writes every row. */
  invalidate(): void;
}

const SAVE_CURSOR = '\x1b7';
const RESTORE_CURSOR = '\x1b8';
const NO_AUTOWRAP = '\x1b[?7l';
const AUTOWRAP = '\x1b[?7h';
export const BEGIN_SYNC = '\x1b[?2026h';
export const END_SYNC = '\x1b[?2026l';

export function createRowWriter(write: (text: string) => void, opts: { synchronized?: boolean } = {}): RowWriter {
  const sync = opts.synchronized ?? true;
  /** What is on screen at "y:x:width", as this writer left it. */
  let shown = new Map<string, string>();

  const render: RowWriter['render'] = (slots, rows, o = {}) => {
    const next = new Map<string, string>();
    let body = '';
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const text = rows[i] ?? ' '.repeat(slot.width);
      const key = `${slot.y}:${slot.x}:${slot.width}`;
      next.set(key, text);
      if (!o.full && shown.get(key) === text) continue;
      body += `\x1b[${slot.y + 1};${slot.x + 1}H${text}`;
    }
    shown = next;
    if (body === '') return '';
    // Autowrap off while writing: a row that met a narrower terminal is clipped, never scrolls the screen.
    return `${SAVE_CURSOR}${NO_AUTOWRAP}${body}${AUTOWRAP}${RESTORE_CURSOR}`;
  };

  return {
    render,
    paint(slots, rows, o) {
      const text = render(slots, rows, o);
      if (text === '') return 0;
      const out = sync ? `${BEGIN_SYNC}${text}${END_SYNC}` : text;
      write(out);
      return out.length;
    },
    invalidate() {
      shown = new Map();
    },
  };
}
