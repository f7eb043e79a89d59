// The Logs pane's view model, without React: the retained buffer, which of its lines a
// source choice and a filter let through, search matches, follow/scroll position and
// wrapping. The filter sees the whole retained buffer (an index of matching positions,
// kept up to date as lines arrive and as the ring lets old ones go); drawing a frame
// in follow mode touches only the rows that fit.
import {
  displayTextOfClean,
  highlight,
  layoutRows,
  lineSegments,
  rowCount,
  sourceAndDyno,
  type Segment,
} from '../logs/display-line.js';
import { gapMarker, type LogGap } from '../logs/gap-marker.js';
import { sanitizeLine } from '../logs/sanitize.js';
import { createLogBuffer, DEFAULT_LOG_CAPACITY, type LogBufferStats } from './log-buffer.js';

/** 'all', 'app', 'router', 'heroku', or a process type ('web', 'worker'). */
export type SourceChoice = string;

/** What `s` cycles through. */
export const SOURCE_CYCLE: readonly SourceChoice[] = ['all', 'app', 'router', 'heroku', 'web', 'worker'];

export interface LogRow {
  seq: number;
  segments: Segment[];
  /** A row of the search match that n/N moved to. */
  current?: boolean;
}

export interface LogWindow {
  rows: LogRow[];
  follow: boolean;
  wrap: boolean;
  /** The applied filter as typed ('' when none; a leading `!` inverts). */
  filter: string;
  /** Why the last filter typed was refused (the previous one stays applied). */
  filterError?: string;
  search: string;
  searchError?: string;
  /** 1-based position of the current search match, after n/N. */
  matchIndex?: number;
  matchCount: number;
  /** Lines that pass the source choice and the filter. */
  shown: number;
  retained: number;
  source: SourceChoice;
}

export interface LogViewStats extends LogBufferStats {
  /** Markers of possibly missing lines (a log session had to be replaced). */
  gaps: number;
}

export interface LogView {
  append(lines: readonly string[]): void;
  /** Marks where lines may be missing (reported by the tail, never read from a line). */
  appendGap(gap: LogGap): void;
  setSource(choice: SourceChoice): void;
  /** Applies a regex filter (case-insensitive, `!` inverts); returns an error and keeps the old filter when invalid. */
  setFilter(text: string): string | undefined;
  /** Highlights matches without hiding lines; returns an error and keeps the old search when invalid. */
  setSearch(text: string): string | undefined;
  /** Moves to the next (newer) search match and pauses follow. */
  next(): void;
  /** Moves to the previous (older) search match and pauses follow. */
  prev(): void;
  toggleFollow(): void;
  /** Lines up (negative) or down; pauses follow, and reaching the end resumes it. */
  scroll(delta: number | 'first' | 'last'): void;
  toggleWrap(): void;
  window(height: number, width: number): LogWindow;
  /** Every line held now reached the screen's window (evicting it later is retention, not loss). */
  markShown(): void;
  stats(): LogViewStats;
  /** Forgets why the last filter or search was refused (the prompt was closed). */
  dismissErrors(): void;
  /** Forgets every line; settings (filter, search, source, wrap) stay. */
  clear(): void;
  readonly follow: boolean;
  readonly wrap: boolean;
  readonly source: SourceChoice;
  readonly filter: string;
  readonly search: string;
}

interface Compiled {
  text: string;
  test?: RegExp;
  invert: boolean;
}

export function compilePattern(text: string, allowInvert: boolean): Compiled | { error: string } {
  let body = text;
  let invert = false;
  if (allowInvert && body.startsWith('!')) {
    invert = true;
    body = body.slice(1);
  }
  if (body === '') return { text: '', invert: false };
  try {
    return { text, test: new RegExp(body, 'i'), invert };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.slice(message.lastIndexOf(': ') + 2) || message;
    return { error: `not a valid pattern: ${reason}` };
  }
}

