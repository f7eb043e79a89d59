import { describe, expect, it } from 'vitest';
import { createRecentLines } from '../../src/logs/recent-lines.js';

const line = (i: number) => `2026-12-03T07:00:00.000000+00:00 app[web.1]: line ${i}`;

describe('recent lines', () => {
  it('holds the last lines in order, the oldest going first', () => {
    const recent = createRecentLines(5);
    recent.add([line(1), line(2), line(3)]);
    expect(recent.lines()).toEqual([line(1), line(2), line(3)]);
    recent.add([line(4), line(5), line(6), line(7)]);
    expect(recent.lines()).toEqual([line(3), line(4), line(5), line(6), line(7)]);
    expect(recent.size).toBe(5);
  });

  it('gives back text exactly, wide characters included', () => {
    const recent = createRecentLines(10);
    const lines = ['café ✓ 日本', 'plain', '', 'emoji 🚀 ok'];
    recent.add(lines);
    expect(recent.lines()).toEqual(lines);
  });

  it('holds fewer lines when long ones fill its bytes, never a line another has overwritten', () => {
    // 20 lines of 64 bytes on average: 4,096 bytes (the smallest arena); lines of 500 bytes fit 8 at a time
    const recent = createRecentLines(20, 64);
    const long = (i: number) => `${i}`.padEnd(500, 'x');
    for (let i = 0; i < 60; i++) recent.add([long(i)]);
    const held = recent.lines();
    expect(held.length).toBeGreaterThanOrEqual(7);
    expect(held.length).toBeLessThanOrEqual(8);
    expect(held).toEqual(Array.from({ length: held.length }, (_, k) => long(60 - held.length + k)));
  });

  it('keeps a line too long for its bytes as it is', () => {
    const recent = createRecentLines(3, 64);
    const huge = 'h'.repeat(10_000);
    recent.add([line(1), huge, line(2)]);
    expect(recent.lines()).toEqual([line(1), huge, line(2)]);
  });

  it('gives back wide characters exactly across many laps of its bytes', () => {
    const recent = createRecentLines(8, 64);
    const wide = (i: number) => `${i} café ✓ 日本 🚀 `.repeat((i % 5) + 1);
    for (let i = 0; i < 300; i++) recent.add([wide(i)]);
    const held = recent.lines();
    expect(held.length).toBeGreaterThan(0);
    expect(held).toEqual(Array.from({ length: held.length }, (_, k) => wide(300 - held.length + k)));
  });
});
