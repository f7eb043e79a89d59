// The retained log of one environment: a ring of sanitized lines that never grows past
// its capacity. Lines are kept as UTF-8 bytes in 1 MiB blocks outside the JS heap (a
// heap of 100k strings that churn as the ring turns costs about twice their size in
// RSS); a line becomes a string again only when it is drawn or a filter is recomputed.
// The deck's gap markers are kept as a flag beside their text, so no line can pass for one.
import { gapDisplayLine, parseDisplayLine, type DisplayLine } from '../logs/display-line.js';
import { sanitizeLine } from '../logs/sanitize.js';

export const DEFAULT_LOG_CAPACITY = 100_000;

const BLOCK_BYTES = 1 << 20;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;
const NOT_ASCII = /[^\x00-\x7f]/;

export interface LogEntry {
  seq: number;
  /** The line as received, with control sequences removed. */
  raw: string;
  view: DisplayLine;
}

export interface LogBufferStats {
  /** Lines received since the buffer was last cleared. */
  appended: number;
  /** Lines held now. */
  retained: number;
  /** Old lines let go to stay within capacity (retention, not loss). */
  evicted: number;
  /** Of the evicted lines, those let go before any frame could show them (more arrived between two frames than the ring holds). */
  dropped: number;
}

export interface LogBuffer {
  readonly capacity: number;
  /** Sanitizes and stores one line; returns its sequence number. */
  push(line: string): number;
  /** Stores a line that is already sanitized; returns its sequence number. */
  pushClean(clean: string): number;
  /** Sanitizes and stores lines, in order (the next seqs, from `nextSeq`). */
  pushMany(lines: readonly string[]): void;
  /** Stores lines that are already sanitized, in order (the next seqs, from `nextSeq`). */
  pushCleanMany(cleans: readonly string[]): void;
  /** Stores the deck's own gap marker (its words; the flag is what makes it a gap); returns its sequence number. */
  pushGap(words: string): number;
  /** Every line held now has been published to the screen (so evicting it later is retention, not loss). */
  markShown(): void;
  /** Whether a retained line is a gap marker the deck put there. */
  isGap(seq: number): boolean;
  /** The oldest retained line's seq (equals `nextSeq` when empty). */
  readonly firstSeq: number;
  /** The seq the next line will get; the newest retained line is `nextSeq - 1`. */
  readonly nextSeq: number;
  readonly size: number;
  /** The sanitized text of a retained line. */
  text(seq: number): string | undefined;
  /** A retained line with its display fields (parsed now, not stored). */
  entry(seq: number): LogEntry | undefined;
  stats(): LogBufferStats;
  /** Bytes held for line text (for tests and the curious). */
  readonly bytes: number;
  /** Forgets every line; seqs keep increasing so old positions never alias new lines. */
  clear(): void;
}

interface Block {
  data: Buffer;
  /** Retained lines stored in it. */
  lines: number;
}

