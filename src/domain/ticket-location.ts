// Where a ticket's code is, in the words the Tickets pane uses. Pure.
/**
 * Where a ticket's work is, in words: the furthest stage wins, by the caller's
 * order (earliest stage first). Undefined when it is nowhere.
 */
export function describeLocation(envNames: readonly string[], order: readonly string[]): string | undefined {
  if (envNames.length === 0) return undefined;
  // Names the order does not know rank below every known stage.
  let best = envNames[0]!;
  for (const name of envNames) {
    if (order.indexOf(name) > order.indexOf(best)) best = name;
  }
  return best === 'production' ? 'in production' : `on ${best}`;
}
