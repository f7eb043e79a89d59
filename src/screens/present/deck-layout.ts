// Where each pane goes for a terminal size. Pure, so resizing can be tested without Ink.

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
}

export function fitsTerminal(columns: number, rows: number): boolean {
  return columns >= MIN_COLUMNS && rows >= MIN_ROWS;
}

/** `wideRight`: environments are shown, so the right column gets half the width. */
export function deckLayout(columns: number, rows: number, wideRight = false): DeckLayout {
  const width = columns;
  const height = rows - 1;
  const bodyHeight = height - 2; // header and footer
  const topHeight = Math.ceil(bodyHeight / 2);
  const bottomHeight = bodyHeight - topHeight;
  const leftWidth = Math.round(width * (wideRight ? 0.5 : 0.58));
  const rightWidth = width - leftWidth;
  return {
    width,
    height,
    body: { width, height: bodyHeight },
    tickets: { width: leftWidth, height: topHeight },
    environments: { width: rightWidth, height: topHeight },
    logs: { width: leftWidth, height: bottomHeight },
    alerts: { width: rightWidth, height: bottomHeight },
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