export function createLogBuffer(capacity = DEFAULT_LOG_CAPACITY): LogBuffer {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new Error(`log buffer capacity must be a positive integer, not ${capacity}`);
  // Per ring slot: which block, where in it, how many bytes. 12 bytes a line.
  const blockOf = new Int32Array(capacity);
  const offsetOf = new Int32Array(capacity);
  const lengthOf = new Int32Array(capacity);
  const gapOf = new Uint8Array(capacity);
  let blocks = new Map<number, Block>();
  let current: Block | undefined;
  let currentId = -1;
  let used = 0;
  let nextBlockId = 0;
  let bytes = 0;

  let nextSeq = 1;
  let size = 0;
  let appended = 0;
  let evicted = 0;
  let evictedUnshown = 0;
  /** Lines up to this seq were held when a frame was published. */
  let shownThrough = 0;

  const has = (seq: number) => seq >= nextSeq - size && seq < nextSeq;
  const slot = (seq: number) => seq % capacity;

  const release = (s: number) => {
    const id = blockOf[s]!;
    const block = blocks.get(id);
    if (!block) return;
    block.lines--;
    if (block.lines === 0 && id !== currentId) {
      blocks.delete(id);
      bytes -= block.data.length;
    }
  };

  /** Where the last placed line's bytes go. */
  let placedAt = 0;

  /** Takes a seq and room for `length` bytes (a new block when the current one is full); the caller writes them. */
  const place = (length: number, gap: boolean): Block => {
    const seq = nextSeq++;
    const s = slot(seq);
    if (size === capacity) {
      release(s);
      evicted++;
      if (seq - capacity > shownThrough) evictedUnshown++;
    } else size++;
    appended++;

    if (!current || used + length > current.data.length) {
      // The old current block goes once its last line does.
      if (current && current.lines === 0) {
        blocks.delete(currentId);
        bytes -= current.data.length;
      }
      currentId = nextBlockId++;
      current = { data: Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, length)), lines: 0 };
      blocks.set(currentId, current);
      bytes += current.data.length;
      used = 0;
    }
    current.lines++;
    blockOf[s] = currentId;
    offsetOf[s] = used;
    lengthOf[s] = length;
    gapOf[s] = gap ? 1 : 0;
    placedAt = used;
    used += length;
    return current;
  };

  const store = (clean: string, gap = false): number => {
    const length = Buffer.byteLength(clean, 'utf8');
    const block = place(length, gap);
    block.data.write(clean, placedAt, length, 'utf8');
    return nextSeq - 1;
  };

  /** A line of one-byte characters (its length is its byte count): no count, and no UTF-8 encoding. */
  const storeOneByte = (line: string): void => {
    const block = place(line.length, false);
    block.data.write(line, placedAt, line.length, 'latin1');
  };

  // Most log lines are printable ASCII: one scan tells, and settles sanitizing too. A flood
  // brings thousands a second, so each goes in with one write (joining a batch to write it
  // at once cost more in garbage than the writes it saved).
  const storeLines = (lines: readonly string[]): void => {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (NOT_PRINTABLE_ASCII.test(line)) store(sanitizeLine(line));
      else storeOneByte(line);
    }
  };

  const storeCleans = (cleans: readonly string[]): void => {
    for (let i = 0; i < cleans.length; i++) {
      const clean = cleans[i]!;
      if (NOT_ASCII.test(clean)) store(clean);
      else storeOneByte(clean);
    }
  };

  const read = (seq: number): string | undefined => {
    if (!has(seq)) return undefined;
    const s = slot(seq);
    const block = blocks.get(blockOf[s]!)!;
    return block.data.toString('utf8', offsetOf[s]!, offsetOf[s]! + lengthOf[s]!);
  };

  return {
    capacity,
    push: (line) => store(sanitizeLine(line)),
    pushClean: (clean) => store(clean),
    pushMany: storeLines,
    pushCleanMany: storeCleans,
    pushGap: (words) => store(sanitizeLine(words), true),
    markShown() {
      shownThrough = nextSeq - 1;
    },
    isGap: (seq) => has(seq) && gapOf[slot(seq)] === 1,
    get firstSeq() {
      return nextSeq - size;
    },
    get nextSeq() {
      return nextSeq;
    },
    get size() {
      return size;
    },
    text: read,
    entry(seq) {
      const raw = read(seq);
      if (raw === undefined) return undefined;
      return { seq, raw, view: gapOf[slot(seq)] === 1 ? gapDisplayLine(raw) : parseDisplayLine(raw) };
    },
    stats: () => ({ appended, retained: size, evicted, dropped: evictedUnshown }),
    get bytes() {
      return bytes;
    },
    clear() {
      blocks = new Map();
      current = undefined;
      currentId = -1;
      used = 0;
      bytes = 0;
      size = 0;
      appended = 0;
      evicted = 0;
      evictedUnshown = 0;
      shownThrough = nextSeq - 1;
    },
  };
}
