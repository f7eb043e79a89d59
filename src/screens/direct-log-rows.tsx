// The Logs pane's rows drawn by the deck's own row writer instead of Ink. Ink lays the pane
// out and draws everything else; the rows (log lines and the status line) are written
// straight to the terminal, only those that changed, whenever the logs slice publishes, so
// a log flood costs no React render, Yoga layout or full-screen serialisation at all.
// Ink writes its frames through `stdout` here: after each one (which blanks the rows'
// rectangle) the rows are written again inside the same synchronized update. An overlay
// drawn over the pane (the key list, a detail view) is left alone: the rows are written only
// around it, so opening or closing one costs Ink no log rows to lay out and draw.
import { createContext, useContext, type ReactNode } from 'react';
import type { DOMElement } from 'ink';
import { ansiRow, ansiRowPart, type StyledRun } from './present/ansi-row.js';
import { BEGIN_SYNC, END_SYNC, createRowWriter, type RowSlot } from './row-writer.js';

export interface DirectRowsSource {
  /** The box the log rows fill, and the one-row box of the status line. */
  body: DOMElement;
  status: DOMElement;
  /** What the rows show now. */
  rows(): { body: StyledRun[][]; status: StyledRun[] };
}

export interface DirectLogRows {
  /** The stream to give Ink: its frames pass through, and the rows are drawn again after each one. */
  readonly stdout: NodeJS.WriteStream;
  /** The pane takes its rows from Ink; returns the function that gives them back. */
  attach(source: DirectRowsSource): () => void;
  /** What the rows show changed: write the rows that differ. */
  refresh(): void;
  /**
   * The box drawn over the rows when it is shown (an opaque overlay; hidden with display "none"):
   * where it is, the rows are not written. Given once, while hidden, so Ink's frame that shows it
   * already knows it (a ref is set only after Ink has written that frame).
   */
  coverWith(element: DOMElement | undefined): void;
}

type Box = { x: number; y: number; width: number; height: number };

/** The parts of a row's slot [x, x + width) left in view beside a box drawn over it, as [from, to) inside the slot. */
export function visibleParts(
  slot: { x: number; y: number; width: number },
  cover: Box | undefined,
): Array<[number, number]> {
  if (!cover || slot.y < cover.y || slot.y >= cover.y + cover.height) return [[0, slot.width]];
  const parts: Array<[number, number]> = [];
  const leftEnd = Math.min(slot.width, cover.x - slot.x);
  if (leftEnd > 0) parts.push([0, leftEnd]);
  const rightStart = Math.max(0, cover.x + cover.width - slot.x);
  if (rightStart < slot.width) parts.push([rightStart, slot.width]);
  return parts;
}

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;

export function createDirectLogRows(target: NodeJS.WriteStream): DirectLogRows {
  const realWrite = target.write.bind(target) as Write;
  const writer = createRowWriter((text) => realWrite(text));
  let source: DirectRowsSource | undefined;
  let coverElement: DOMElement | undefined;
  let inFrame = false;

  const slotsAndRows = (): { slots: RowSlot[]; rows: string[] } | undefined => {
    if (!source) return undefined;
    const body = boxOf(source.body);
    const status = boxOf(source.status);
    if (!body || !status) return undefined;
    // Ink's layout can be a step behind a resize: rows that no longer fit the terminal wait for the next frame.
    const columns = target.columns ?? Infinity;
    const lines = target.rows ?? Infinity;
    if (body.x + body.width > columns || status.x + status.width > columns) return undefined;
    if (body.y + body.height > lines || status.y >= lines) return undefined;
    const { body: bodyRows, status: statusRuns } = source.rows();
    const cover = coverElement && coverElement.style.display !== 'none' ? boxOf(coverElement) : undefined;
    const slots: RowSlot[] = [];
    const rows: string[] = [];
    const add = (slot: RowSlot, runs: StyledRun[]) => {
      const parts = visibleParts(slot, cover);
      if (parts.length === 1 && parts[0]![0] === 0 && parts[0]![1] === slot.width) {
        slots.push(slot);
        rows.push(ansiRow(runs, slot.width));
        return;
      }
      for (const [from, to] of parts) {
        slots.push({ x: slot.x + from, y: slot.y, width: to - from });
        rows.push(ansiRowPart(runs, slot.width, from, to));
      }
    };
    for (let i = 0; i < body.height; i++) add({ x: body.x, y: body.y + i, width: body.width }, bodyRows[i] ?? []);
    if (status.height > 0) add({ x: status.x, y: status.y, width: status.width }, statusRuns);
    return { slots, rows };
  };

  /** Every row again, after a frame of Ink's has drawn over them. */
  const afterFrame = (): string => {
    writer.invalidate();
    const now = slotsAndRows();
    return now ? writer.render(now.slots, now.rows, { full: true }) : '';
  };

  const write: Write = (chunk, ...rest) => {
    if (chunk === BEGIN_SYNC) {
      inFrame = true;
      return realWrite(chunk, ...rest);
    }
    if (chunk === END_SYNC) {
      inFrame = false;
      return realWrite(afterFrame() + END_SYNC, ...rest);
    }
    const ok = realWrite(chunk, ...rest);
    if (!inFrame) {
      const rows = afterFrame();
      if (rows) realWrite(BEGIN_SYNC + rows + END_SYNC);
    }
    return ok;
  };

  const stdout = new Proxy(target, {
    get(t, prop) {
      if (prop === 'write') return write;
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });

  return {
    stdout,
    attach(next) {
      // Ink has usually drawn the frame with the blank rows already (it writes during React's
      // commit, before effects run), and may not draw again for a while: draw them now.
      source = next;
      writer.invalidate();
      const now = slotsAndRows();
      if (now) writer.paint(now.slots, now.rows, { full: true });
      return () => {
        if (source !== next) return;
        source = undefined;
        writer.invalidate();
      };
    },
    refresh() {
      const now = slotsAndRows();
      if (now) writer.paint(now.slots, now.rows);
    },
    coverWith(element) {
      coverElement = element;
    },
  };
}

/** An element's place on the screen from Ink's last layout (undefined before there is one). */
function boxOf(element: DOMElement): Box | undefined {
  const node = element.yogaNode;
  if (!node) return undefined;
  let x = 0;
  let y = 0;
  let root: DOMElement | undefined;
  for (let at: DOMElement | undefined = element; at; at = at.parentNode) {
    root = at;
    if (!at.yogaNode) continue;
    x += at.yogaNode.getComputedLeft();
    y += at.yogaNode.getComputedTop();
  }
  // An element React has just taken out of the tree (the pane remounts its body when focus
  // changes) keeps its last layout, relative to nothing: never draw there.
  if (root?.nodeName !== 'ink-root') return undefined;
  const width = node.getComputedWidth();
  const height = node.getComputedHeight();
  if (![x, y, width, height].every(Number.isFinite) || width <= 0) return undefined;
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}

const DirectLogRowsContext = createContext<DirectLogRows | undefined>(undefined);

export function DirectLogRowsProvider(props: { value: DirectLogRows | undefined; children: ReactNode }) {
  return <DirectLogRowsContext.Provider value={props.value}>{props.children}</DirectLogRowsContext.Provider>;
}

/** The row writer, when the deck draws to a real terminal with it (none in tests that render with Ink alone). */
export function useDirectLogRows(): DirectLogRows | undefined {
  return useContext(DirectLogRowsContext);
}
