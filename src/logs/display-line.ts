// How one log line looks in the Logs pane: time, source[dyno], message, and how loud it is.
// Pure, and cheap enough to run for the visible rows on every frame.
import { LINE_PREFIX as PREFIX } from './log-line.js';
import { sanitizeLine } from './sanitize.js';

export type LogLevel = 'error' | 'warn' | 'info';

export interface DisplayLine {
  /** HH:MM:SS.mmm as written in the line's own timestamp (no time-zone conversion). */
  time?: string;
  /** 'app', 'heroku', 'dynodeck', …; empty for lines that are not Heroku-shaped. */
  source: string;
  /** 'web.1', 'router', 'deploy', …; empty for lines that are not Heroku-shaped. */
  dyno: string;
  message: string;
  level: LogLevel;
  /** The deck's marker where a new log session may have missed lines (never parsed from text). */
  gap?: boolean;
}

export type SegmentStyle = 'time' | 'source' | 'error' | 'warn' | 'match' | 'plain' | 'gap';

export interface Segment {
  text: string;
  style: SegmentStyle;
}

const ERROR =
  /\bat=error\b|\bstatus=5\d\d\b|\bError [RL]\d\d\b|State changed from .* to crashed|Process exited with status [1-9]/;
const WARN = /\bat=warning\b|\bstatus=4\d\d\b/;

export function classifyLevel(text: string): LogLevel {
  if (ERROR.test(text)) return 'error';
  if (WARN.test(text)) return 'warn';
  return 'info';
}

export function parseDisplayLine(text: string): DisplayLine {
  const clean = sanitizeLine(text);
  const m = PREFIX.exec(clean);
  if (!m) return { source: '', dyno: '', message: clean, level: classifyLevel(clean) };
  const message = clean.slice(m[0].length);
  const fraction = (m[3] ?? '').slice(0, 3).padEnd(3, '0');
  return { time: `${m[2]}.${fraction}`, source: m[5]!, dyno: m[6]!, message, level: classifyLevel(message) };
}

/** The view of the deck's own gap marker: `text` is the marker's words, stored as a gap by the buffer. */
export function gapDisplayLine(text: string): DisplayLine {
  return { source: '', dyno: '', message: sanitizeLine(text), level: 'warn', gap: true };
}

/** What `displayText(parseDisplayLine(text))` gives, for text that is already sanitized; cheap enough for a whole buffer. */
export function displayTextOfClean(clean: string): string {
  const m = PREFIX.exec(clean);
  if (!m) return clean;
  return `${m[2]}.${(m[3] ?? '').slice(0, 3).padEnd(3, '0')} ${m[5]}[${m[6]}] ${clean.slice(m[0].length)}`;
}

/** Source and dyno only, for filtering many lines fast. */
export function sourceAndDyno(text: string): { source: string; dyno: string } | undefined {
  const m = PREFIX.exec(text);
  return m ? { source: m[5]!, dyno: m[6]! } : undefined;
}

/** The line's segments as the pane draws them (before highlighting and cutting). */
export function lineSegments(view: DisplayLine): Segment[] {
  if (view.gap) return [{ text: view.message, style: 'gap' }];
  const messageStyle: SegmentStyle = view.level === 'info' ? 'plain' : view.level;
  if (view.time === undefined) return [{ text: view.message, style: messageStyle }];
  return [
    { text: view.time, style: 'time' },
    { text: ' ', style: 'plain' },
    { text: `${view.source}[${view.dyno}]`, style: 'source' },
    { text: ' ', style: 'plain' },
    { text: view.message, style: messageStyle },
  ];
}

/** The text the pane shows for a line: what search matches against. */
export function displayText(view: DisplayLine): string {
  return view.time === undefined || view.gap
    ? view.message
    : `${view.time} ${view.source}[${view.dyno}] ${view.message}`;
}

/** Marks every match of `pattern` (a global regex) as a 'match' segment. */
export function highlight(segments: Segment[], pattern: RegExp | undefined): Segment[] {
  if (!pattern) return segments;
  const text = segments.map((s) => s.text).join('');
  const ranges: Array<[number, number]> = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    ranges.push([m.index, m.index + m[0].length]);
  }
  if (ranges.length === 0) return segments;
  const out: Segment[] = [];
  let offset = 0;
  let r = 0;
  for (const segment of segments) {
    const end = offset + segment.text.length;
    let pos = offset;
    while (pos < end) {
      while (r < ranges.length && ranges[r]![1] <= pos) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push({ text: segment.text.slice(pos - offset), style: segment.style });
        pos = end;
      } else if (range[0] > pos) {
        out.push({ text: segment.text.slice(pos - offset, range[0] - offset), style: segment.style });
        pos = range[0];
      } else {
        const stop = Math.min(range[1], end);
        out.push({ text: segment.text.slice(pos - offset, stop - offset), style: 'match' });
        pos = stop;
      }
    }
    offset = end;
  }
  return merge(out);
}

/**
 * Lays segments out in rows of `width` columns: wrapped over several rows, or one row
 * cut with `…`. Counts code points, so a surrogate pair is never split.
 */
export function layoutRows(segments: Segment[], width: number, wrap: boolean): Segment[][] {
  if (width <= 0) return [[]];
  const rows: Segment[][] = [];
  let row: Segment[] = [];
  let used = 0;
  const total = segments.reduce((n, s) => n + codePoints(s.text), 0);
  if (!wrap && total > width) {
    // Keep width-1 characters, then the ellipsis.
    let left = width - 1;
    for (const s of segments) {
      if (left <= 0) break;
      const chars = [...s.text];
      const take = chars.slice(0, left).join('');
      left -= Math.min(left, chars.length);
      if (take) row.push({ text: take, style: s.style });
    }
    row.push({ text: '…', style: 'plain' });
    return [merge(row)];
  }
  for (const s of segments) {
    const chars = [...s.text];
    let at = 0;
    while (at < chars.length) {
      const take = Math.min(width - used, chars.length - at);
      row.push({ text: chars.slice(at, at + take).join(''), style: s.style });
      used += take;
      at += take;
      if (used === width && (at < chars.length || s !== segments[segments.length - 1])) {
        rows.push(row);
        row = [];
        used = 0;
      }
    }
  }
  if (row.length > 0 || rows.length === 0) rows.push(row);
  return rows.map(merge);
}

/** How many rows a line takes at this width. */
export function rowCount(segments: Segment[], width: number, wrap: boolean): number {
  if (!wrap || width <= 0) return 1;
  const total = segments.reduce((n, s) => n + codePoints(s.text), 0);
  return Math.max(1, Math.ceil(total / width));
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.style === s.style) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
