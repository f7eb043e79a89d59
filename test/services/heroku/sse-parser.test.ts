import { describe, expect, it } from 'vitest';
import { createLineSplitter, createSseParser } from '../../../src/services/heroku/sse-parser.js';

/** Feeds `text` in pieces of `size` characters and collects every event. */
function feed(text: string, size: number) {
  const parser = createSseParser();
  const events = [];
  for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
  return { parser, events };
}

describe('the SSE parser', () => {
  it('reads events with ids, in any chunking, with LF, CRLF or CR line ends', () => {
    const lf = 'id: 1\ndata: first\n\nid: 2\ndata: second\n\n';
    for (const text of [lf, lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r')]) {
      for (const size of [1, 2, 3, 7, 1000]) {
        const { parser, events } = feed(text, size);
        expect(events, `${JSON.stringify(text)} by ${size}`).toEqual([
          { id: '1', data: 'first' },
          { id: '2', data: 'second' },
        ]);
        expect(parser.lastEventId).toBe('2');
      }
    }
  });

  it('joins multi-line data with \\n, ignores comments and unknown fields, strips one leading space only', () => {
    const { parser, events } = feed(
      ': keep-alive\n\ndata: a\ndata:  b\ndata\nfoo: bar\nevent: log\nretry: 3000\n\n',
      5,
    );
    expect(events).toEqual([{ data: 'a\n b\n', event: 'log' }]);
    expect(parser.comments).toBe(1);
    expect(parser.retryMs).toBe(3000);
  });

  it('dispatches nothing for an event without data, keeps the last id across events, and holds an unfinished event', () => {
    const parser = createSseParser();
    expect(parser.push('id: 7\n\n')).toEqual([]);
    expect(parser.lastEventId).toBe('7');
    expect(parser.push('data: no id here\n\n')).toEqual([{ data: 'no id here' }]);
    expect(parser.lastEventId).toBe('7');
    expect(parser.push('id: 8\ndata: half')).toEqual([]);
    expect(parser.push(' done\n')).toEqual([]);
    expect(parser.lastEventId).toBe('7'); // an unfinished event is not one to resume after
    expect(parser.push('\n')).toEqual([{ id: '8', data: 'half done' }]);
    expect(parser.lastEventId).toBe('8');
  });

  it('skips a leading BOM and an id containing NUL; a CRLF split across chunks is one line end', () => {
    const parser = createSseParser();
    expect(parser.push('\ufeffid: 1\r')).toEqual([]);
    expect(parser.push('\ndata: x\r')).toEqual([]);
    expect(parser.push('\n\r')).toEqual([{ id: '1', data: 'x' }]);
    expect(parser.push('\nid: a\u0000b\ndata: y\n\n')).toEqual([{ data: 'y' }]);
    expect(parser.lastEventId).toBe('1');
  });

  it('reads a long stream with mixed line ends the same in any pieces', () => {
    const ends = ['\n', '\r\n', '\r'];
    let text = '';
    const expected = [];
    for (let i = 1; i <= 300; i++) {
      const end = ends[i % 3]!;
      const data = `2026-11-26T09:00:00.${String(i).padStart(6, '0')}+00:00 app[web.1]: line ${i} a:b`;
      text += `id: ${i}${end}data: ${data}${end}${i % 7 === 0 ? `: ping${end}` : ''}${end}`;
      expected.push({ id: String(i), data });
    }
    let seed = 7;
    const nextSize = () => (seed = (seed * 48271) % 2147483647) % 97;
    const parser = createSseParser();
    const events = [];
    for (let i = 0; i < text.length;) {
      const size = 1 + nextSize();
      events.push(...parser.push(text.slice(i, i + size)));
      i += size;
    }
    expect(events).toEqual(expected);
    expect(parser.comments).toBe(42);
    expect(parser.lastEventId).toBe('300');
  });

  it('keeps colons and brackets inside data intact', () => {
    const line = '2026-11-26T09:00:00.123456+00:00 app[web.1]: GET /a?b=[1]: ok';
    expect(feed(`data: ${line}\n\n`, 4).events).toEqual([{ data: line }]);
  });
});

describe("the SSE parser's log reading (pushLines)", () => {
  /** Feeds `text` in pieces of `size` characters through pushLines. */
  function feedLines(text: string, size: number) {
    const parser = createSseParser();
    const lines: string[] = [];
    const ids: Array<number | undefined> = [];
    for (let i = 0; i < text.length; i += size) parser.pushLines(text.slice(i, i + size), lines, ids);
    return { parser, lines, ids };
  }

  it('gives each data line of every completed event with its id as a number, in any chunking', () => {
    const text =
      'id: 41\ndata: first\n\nid: 42\r\ndata: second\r\ndata: third\r\n\r\n: ping\n\nid: 43\ndata: unfinished';
    for (const size of [1, 2, 5, 1000]) {
      const { parser, lines, ids } = feedLines(text, size);
      expect(lines, `by ${size}`).toEqual(['first', 'second', 'third']);
      expect(ids).toEqual([41, 42, 42]);
      expect(parser.lastEventId).toBe('42');
      expect(parser.comments).toBe(1);
    }
  });

  it('skips empty data lines and gives no number for ids that are not decimal counters', () => {
    const { lines, ids, parser } = feedLines(
      'id: abc\ndata: a\n\nid: 1234567890123456\ndata: b\n\ndata:\ndata: c\n\nid:\ndata: d\n\nid: 7\ndata\n\n',
      3,
    );
    expect(lines).toEqual(['a', 'b', 'c', 'd']);
    expect(ids).toEqual([undefined, undefined, undefined, undefined]);
    expect(parser.lastEventId).toBe('7');
  });

  it('reads the same lines as push does from a long stream', () => {
    let text = '';
    for (let i = 1; i <= 200; i++)
      text += `id: ${i}\ndata: 2026-12-03T06:00:00.000000+00:00 app[web.1]: line ${i} € ok\n\n`;
    const byEvents = createSseParser().push(text);
    const { lines, ids } = feedLines(text, 61);
    expect(lines).toEqual(byEvents.map((e) => e.data));
    expect(ids).toEqual(byEvents.map((e) => Number(e.id)));
  });
});

describe('the plain line splitter', () => {
  it('splits LF and CRLF lines across chunks and flushes an unfinished last line', () => {
    const splitter = createLineSplitter();
    expect(splitter.push('one\r\ntw')).toEqual(['one']);
    expect(splitter.push('o\n\nthr')).toEqual(['two', '']);
    expect(splitter.push('ee')).toEqual([]);
    expect(splitter.flush()).toEqual(['three']);
    expect(splitter.flush()).toEqual([]);
  });
});
