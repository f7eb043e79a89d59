// Where each pane goes for a terminal size. Pure, so resizing can be tested without Ink.
import type { PaneId, Split } from '../../store/ui-slice.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export interface PaneBox {
  width: number;
  height: number;
}

export interface DeckLayout {
  width: number;
  /** One row shorter than the terminal: a frame as tall as the terminal makes Ink clear the screen on every update. */
  height: number;
  body: PaneBox;
  tickets: PaneBox;
  environments: PaneBox;
  logs: PaneBox;
  alerts: PaneBox;
  /** The split these boxes come from (what `<` `>` `[` `]` move from). */
  split: Split;
  /** Where a help, detail or dialog view goes over the body (the panes stay visible around it). */
  overlay: PaneBox & { top: number; left: number };
}

export interface LayoutWants {
  /** Environments are shown, so the top row's right pane gets more width. */
  environments?: boolean;
  /** Rows the top panes' content needs (the longer of tickets and environments), frames excluded. */
  topContentRows?: number;
  /** The user's split, once they moved it. */
  split?: Split;
  /** A pane drawn over the whole body. */
  zoomed?: PaneId;
}

export function fitsTerminal(columns: number, rows: number): boolean {
  return columns >= MIN_COLUMNS && rows >= MIN_ROWS;
}

/** The split the deck starts with: the top row as tall as its content needs (within bounds), logs wide. */
export function defaultSplit(width: number, bodyHeight: number, wants: LayoutWants): Split {
  // Frames take 2 rows; an empty pane's explanation needs about 6.
  const needed = wants.topContentRows === undefined ? bodyHeight / 2 : Math.max(6, wants.topContentRows) + 2;
  const rows = Math.max(10, bodyHeight * 0.3, Math.min(bodyHeight * 0.55, needed));
  const topPercent = Math.round((rows / bodyHeight) * 100);
  // Log lines are long and alert rows short: the Logs pane takes what the Alerts pane can spare (it keeps 50 columns).
  const bottomLeftPercent = Math.max(50, Math.min(66, Math.floor(((width - ALERTS_COLUMNS) / width) * 100)));
  return { topPercent, topLeftPercent: wants.environments ? 50 : 58, bottomLeftPercent };
}

const ALERTS_COLUMNS = 50;

export function deckLayout(columns: number, rows: number, wants: LayoutWants = {}): DeckLayout {
  const width = columns;
  const height = rows - 1;
  const bodyHeight = height - 2; // header and footer
  const body = { width, height: bodyHeight };
  const split = wants.split ?? defaultSplit(width, bodyHeight, wants);
  const topHeight = Math.max(5, Math.min(bodyHeight - 5, Math.round((bodyHeight * split.topPercent) / 100)));
  const bottomHeight = bodyHeight - topHeight;
  const topLeft = Math.round((width * split.topLeftPercent) / 100);
  const bottomLeft = Math.round((width * split.bottomLeftPercent) / 100);
  const boxes = {
    tickets: { width: topLeft, height: topHeight },
    environments: { width: width - topLeft, height: topHeight },
    logs: { width: bottomLeft, height: bottomHeight },
    alerts: { width: width - bottomLeft, height: bottomHeight },
  };
  if (wants.zoomed) boxes[wants.zoomed] = body;
  // A frame of the panes stays in view around it: four columns and a row each side, more on a wide screen.
  const overlayWidth = width >= 140 ? Math.round(width * 0.8) : width - 8;
  const overlayHeight = bodyHeight - 2;
  return {
    width,
    height,
    body,
    ...boxes,
    split,
    overlay: {
      width: overlayWidth,
      height: overlayHeight,
      left: Math.floor((width - overlayWidth) / 2),
      top: Math.floor((bodyHeight - overlayHeight) / 2),
    },
  };
}

/** Rows left for content inside a framed pane (top border with title, bottom border). */
export function paneContentHeight(box: PaneBox): number {
  return Math.max(0, box.height - 2);
}

/** Columns left for content inside a framed pane (side borders and one space of padding each side). */
export function paneContentWidth(box: PaneBox): number {
  return Math.max(0, box.width - 4);
}
