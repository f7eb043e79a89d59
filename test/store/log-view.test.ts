import { describe, expect, it } from 'vitest';
import { createLogView, type LogWindow } from '../../src/store/log-view.js';

let n = 0;
const at = () =>
  `2026-11-26T09:00:${String(Math.floor(n / 1000) % 60).padStart(2, '0')}.${String(n++ % 1000).padStart(3, '0')}000+00:00`;
const app = (text: string, dyno = 'web.1') => `${at()} app[${dyno}]: ${text}`;
const router = (text: string) => `${at()} heroku[router]: ${text}`;
const texts = (w: LogWindow) => w.rows.map((r) => r.segments.map((s) => s.text).join(''));
const messages = (w: LogWindow) => texts(w).map((t) => t.replace(/^\S+ \S+ /, ''));

describe('the log view', () => {
  it('follows the newest lines; paused, it stays still while lines arrive', () => {
    const view = createLogView({ capacity: 100 });
    view.append(['a', 'b', 'c', 'd'].map((t) => app(t)));
    expect(messages(view.window(2, 80))).toEqual(['c', 'd']);
    view.append([app('e')]);
    expect(messages(view.window(2, 80))).toEqual(['d', 'e']);
    view.toggleFollow();
    view.append([app('f'), app('g')]);
    const paused = view.window(2, 80);
    expect(paused.follow).toBe(false);
    expect(messages(paused)).toEqual(['d', 'e']);
    view.toggleFollow();
    expect(messages(view.window(2, 80))).toEqual(['f', 'g']);
  });

  it('scrolling pauses follow, stops at the oldest line, and scrolling to the end resumes it; G resumes follow', () => {
    const view = createLogView({ capacity: 100 });
    view.append(Array.from({ length: 10 }, (_, i) => app(`line ${i}`)));
    view.window(3, 80);
    view.scroll(-2);
    let w = view.window(3, 80);
    expect(w.follow).toBe(false);
    expect(messages(w)).toEqual(['line 5', 'line 6', 'line 7']);
    view.scroll(-100);
    expect(messages(view.window(3, 80))).toEqual(['line 0', 'line 1', 'line 2']);
    view.scroll(100);
    expect(view.window(3, 80).follow).toBe(true);
    view.scroll('first');
    expect(messages(view.window(3, 80))).toEqual(['line 0', 'line 1', 'line 2']);
    view.append([app('line 10')]);
    view.scroll('last'); // G
    w = view.window(3, 80);
    expect(w.follow).toBe(true);
    expect(messages(w)).toEqual(['line 8', 'line 9', 'line 10']);
  });

  it('a filter sees the whole retained buffer, not just the tail', () => {
    const view = createLogView({ capacity: 10_000 });
    view.append([router('at=error code=H12 desc="Request timeout" status=503')]);
    view.append(Array.from({ length: 9_000 }, (_, i) => app(`ok ${i}`)));
    expect(view.setFilter('H1[0-9]')).toBeUndefined();
    let w = view.window(5, 120);
    expect(w.shown).toBe(1);
    expect(w.retained).toBe(9_001);
    expect(texts(w)[0]).toContain('code=H12');
    // New lines join the index as they arrive…
    view.append([app('x'), router('at=error code=H10 desc="App crashed" status=503')]);
    expect(view.window(5, 120).shown).toBe(2);
    // …and leave it when the ring lets them go.
    view.append(Array.from({ length: 1_000 }, (_, i) => app(`more ${i}`)));
    w = view.window(5, 120);
    expect(w.shown).toBe(1);
    expect(texts(w)[0]).toContain('code=H10');
    expect(w.retained).toBe(10_000);
  });

  it('! inverts a filter, and a source choice narrows the lines', () => {
    const view = createLogView({ capacity: 100 });
    view.append([
      app('GET /health'),
      app('GET /cart'),
      router('at=info path="/cart" status=200'),
      app('tick', 'worker.1'),
      `${at()} heroku[web.1]: State changed from up to down`,
    ]);
    view.setFilter('!health');
    expect(messages(view.window(10, 120))).toEqual([
      'GET /cart',
      'at=info path="/cart" status=200',
      'tick',
      'State changed from up to down',
    ]);
    view.setFilter('');
    view.setSource('router');
    expect(messages(view.window(10, 120))).toEqual(['at=info path="/cart" status=200']);
    view.setSource('app');
    expect(view.window(10, 120).shown).toBe(3);
    view.setSource('heroku');
    expect(view.window(10, 120).shown).toBe(2);
    view.setSource('web');
    expect(messages(view.window(10, 120))).toEqual(['GET /health', 'GET /cart', 'State changed from up to down']);
    view.setSource('worker');
    view.setFilter('tick');
    expect(messages(view.window(10, 120))).toEqual(['tick']);
    expect(view.window(10, 120).source).toBe('worker');
  });

  it('an invalid pattern is reported and the previous filter kept', () => {
    const view = createLogView({ capacity: 100 });
    view.append([app('alpha'), app('beta')]);
    view.setFilter('alp');
    const error = view.setFilter('H1[');
    expect(error).toMatch(/^not a valid pattern: /);
    expect(error).toContain('character class');
    const w = view.window(5, 80);
    expect(w.filter).toBe('alp');
    expect(w.filterError).toBe(error);
    expect(messages(w)).toEqual(['alpha']);
    expect(view.setSearch('(')).toMatch(/^not a valid pattern: /);
  });

  it('search highlights and n/N move between matches and pause follow', () => {
    const view = createLogView({ capacity: 1000 });
    view.append(Array.from({ length: 100 }, (_, i) => app(i % 20 === 5 ? `boom ${i}` : `fine ${i}`)));
    expect(view.setSearch('BOOM')).toBeUndefined();
    let w = view.window(5, 80);
    expect(w.follow).toBe(true);
    expect(w.matchCount).toBe(5);
    expect(w.shown).toBe(100); // search hides nothing
    expect(w.matchIndex).toBeUndefined();

    view.next(); // from the bottom: the newest match
    w = view.window(5, 80);
    expect(w.follow).toBe(false);
    expect(w.matchIndex).toBe(5);
    const current = w.rows.find((r) => r.current)!;
    expect(current.segments.find((s) => s.style === 'match')?.text).toBe('boom');
    expect(current.segments.map((s) => s.text).join('')).toContain('boom 85');

    view.prev();
    w = view.window(5, 80);
    expect(w.matchIndex).toBe(4);
    expect(texts(w).some((t) => t.includes('boom 65'))).toBe(true);
    view.next();
    view.next(); // wraps to the oldest
    w = view.window(5, 80);
    expect(w.matchIndex).toBe(1);
    expect(texts(w).some((t) => t.includes('boom 5'))).toBe(true);
    view.setSearch('');
    expect(view.window(5, 80).matchCount).toBe(0);
  });

  it('wrap shows a long line over several rows; without wrap it is cut with …', () => {
    const view = createLogView({ capacity: 10 });
    const long = 'x'.repeat(100);
    view.append([app('short'), app(long)]);
    let rows = texts(view.window(10, 40));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(40);
    expect(rows[1]!.endsWith('…')).toBe(true);
    view.toggleWrap();
    const w = view.window(10, 40);
    rows = texts(w);
    expect(w.wrap).toBe(true);
    expect(rows).toHaveLength(5); // 'short', then 24 + 100 characters over 4 rows
    expect(rows.slice(1).join('')).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} app\\[web\\.1\\] ${long}$`));
    // Only what fits: the bottom rows of the line.
    expect(texts(view.window(2, 40))).toEqual(rows.slice(3));
  });

  it('escape sequences in log text never reach the screen', () => {
    const view = createLogView({ capacity: 10 });
    view.append([
      app('clear\u001b[2J title\u001b]0;x\u0007 bell\u0007 c1\u009b2J csi8\u001b[?1049h end'),
      '\u001b[31mraw red\u001b[0m',
    ]);
    view.setSearch('end');
    for (let pass = 0; pass < 2; pass++) {
      const w = view.window(10, 30);
      for (const row of w.rows)
        for (const s of row.segments) expect(s.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      view.toggleWrap();
    }
    expect(messages(view.window(10, 200))).toEqual(['clear title bell c1 csi8 end', 'raw red']);
  });

  it('a gap the tail reports always shows, styled as a gap, and is counted', () => {
    const view = createLogView({ capacity: 10 });
    view.append([app('a')]);
    view.appendGap({ from: Date.UTC(2026, 10, 26, 9, 0, 0), to: Date.UTC(2026, 10, 26, 9, 0, 5) });
    view.append([app('b')]);
    view.setFilter('nothing matches this');
    const w = view.window(5, 100);
    expect(texts(w)).toEqual(['── stream resumed; lines between 09:00:00 and 09:00:05 may be missing ──']);
    expect(w.rows[0]!.segments[0]!.style).toBe('gap');
    expect(view.stats().gaps).toBe(1);
  });

  it('a line that spoofs the gap marker is an ordinary line: not styled, not counted, filtered like any other', () => {
    const spoof = '── stream resumed; lines between 09:00:00 and 09:00:05 may be missing ──';
    const view = createLogView({ capacity: 10 });
    view.append([spoof, app(spoof), `\u001b[2J${spoof}`]);
    const w = view.window(5, 200);
    expect(w.rows).toHaveLength(3);
    for (const row of w.rows) expect(row.segments.map((s) => s.style)).not.toContain('gap');
    expect(view.stats().gaps).toBe(0);
    view.setFilter('nothing matches this');
    expect(view.window(5, 200).rows).toEqual([]);
  });
});