export function createLogView(opts: { capacity?: number } = {}): LogView {
  const buffer = createLogBuffer(opts.capacity ?? DEFAULT_LOG_CAPACITY);
  let follow = true;
  let wrap = false;
  let source: SourceChoice = 'all';
  let filter: Compiled = { text: '', invert: false };
  let filterError: string | undefined;
  let search: Compiled = { text: '', invert: false };
  let searchGlobal: RegExp | undefined;
  let searchError: string | undefined;
  /** Seqs of the lines shown, when a source choice or filter hides some; undefined means all. */
  let shownList: SeqList | undefined;
  const matches = new SeqList();
  /** While paused: the seq of the line at the bottom of the pane. */
  let anchorSeq = 0;
  let matchSeq: number | undefined;
  let gaps = 0;
  let lastHeight = 20;
  let lastWidth = 80;

  const identity = () => source === 'all' && filter.test === undefined;

  const passesSource = (raw: string): boolean => {
    if (source === 'all') return true;
    const sd = sourceAndDyno(raw);
    if (!sd) return false;
    switch (source) {
      case 'app':
      case 'heroku':
        return sd.source === source;
      case 'router':
        return sd.dyno === 'router';
      default:
        return sd.dyno === source || sd.dyno.startsWith(`${source}.`);
    }
  };

  const shows = (seq: number, raw: string): boolean => {
    if (buffer.isGap(seq)) return true; // a possible loss is never hidden
    if (!passesSource(raw)) return false;
    if (!filter.test) return true;
    return filter.test.test(raw) !== filter.invert;
  };

  const searchHits = (raw: string): boolean => search.test !== undefined && search.test.test(displayTextOfClean(raw));

  const count = () => (shownList ? shownList.size : buffer.size);
  const seqAt = (i: number) => (shownList ? shownList.get(i) : buffer.firstSeq + i);
  /** Index of the last shown line at or before `seq` (-1 when none). */
  const indexAtOrBefore = (seq: number) =>
    shownList ? shownList.upperBound(seq) - 1 : Math.min(seq, buffer.nextSeq - 1) - buffer.firstSeq;
  const indexOf = (seq: number) => {
    const i = indexAtOrBefore(seq);
    return i >= 0 && seqAt(i) === seq ? i : -1;
  };

  const segmentsOf = (seq: number): Segment[] => {
    const entry = buffer.entry(seq);
    return entry ? lineSegments(entry.view) : [];
  };

  const rowsOf = (seq: number, width: number): LogRow[] => {
    const current = seq === matchSeq;
    return layoutRows(highlight(segmentsOf(seq), searchGlobal), width, wrap).map((segments) =>
      current ? { seq, segments, current } : { seq, segments },
    );
  };

  const linesHeight = (seq: number) => rowCount(segmentsOf(seq), lastWidth, wrap);

  /** The smallest bottom index that still fills the pane (so scrolling up stops at the top). */
  const minAnchor = (): number => {
    const n = count();
    if (n === 0) return 0;
    if (!wrap) return Math.min(n - 1, Math.max(0, lastHeight - 1));
    let rows = 0;
    for (let i = 0; i < n; i++) {
      rows += linesHeight(seqAt(i));
      if (rows >= lastHeight) return i;
    }
    return n - 1;
  };

  const anchorIndex = (): number => {
    const n = count();
    if (follow) return n - 1;
    return Math.max(0, Math.min(n - 1, indexAtOrBefore(anchorSeq)));
  };

  const pauseAt = (index: number) => {
    follow = false;
    anchorSeq = count() > 0 ? seqAt(index) : buffer.nextSeq - 1;
  };

  const rebuildMatches = () => {
    matches.clear();
    if (!search.test) return;
    const n = count();
    for (let i = 0; i < n; i++) {
      const seq = seqAt(i);
      if (!buffer.isGap(seq) && searchHits(buffer.text(seq)!)) matches.push(seq);
    }
    if (matchSeq !== undefined && matches.indexOf(matchSeq) < 0) matchSeq = undefined;
  };

  const rebuild = () => {
    if (identity()) shownList = undefined;
    else {
      shownList = new SeqList();
      for (let seq = buffer.firstSeq; seq < buffer.nextSeq; seq++)
        if (shows(seq, buffer.text(seq)!)) shownList.push(seq);
    }
    rebuildMatches();
  };

  /** Puts the match in view, about the middle of the pane, and pauses follow. */
  const showMatch = (seq: number) => {
    matchSeq = seq;
    const at = indexOf(seq);
    if (at < 0) return;
    const n = count();
    let bottom = at;
    let rows = wrap ? linesHeight(seq) : 1;
    const half = Math.floor(lastHeight / 2);
    while (bottom + 1 < n && rows + (wrap ? linesHeight(seqAt(bottom + 1)) : 1) <= Math.max(half, 1)) {
      bottom++;
      rows += wrap ? linesHeight(seqAt(bottom)) : 1;
    }
    pauseAt(Math.max(bottom, Math.min(minAnchor(), n - 1)));
  };

  const jump = (step: 1 | -1) => {
    const total = matches.size;
    if (total === 0) return;
    let target: number;
    const current = matchSeq === undefined ? -1 : matches.indexOf(matchSeq);
    if (current < 0) {
      // From a fresh search: the newest match at or above the bottom of the pane.
      const bottom = count() > 0 ? seqAt(anchorIndex()) : 0;
      target = Math.max(0, matches.upperBound(bottom) - 1);
    } else target = (current + step + total) % total;
    showMatch(matches.get(target));
  };

  /** After lines went in: what the ring let go leaves the indexes too. */
  const forgetEvicted = () => {
    const first = buffer.firstSeq;
    shownList?.dropBelow(first);
    matches.dropBelow(first);
    if (matchSeq !== undefined && matchSeq < first) matchSeq = undefined;
  };

  return {
    append(lines) {
      if (lines.length === 0) return;
      const tracking = shownList !== undefined;
      const searching = search.test !== undefined;
      const first = buffer.nextSeq;
      if (!tracking && !searching) {
        buffer.pushMany(lines);
        forgetEvicted();
        return;
      }
      const cleans = lines.map(sanitizeLine);
      buffer.pushCleanMany(cleans);
      for (let i = 0; i < cleans.length; i++) {
        const seq = first + i;
        const raw = cleans[i]!;
        if (tracking && !shows(seq, raw)) continue;
        if (tracking) shownList!.push(seq);
        if (searching && searchHits(raw)) matches.push(seq);
      }
      forgetEvicted();
    },
    appendGap(gap) {
      const seq = buffer.pushGap(gapMarker(gap.from, gap.to));
      gaps++;
      shownList?.push(seq);
      forgetEvicted();
    },
    setSource(choice) {
      if (choice === source) return;
      source = choice;
      rebuild();
    },
    setFilter(text) {
      const compiled = compilePattern(text.trim() === '' ? '' : text, true);
      if ('error' in compiled) {
        filterError = compiled.error;
        return compiled.error;
      }
      filterError = undefined;
      if (compiled.text === filter.text) return undefined;
      filter = compiled;
      rebuild();
      return undefined;
    },
    setSearch(text) {
      const compiled = compilePattern(text.trim() === '' ? '' : text, false);
      if ('error' in compiled) {
        searchError = compiled.error;
        return compiled.error;
      }
      searchError = undefined;
      search = compiled;
      searchGlobal = compiled.test ? new RegExp(compiled.test.source, 'gi') : undefined;
      matchSeq = undefined;
      rebuildMatches();
      return undefined;
    },
    next: () => jump(1),
    prev: () => jump(-1),
    toggleFollow() {
      if (follow) pauseAt(Math.max(0, count() - 1));
      else follow = true;
    },
    scroll(delta) {
      const n = count();
      if (delta === 'last') {
        follow = true;
        return;
      }
      if (n === 0) return;
      if (delta === 'first') return pauseAt(minAnchor());
      const target = Math.max(minAnchor(), Math.min(n - 1, anchorIndex() + delta));
      if (delta > 0 && target >= n - 1) {
        follow = true;
        return;
      }
      pauseAt(target);
    },
    toggleWrap() {
      wrap = !wrap;
    },
    window(height, width) {
      lastHeight = Math.max(1, height);
      lastWidth = Math.max(1, width);
      const rows: LogRow[] = [];
      const n = count();
      if (n > 0 && height > 0 && width > 0) {
        const a = anchorIndex();
        const above: LogRow[][] = [];
        let used = 0;
        for (let i = a; i >= 0 && used < height; i--) {
          const lineRows = rowsOf(seqAt(i), width);
          const take = lineRows.length > height - used ? lineRows.slice(lineRows.length - (height - used)) : lineRows;
          above.push(take);
          used += take.length;
        }
        for (let i = above.length - 1; i >= 0; i--) rows.push(...above[i]!);
        // Near the oldest line the pane fills downwards too, so it is never half empty.
        for (let i = a + 1; i < n && used < height; i++) {
          const take = rowsOf(seqAt(i), width).slice(0, height - used);
          rows.push(...take);
          used += take.length;
        }
      }
      const at = matchSeq === undefined ? -1 : matches.indexOf(matchSeq);
      const out: LogWindow = {
        rows,
        follow,
        wrap,
        filter: filter.text,
        search: search.text,
        matchCount: matches.size,
        shown: n,
        retained: buffer.size,
        source,
      };
      if (filterError !== undefined) out.filterError = filterError;
      if (searchError !== undefined) out.searchError = searchError;
      if (at >= 0) out.matchIndex = at + 1;
      return out;
    },
    markShown: () => buffer.markShown(),
    stats: () => ({ ...buffer.stats(), gaps }),
    dismissErrors() {
      filterError = undefined;
      searchError = undefined;
    },
    clear() {
      buffer.clear();
      follow = true;
      anchorSeq = 0;
      matchSeq = undefined;
      gaps = 0;
      rebuild();
    },
    get follow() {
      return follow;
    },
    get wrap() {
      return wrap;
    },
    get source() {
      return source;
    },
    get filter() {
      return filter.text;
    },
    get search() {
      return search.text;
    },
  };
}

/** An ascending list of seqs in a growable ring: push at the end, drop from the front. */
class SeqList {
  private items = new Float64Array(1024);
  private mask = 1023;
  private head = 0;
  private length = 0;

  get size(): number {
    return this.length;
  }

  get(i: number): number {
    return this.items[(this.head + i) & this.mask]!;
  }

  push(seq: number): void {
    if (this.length === this.items.length) {
      const bigger = new Float64Array(this.items.length * 2);
      for (let i = 0; i < this.length; i++) bigger[i] = this.get(i);
      this.items = bigger;
      this.mask = bigger.length - 1;
      this.head = 0;
    }
    this.items[(this.head + this.length) & this.mask] = seq;
    this.length++;
  }

  dropBelow(min: number): void {
    while (this.length > 0 && this.items[this.head]! < min) {
      this.head = (this.head + 1) & this.mask;
      this.length--;
    }
  }

  /** The first index whose seq is greater than `seq`. */
  upperBound(seq: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.get(mid) <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  indexOf(seq: number): number {
    const i = this.upperBound(seq) - 1;
    return i >= 0 && this.get(i) === seq ? i : -1;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }
}
