// The deck's own words for a place in a log stream where a new session may have missed
// lines. A gap travels beside the lines, never as one of them (the tail reports it through
// its own callback, the buffer keeps it as a flag), so no bytes an app or a remote sends
// can pass for one: a line that reads like this marker is an ordinary line.
const GAP_PREFIX = '── stream resumed; ';

export interface LogGap {
  /** Epoch ms of the last line before the gap. */
  from: number;
  /** Epoch ms when the stream was back. */
  to: number;
}

/** The words shown where lines between `from` and `to` (epoch ms) may be missing. */
export function gapMarker(from: number, to: number): string {
  return `${GAP_PREFIX}lines between ${clockTime(from)} and ${clockTime(to)} may be missing ──`;
}

function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}
