// The deck's own line, put in a log stream where a new session may have missed lines.
const GAP_PREFIX = '── stream resumed; ';

/** The line put in the stream where lines between `from` and `to` (epoch ms) may be missing. */
export function gapMarker(from: number, to: number): string {
  return `${GAP_PREFIX}lines between ${clockTime(from)} and ${clockTime(to)} may be missing ──`;
}

export function isGapLine(text: string): boolean {
  return text.startsWith(GAP_PREFIX);
}

function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}
