// The last lines of a log stream, for a listener that joins late or a session that replays
// history. They are kept as bytes outside the JS heap: a line read from the network is a
// slice of its whole chunk of text, so a ring of strings kept every recent chunk alive and
// had V8 copy them into the old generation during a flood (bench/log-flood.sh memory check).

export interface RecentLines {
  /** Remembers lines, in order; the oldest go once more than `capacity` are held. */
  add(lines: readonly string[]): void;
  /** The lines held, oldest first. */
  lines(): string[];
  readonly size: number;
}

/**
 * `capacity` lines, in an arena of `capacity * averageBytes` bytes: when long lines fill it,
 * fewer are held (the oldest go first). A line longer than an eighth of the arena is kept as
 * it is.
 */
export function createRecentLines(capacity: number, averageBytes = 512): RecentLines {
  const arenaBytes = Math.max(4096, capacity * averageBytes);
  const arena = Buffer.allocUnsafeSlow(arenaBytes);
  const startOf = new Float64Array(capacity);
  const lengthOf = new Int32Array(capacity);
  const kept: Array<string | undefined> = new Array<string | undefined>(capacity);
  /** Where the next line's bytes go, counted from the first byte ever written. */
  let head = 0;
  let added = 0;

  const add = (line: string) => {
    const slot = added % capacity;
    added++;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: the exact count is only needed near a limit.
    let length = line.length * 3;
    if (length > arenaBytes / 8) length = Buffer.byteLength(line, 'utf8');
    if (length > arenaBytes / 8) {
      kept[slot] = line;
      startOf[slot] = head;
      return;
    }
    kept[slot] = undefined;
    let at = head % arenaBytes;
    if (at + length > arenaBytes) length = Buffer.byteLength(line, 'utf8');
    if (at + length > arenaBytes) {
      head += arenaBytes - at; // the rest of this lap stays unused
      at = 0;
    }
    const written = arena.write(line, at, 'utf8');
    startOf[slot] = head;
    lengthOf[slot] = written;
    head += written;
  };

  return {
    add(lines) {
      for (let i = 0; i < lines.length; i++) add(lines[i]!);
    },
    lines() {
      const out: string[] = [];
      const held = Math.min(added, capacity);
      for (let n = added - held; n < added; n++) {
        const slot = n % capacity;
        const line = kept[slot];
        if (line !== undefined) {
          out.push(line);
          continue;
        }
        // Overwritten since: a later line's bytes took its place in the arena.
        if (startOf[slot]! < head - arenaBytes) continue;
        const at = startOf[slot]! % arenaBytes;
        out.push(arena.toString('utf8', at, at + lengthOf[slot]!));
      }
      return out;
    },
    get size() {
      return Math.min(added, capacity);
    },
  };
}
