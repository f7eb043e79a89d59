// One screen row as terminal text, for the Logs pane's row writer: styled runs cut to a
// width in cells (an ellipsis where cut, as Ink's truncate-end does), padded with spaces
// so the row covers what was there before, and every style reset at its end.

export interface StyledRun {
  text: string;
  /** One of the theme's colour names (undefined: the terminal's own colour, also under NO_COLOR). */
  color?: string;
  bold?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

const FOREGROUND: Record<string, number> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
  grey: 90,
  redBright: 91,
  greenBright: 92,
  yellowBright: 93,
  blueBright: 94,
  magentaBright: 95,
  cyanBright: 96,
  whiteBright: 97,
};

/** Cells a code point takes: 2 for East Asian wide and emoji ranges, 0 for combining marks, else 1. */
export function cellWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

function sgr(run: StyledRun): string {
  const codes: number[] = [];
  if (run.bold) codes.push(1);
  if (run.underline) codes.push(4);
  if (run.inverse) codes.push(7);
  const fg = run.color === undefined ? undefined : FOREGROUND[run.color];
  if (fg !== undefined) codes.push(fg);
  return codes.length ? `\x1b[${codes.join(';')}m` : '';
}

/** The runs as exactly `width` cells of terminal text. */
export function ansiRow(runs: readonly StyledRun[], width: number): string {
  if (width <= 0) return '';
  let total = 0;
  for (const run of runs) for (const ch of run.text) total += cellWidth(ch.codePointAt(0)!);
  const cut = total > width;
  // Room for the ellipsis when the row is cut.
  let room = cut ? width - 1 : width;
  let out = '';
  let used = 0;
  for (const run of runs) {
    if (room <= 0) break;
    let text = '';
    for (const ch of run.text) {
      const w = cellWidth(ch.codePointAt(0)!);
      if (w > room) {
        room = 0;
        break;
      }
      text += ch;
      room -= w;
      used += w;
    }
    if (text === '') continue;
    const open = sgr(run);
    out += open ? `${open}${text}\x1b[0m` : text;
  }
  if (cut) {
    out += '…';
    used += 1;
  }
  return used < width ? out + ' '.repeat(width - used) : out;
}

/** One cell of a row: its text (with any zero-width marks after it), the cells it takes, its run (none: padding or the ellipsis). */
interface Cell {
  text: string;
  width: number;
  run?: StyledRun;
}

/** The cells ansiRow(runs, width) puts on screen, in order. */
function rowCells(runs: readonly StyledRun[], width: number): Cell[] {
  let total = 0;
  for (const run of runs) for (const ch of run.text) total += cellWidth(ch.codePointAt(0)!);
  const cut = total > width;
  let room = cut ? width - 1 : width;
  const cells: Cell[] = [];
  let used = 0;
  for (const run of runs) {
    if (room <= 0) break;
    for (const ch of run.text) {
      const w = cellWidth(ch.codePointAt(0)!);
      if (w > room) {
        room = 0;
        break;
      }
      const last = cells.at(-1);
      if (w === 0 && last?.run === run) last.text += ch;
      else cells.push({ text: ch, width: w, run });
      room -= w;
      used += w;
    }
  }
  if (cut) {
    cells.push({ text: '…', width: 1 });
    used += 1;
  }
  for (; used < width; used++) cells.push({ text: ' ', width: 1 });
  return cells;
}

/**
 * Cells `from` to `to` (end excluded) of ansiRow(runs, width): the part of a row left in view
 * beside something drawn over it. A wide character cut by either edge shows as a plain space,
 * as Ink shows one that another box is drawn over.
 */
export function ansiRowPart(runs: readonly StyledRun[], width: number, from: number, to: number): string {
  let out = '';
  let open: StyledRun | undefined;
  let text = '';
  const flush = () => {
    if (text === '') return;
    const sgrOpen = open ? sgr(open) : '';
    out += sgrOpen ? `${sgrOpen}${text}\x1b[0m` : text;
    text = '';
  };
  let at = 0;
  for (const cell of rowCells(runs, width)) {
    const start = at;
    at += cell.width;
    if (at <= from && !(cell.width === 0 && start === from)) continue;
    if (start >= to) break;
    const whole = start >= from && at <= to;
    const run = whole ? cell.run : undefined;
    if (run !== open) {
      flush();
      open = run;
    }
    text += whole ? cell.text : ' '.repeat(Math.min(at, to) - Math.max(start, from));
  }
  flush();
  return out;
}
