/**
 * Which rows of a list to draw so that the selected row is visible, keeping the
 * window still while the selection moves inside it. Only these rows reach React.
 */
export function visibleWindow(
  count: number,
  selected: number,
  height: number,
  previousStart = 0,
): { start: number; end: number } {
  if (height <= 0 || count <= 0) return { start: 0, end: 0 };
  if (count <= height) return { start: 0, end: count };
  let start = Math.min(Math.max(previousStart, 0), count - height);
  if (selected < start) start = selected;
  if (selected >= start + height) start = selected - height + 1;
  return { start, end: start + height };
}
