// Which columns an environment row shows at a width: everything on a wide pane, and the
// least useful dropped first as it narrows, so requests and p95 stay on the row as long
// as anything but the name and release does. Pure.

export interface EnvironmentColumns {
  name: number;
  /** `v5 1a2b3c4 3h maya` (long) or `v5 1a2b3c4` (short). */
  release: number;
  releaseLong: boolean;
  formation: number;
  dynos: number;
  /** `2.5 req/s  p95 180ms`, with 15-minute sparklines when `sparklines`. */
  health: number;
  sparklines: boolean;
  /** `db 34% · 112 conn` (CloudWatch). */
  database: number;
  /** The rest of the row; 0 puts the note on a line of its own. */
  note: number;
}

const NAME = 13;
const RELEASE_LONG = 21;
const RELEASE_SHORT = 11;
const FORMATION = 17;
const DYNOS = 11;
const HEALTH = 21;
const SPARKS = 10;
/** "db 100% · 1,234 conn" and a space. */
const DATABASE = 21;
/** A note narrower than this is unreadable: it goes on its own line instead. */
const MIN_NOTE = 18;

export function environmentColumns(width: number, opts: { health: boolean; database: boolean }): EnvironmentColumns {
  const c: EnvironmentColumns = {
    name: NAME,
    release: RELEASE_LONG,
    releaseLong: true,
    formation: FORMATION,
    dynos: DYNOS,
    health: opts.health ? HEALTH : 0,
    sparklines: opts.health,
    database: opts.database ? DATABASE : 0,
    note: MIN_NOTE,
  };
  const total = () =>
    c.name + c.release + c.formation + c.dynos + c.health + (c.sparklines ? SPARKS : 0) + c.database + c.note;
  // Dropped in this order until the row fits: least useful first.
  const steps: Array<() => void> = [
    () => (c.sparklines = false),
    () => {
      c.release = RELEASE_SHORT;
      c.releaseLong = false;
    },
    () => (c.database = 0),
    () => (c.note = 0),
    () => (c.formation = 0),
    () => (c.health = 0),
  ];
  for (const step of steps) {
    if (total() <= width) break;
    step();
  }
  if (total() > width) c.dynos = Math.max(8, width - c.name - c.release);
  // What is left goes to the note, or to the dyno states when the note has a line of its own.
  if (c.note) c.note += Math.max(0, width - total());
  else c.dynos += Math.max(0, width - total());
  if (c.sparklines) c.health += SPARKS;
  return c;
}
