/** Exactly `width` characters: cut with an ellipsis, or padded with spaces. */
export function fitText(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text + ' '.repeat(width - chars.length);
  return width <= 0 ? '' : `${chars.slice(0, width - 1).join('')}…`;
}
