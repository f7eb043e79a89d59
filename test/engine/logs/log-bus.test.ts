import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogBus } from '../../../src/engine/logs/log-bus.js';
import { createFakeClock } from '../../helpers/fake-clock.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dynodeck-logs-'));
  dirs.push(dir);
  return dir;
};
const readLines = (path: string) => {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('log bus', () => {
  it('the ring never grows past its size', () => {
    const bus = createLogBus({ dir: tempDir(), clock: createFakeClock(), ringSize: 5 });
    for (let i = 1; i <= 12; i++) bus.publish('shop', { source: 'app', dyno: 'web.1', text: `line ${i}` });
    const lines = bus.recent('shop', 100);
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => l.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(lines.at(-1)?.text).toBe('line 12');
    expect(bus.recent('shop', 2).map((l) => l.text)).toEqual(['line 11', 'line 12']);
  });

  it('publish splits text into lines and recent applies filters', () => {
    const clock = createFakeClock();
    const bus = createLogBus({ dir: tempDir(), clock });
    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'one\r\n\ntwo\n' });
    bus.publish('shop', { source: 'app', dyno: 'web.12', text: 'three' });
    bus.publish('shop', { source: 'app', dyno: 'worker.1', text: 'four' });
    bus.publish('shop', { source: 'heroku', dyno: 'web.1', text: 'State changed from starting to up' });
    bus.publish('shop', { source: 'heroku', dyno: 'router', text: 'at=info', time: 5 });
    bus.publish('shop', { source: 'app', dyno: 'web.1', text: '' });

    expect(bus.recent('shop', 100).map((l) => l.text)).toEqual([
      'one',
      '',
      'two',
      'three',
      'four',
      'State changed from starting to up',
      'at=info',
    ]);
    expect(bus.recent('shop', 100, { dyno: 'web' }).map((l) => l.text)).toEqual([
      'one',
      '',
      'two',
      'three',
      'State changed from starting to up',
    ]);
    expect(bus.recent('shop', 100, { dyno: 'web.1', source: 'app' }).map((l) => l.text)).toEqual(['one', '', 'two']);
    expect(bus.recent('shop', 1, { source: 'heroku' })).toEqual([
      { time: 5, source: 'heroku', dyno: 'router', text: 'at=info', seq: 7 },
    ]);
    expect(bus.recent('shop', 1)[0]!.time).toBe(5);
    expect(bus.recent('shop', 2)[0]!.time).toBe(clock.now());
    expect(bus.recent('other', 10)).toEqual([]);
  });

  it('subscribers get matching lines as they are published', () => {
    const bus = createLogBus({ dir: tempDir(), clock: createFakeClock() });
    const seen: string[] = [];
    const stop = bus.subscribe('shop', { dyno: 'worker' }, (line) => seen.push(`${line.seq} ${line.text}`));
    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'web' });
    bus.publish('shop', { source: 'app', dyno: 'worker.2', text: 'a\nb' });
    stop();
    bus.publish('shop', { source: 'app', dyno: 'worker.2', text: 'after' });
    expect(seen).toEqual(['2 a', '3 b']);
  });

  it('lines are written to the file in batches and survive a new bus on the same folder', async () => {
    const dir = tempDir();
    const clock = createFakeClock();
    const bus = createLogBus({ dir, clock });
    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'first\nsecond' });
    bus.publish('shop', { source: 'heroku', dyno: 'router', text: 'at=info status=200', time: clock.now() + 0.25 });
    await clock.advance(50);
    expect(readLines(join(dir, 'shop.log'))).toEqual([]);
    await clock.advance(50);
    await vi.waitFor(() => expect(readLines(join(dir, 'shop.log'))).toHaveLength(3));
    expect(readLines(join(dir, 'shop.log'))[2]).toBe(
      '2026-11-26T09:00:00.000250+00:00 heroku[router]: at=info status=200',
    );
    const before = bus.recent('shop', 10);
    await bus.close();

    const again = createLogBus({ dir, clock });
    expect(again.recent('shop', 10)).toEqual(before);
    again.publish('shop', { source: 'app', dyno: 'web.1', text: 'third' });
    expect(again.recent('shop', 1)[0]!.seq).toBe(4);
    await again.close();
    expect(readLines(join(dir, 'shop.log'))).toHaveLength(4);
  });

  it('a batch past 64 KB is written without waiting for the timer', async () => {
    const dir = tempDir();
    const bus = createLogBus({ dir, clock: createFakeClock() });
    const text = 'x'.repeat(1000);
    for (let i = 0; i < 70; i++) bus.publish('shop', { source: 'app', dyno: 'web.1', text });
    await vi.waitFor(() => expect(readLines(join(dir, 'shop.log')).length).toBeGreaterThanOrEqual(60));
    await bus.close();
  });

  it('the file rotates past its size and keeps N old files', async () => {
    const dir = tempDir();
    const clock = createFakeClock();
    const bus = createLogBus({ dir, clock, maxFileBytes: 1000, keepFiles: 2 });
    let n = 0;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 5; i++)
        bus.publish('shop', { source: 'app', dyno: 'web.1', text: `message number ${String(++n).padStart(3, '0')}` });
      await bus.flush();
    }
    expect(readdirSync(dir).sort()).toEqual(['shop.log', 'shop.log.1', 'shop.log.2']);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1000);
    expect(readLines(join(dir, 'shop.log')).at(-1)).toMatch(/message number 100$/);

    const again = createLogBus({ dir, clock, ringSize: 1000 });
    const loaded = again.recent('shop', 1000).map((l) => Number(l.text.slice(-3)));
    expect(loaded.length).toBeGreaterThan(20);
    expect(loaded.length).toBeLessThan(100);
    expect(loaded).toEqual(loaded.map((_, i) => 100 - loaded.length + 1 + i));
  });

  it('a failing disk write is reported once and logging goes on in memory', async () => {
    const dir = tempDir();
    const errors: unknown[] = [];
    const bus = createLogBus({ dir, clock: createFakeClock(), onError: (error) => errors.push(error) });
    mkdirSync(join(dir, 'shop.log'));
    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'one' });
    await bus.flush();
    bus.publish('shop', { source: 'app', dyno: 'web.1', text: 'two' });
    await bus.flush();
    expect(errors).toHaveLength(1);
    expect(bus.recent('shop', 10).map((l) => l.text)).toEqual(['one', 'two']);
  });

  it('app names that are not safe file names are refused', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'not a log');
    const errors: unknown[] = [];
    const bus = createLogBus({ dir, clock: createFakeClock(), onError: (error) => errors.push(error) });
    expect(() => bus.publish('../etc', { source: 'app', dyno: 'web.1', text: 'x' })).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(() => bus.recent('Shop', 1)).toThrow(/invalid app name/);
    expect(() => bus.subscribe('a/b', {}, () => {})).toThrow(/invalid app name/);
  });
});
