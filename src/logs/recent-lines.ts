// The last lines of a log stream, for a listener that joins late or a session that replays
// history. They are kept as bytes outside the JS heap: a line read from the network is a
// slice of its whole chunk of text, so a ring of strings kept every recent chunk alive and
// had V8 copy them into the old generation during a flood (bench/log-flood.sh memory check).
const NOT_ASCII = /[^\x00-\x7f]/;

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
  const asciiOf = new Uint8Array(capacity);
  const kept: Array<string | undefined> = new Array<string | undefined>(capacity);
  /** Where the next line's bytes go, counted from the first byte ever written. */
  let head = 0;
  let added = 0;

  const add = (line: string) => {
    const slot = added % capacity;
    added++;
    const ascii = !NOT_ASCII.test(line);
    const length = ascii ? line.length : Buffer.byteLength(line, 'utf8');
    if (length > arenaBytes / 8) {
      kept[slot] = line;
      startOf[slot] = head;
      return;
    }
    kept[slot] = undefined;
    let at = head % arenaBytes;
    if (at + length > arenaBytes) {
      head += arenaBytes - at; // the rest of this lap stays unused
      at = 0;
    }
    arena.write(line, at, length, ascii ? 'latin1' : 'utf8');
    startOf[slot] = head;
    lengthOf[slot] = length;
    asciiOf[slot] = ascii ? 1 : 0;
    head += length;
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
        out.push(arena.toString(asciiOf[slot] ? 'latin1' : 'utf8', at, at + lengthOf[slot]!));
      }
      return out;
    },
    get size() {
      return Math.min(added, capacity);
    },
  };
}
