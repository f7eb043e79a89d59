import { describe, expect, it } from 'vitest';
import { createLogBuffer } from '../../src/store/log-buffer.js';
import { createLogView } from '../../src/store/log-view.js';

const line = (i: number) =>
  `2026-11-26T09:00:00.${String(i % 1_000_000).padStart(6, '0')}+00:00 app[web.1]: request ${i}`;

describe('the log buffer', () => {
  it('the buffer never grows past its capacity and counts evictions of shown lines, not drops', () => {
    const buffer = createLogBuffer(5);
    for (let i = 1; i <= 12; i++) {
      buffer.push(line(i));
      buffer.markShown();
    }
    expect(buffer.size).toBe(5);
    expect(buffer.stats()).toEqual({ appended: 12, retained: 5, evicted: 7, dropped: 0 });
    expect(buffer.firstSeq).toBe(8);
    expect(buffer.text(7)).toBeUndefined();
    expect(buffer.entry(12)).toMatchObject({ seq: 12, raw: line(12), view: { dyno: 'web.1', message: 'request 12' } });
    buffer.clear();
    expect(buffer.stats()).toEqual({ appended: 0, retained: 0, evicted: 0, dropped: 0 });
    expect(buffer.push('after')).toBe(13); // seqs never repeat after a clear
    expect(buffer.text(13)).toBe('after');
  });

  it('lines the ring lets go before any frame showed them are dropped, not merely evicted', () => {
    const buffer = createLogBuffer(5);
    for (let i = 1; i <= 3; i++) buffer.push(line(i));
    buffer.markShown(); // a frame was published with lines 1-3 held
    for (let i = 4; i <= 14; i++) buffer.push(line(i));
    // 9 lines evicted: 1-3 had been shown; 4-9 arrived and went between two frames.
    expect(buffer.stats()).toEqual({ appended: 14, retained: 5, evicted: 9, dropped: 6 });
    buffer.markShown();
    for (let i = 15; i <= 17; i++) buffer.push(line(i));
    expect(buffer.stats()).toMatchObject({ evicted: 12, dropped: 6 });
    buffer.clear();
    expect(buffer.stats()).toEqual({ appended: 0, retained: 0, evicted: 0, dropped: 0 });
  });

  it('keeps line text as bytes in blocks it lets go of as the ring turns', () => {
    const buffer = createLogBuffer(10_000);
    const long = 'y'.repeat(250);
    for (let i = 0; i < 50_000; i++) buffer.push(`${i} ${long}`);
    // 10,000 lines of ~256 bytes: 3 blocks of 1 MiB, plus at most the one being filled and the one being emptied.
    expect(buffer.bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(buffer.text(49_999 + 1)).toBe(`49999 ${long}`);
    expect(buffer.text(40_001)).toBe(`40000 ${long}`);
    const huge = 'z'.repeat(3 * 1024 * 1024);
    const seq = buffer.push(huge);
    expect(buffer.text(seq)).toBe(huge);
    expect(buffer.push('ünïcødé ✓')).toBe(seq + 1);
    expect(buffer.text(seq + 1)).toBe('ünïcødé ✓');
  });

  it('stores lines sanitized', () => {
    const buffer = createLogBuffer(3);
    const seq = buffer.push('a\u001b[31mb\u001b]8;;http://x\u0007c\td');
    expect(buffer.text(seq)).toBe('abc  d');
  });

  it('100,000 lines of ~260 characters stay small', () => {
    const view = createLogView({ capacity: 100_000 });
    view.setFilter('web'); // with an index over the whole buffer too
    const pad = 'x'.repeat(200);
    const before = process.memoryUsage().heapUsed;
    for (let batch = 0; batch < 120; batch++) {
      const lines: string[] = [];
      for (let i = 0; i < 1000; i++) lines.push(`${line(batch * 1000 + i)} ${pad}`);
      view.append(lines);
      view.markShown();
    }
    const grown = process.memoryUsage().heapUsed - before;
    expect(view.stats()).toMatchObject({ retained: 100_000, evicted: 20_000, dropped: 0 });
    // Garbage only adds to this figure, so it is an upper bound on what the lines cost the heap.
    expect(grown).toBeLessThan(40 * 1024 * 1024);
  });

  it('lines stored many at once read back exactly as stored one by one, across blocks, wide characters and the ring turning', () => {
    const many = createLogBuffer(50_000);
    const single = createLogBuffer(50_000);
    const lines: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      // long lines cross 1 MiB block ends; some batches hold non-ASCII text
      const text = i % 997 === 0 ? `${line(i)} café ✓ 日本` : `${line(i)} ${'x'.repeat(i % 300)}`;
      lines.push(text);
    }
    for (let at = 0; at < lines.length; at += 123) {
      const batch = lines.slice(at, at + 123);
      many.pushCleanMany(batch);
      for (const text of batch) single.pushClean(text);
    }
    expect(many.firstSeq).toBe(single.firstSeq);
    expect(many.nextSeq).toBe(single.nextSeq);
    expect(many.stats()).toEqual(single.stats());
    for (let seq = many.firstSeq; seq < many.nextSeq; seq += 7) expect(many.text(seq)).toBe(single.text(seq));
    expect(many.text(many.nextSeq - 1)).toBe(lines.at(-1));
    expect(many.text(many.firstSeq)).toBe(lines[lines.length - 50_000]);
  });

  it('lines pushed many at once are sanitized and read back as pushed one by one, ASCII or not', () => {
    const many = createLogBuffer(1000);
    const single = createLogBuffer(1000);
    const lines = [
      line(1),
      `${line(2)} caf\u00e9 \u2713 \u65e5\u672c`,
      `${line(3)} \u001b[31mred\u001b[0m\tand a tab`,
      `${line(4)} \u009b2Jcsi and a bell\u0007`,
      '',
      line(5),
    ];
    many.pushMany(lines);
    for (const text of lines) single.push(text);
    expect(many.stats()).toEqual(single.stats());
    for (let seq = many.firstSeq; seq < many.nextSeq; seq++) expect(many.text(seq)).toBe(single.text(seq));
    expect(many.text(many.firstSeq + 2)).toBe(`${line(3)} red  and a tab`);
    expect(many.text(many.firstSeq + 3)).toBe(`${line(4)} csi and a bell`);
  });

  it('a batch larger than the ring keeps only its newest lines', () => {
    const buffer = createLogBuffer(10);
    buffer.pushCleanMany(Array.from({ length: 25 }, (_, i) => line(i)));
    expect(buffer.size).toBe(10);
    expect(buffer.text(buffer.firstSeq)).toBe(line(15));
    expect(buffer.text(buffer.nextSeq - 1)).toBe(line(24));
    expect(buffer.stats()).toMatchObject({ appended: 25, evicted: 15, dropped: 15 });
  });
});
