// The footer's keys within the room it has: when they do not all fit, the last ones go first,
// but "quit" and "help" stay (the list behind ? has every key), as k9s keeps <?> in view.

export interface FooterKey {
  label: string;
  text: string;
}

const KEPT = new Set(['help', 'quit']);

/** Each key takes two spaces, its label, a space and its text. */
const widthOf = (k: FooterKey) => 2 + k.label.length + 1 + k.text.length;

export function fitFooter(keys: readonly FooterKey[], room: number): FooterKey[] {
  const total = keys.reduce((sum, k) => sum + widthOf(k), 0);
  if (total <= room) return [...keys];
  const kept = keys.filter((k) => KEPT.has(k.text));
  let left = room - kept.reduce((sum, k) => sum + widthOf(k), 0);
  const shown = new Set<FooterKey>(kept);
  for (const k of keys) {
    if (shown.has(k)) continue;
    if (widthOf(k) > left) break;
    shown.add(k);
    left -= widthOf(k);
  }
  return keys.filter((k) => shown.has(k));
}
