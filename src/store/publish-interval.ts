// How often the Logs pane is redrawn while lines arrive. Each publish costs a window of
// parsed rows and the row writer's bytes (and the terminal's work to draw them); past a
// few hundred lines a second every row changes between two frames and nobody can read
// them anyway, so a flood is drawn twice a second. Keys never wait for this: they publish
// at once.

/** The shortest time between two publishes at `linesPerSecond` (the rate shown on the status line). */
export function publishIntervalMs(linesPerSecond: number, baseMs = 100): number {
  if (linesPerSecond > 500) return Math.max(baseMs, 500);
  if (linesPerSecond > 100) return Math.max(baseMs, 250);
  return baseMs;
}
