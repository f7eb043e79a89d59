// The Logs pane's rows written by the row writer, in a real terminal, against the real
// local engine: the screen matches what Ink alone draws, and overlays, filtering and
// resizing keep working while lines pour in.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, spawnDeck, type PtyDeck } from '../helpers/pty-deck.js';
import { stopEngine } from '../../src/engine/engine-control.js';
import { deckLayout } from '../../src/screens/present/deck-layout.js';

// A dyno that prints 300 numbered lines (every tenth says FILTERME), then, once `go`
// exists, 40 lines every 20 ms until `stop` exists.
const TALKER = `import { existsSync } from 'node:fs';
const [go, stop] = process.argv.slice(2);
const say = (i) => 'line ' + i + (i % 10 === 0 ? ' FILTERME' : '') + ' ' + 'x'.repeat(i % 37);
let out = '';
for (let i = 1; i <= 300; i++) out += say(i) + '\\n';
process.stdout.write(out);
let n = 300;
setInterval(() => {
  if (!existsSync(go) || existsSync(stop)) return;
  let chunk = '';
  for (let k = 0; k < 40; k++) chunk += say(++n) + '\\n';
  process.stdout.write(chunk);
}, 20);
`;

let work: string;
let project: string;
let running: PtyDeck | undefined;

const cli = (...args: string[]) => execa(process.execPath, [CLI, ...args], { cwd: project, env: { CI: 'true' } });

beforeAll(async () => {
  if (!existsSync(path.join(path.dirname(CLI), '..', 'dist', 'dynodeck.js')))
    throw new Error('run "npm run build" before the end-to-end tests');
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-rows-'));
  project = path.join(work, 'project');
  const git = (...args: string[]) =>
    execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: project,
    });
  await execa('mkdir', ['-p', path.join(project, 'tickets')]);
  await writeFile(path.join(project, 'dynodeck.yml'), 'project: rows\nplatform:\n  kind: local\n  boxes: 0\n');
  await writeFile(path.join(project, '.gitignore'), '.dynodeck/\n');
  await writeFile(path.join(project, 'talker.mjs'), TALKER);
  await writeFile(
    path.join(project, 'web.mjs'),
    "import { createServer } from 'node:http';\nconst s = createServer((_q, r) => r.end('ok'));\ns.listen(Number(process.env.PORT), '127.0.0.1');\nprocess.on('SIGTERM', () => s.close(() => process.exit(0)));\n",
  );
  await writeFile(
    path.join(project, 'Procfile'),
    `web: node web.mjs\ntalker: node talker.mjs '${path.join(work, 'go')}' '${path.join(work, 'stop')}'\n`,
  );
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'rows');
  await cli('engine', 'start');
  await cli('deploy', 'staging', '--yes');
  await cli('scale', 'staging', 'talker=1', '--yes');
}, 120_000);
afterEach(() => running?.kill());
afterAll(async () => {
  if (project) await stopEngine(project);
  await rm(work, { recursive: true, force: true });
});

/** The Logs pane's rows (between its title row and its bottom border), cut to the pane. */
function logsPane(screen: string): string[] {
  const lines = screen.split('\n');
  const top = lines.findIndex((l) => l.includes('3 Logs'));
  if (top < 0) throw new Error(`no Logs pane on the screen:\n${screen}`);
  const left = lines[top]!.search(/[╭┏]. 3 Logs/);
  const right = lines[top]!.slice(left).search(/[╮┓]/) + left;
  const rows: string[] = [];
  for (let i = top + 1; i < lines.length && !/^[╰┗]/.test(lines[i]!.slice(left)); i++)
    rows.push(lines[i]!.slice(left, right + 1));
  return rows;
}

/** The screen from the Logs pane's title row down, left of the key list (which covers the rest of the pane) and its border. */
function belowLogsTitle(screen: string): string[] {
  const lines = screen.split('\n');
  const left = deckLayout(140, 40).overlay.left;
  return lines.slice(lines.findIndex((l) => l.includes('3 Logs'))).map((l) => l.slice(0, left + 1));
}

/** The key list is open over the Logs pane, whose rows show to its left. */
const keyListOverLogs = (screen: string) => /Keys \d/.test(screen) && /^[│┃] \d\d:\d\d:\d\d/m.test(screen);

// The app's lines only (s: source app), so the engine's own dyno samples cannot change the rows between two looks.
const settledLogs = (screen: string) =>
  screen.includes('line 300 FILTERME') && screen.includes(' 0 lines/s') && screen.includes('source: app');

describe('the Logs rows in a real terminal', () => {
  it('look exactly as Ink alone draws them', async () => {
    const ink = (running = spawnDeck([], { cwd: project, cols: 140, rows: 40, env: { DYNODECK_ROW_WRITER: '0' } }));
    await ink.waitForScreen('line 300 FILTERME', 30_000);
    ink.write('3');
    ink.write('s');
    const byInk = logsPane(await ink.waitForScreen(settledLogs, 30_000));
    ink.write('?');
    const helpByInk = belowLogsTitle(await ink.waitForScreen(keyListOverLogs));
    ink.write('\u001b');
    await ink.waitForScreen((s) => !/Keys \d/.test(s));
    ink.write('q');
    await ink.exited();
    const direct = (running = spawnDeck([], { cwd: project, cols: 140, rows: 40 }));
    await direct.waitForScreen('line 300 FILTERME', 30_000);
    direct.write('3');
    direct.write('s');
    const byWriter = logsPane(await direct.waitForScreen(settledLogs, 30_000));
    expect(byWriter.some((row) => row.includes('line 299'))).toBe(true);
    // The engine's own dyno samples may land between the two looks: only the retained count may differ.
    const sameCount = (rows: string[]) => rows.map((r) => r.replace(/[\d,]+ retained/, 'N retained'));
    expect(sameCount(byWriter)).toEqual(sameCount(byInk));
    // With the key list open, the row writer keeps the rows and writes only what shows beside it.
    direct.write('?');
    const helpByWriter = belowLogsTitle(await direct.waitForScreen(keyListOverLogs));
    expect(helpByWriter.some((row) => /^[│┃] \d\d:\d\d:\d\d/.test(row))).toBe(true);
    expect(sameCount(helpByWriter)).toEqual(sameCount(helpByInk));
    direct.write('\u001b');
    expect(logsPane(await direct.waitForScreen((s) => !/Keys \d/.test(s) && settledLogs(s)))).toEqual(byWriter);
    direct.write('q');
    expect(await direct.exited()).toBe(0);
  }, 90_000);

  it('while lines pour in: an overlay covers the pane, a filter applies, and a resize keeps the rows in the pane', async () => {
    const deck = (running = spawnDeck([], { cwd: project, cols: 140, rows: 40 }));
    await deck.waitForScreen('line 300 FILTERME', 30_000);
    await writeFile(path.join(work, 'go'), '');
    await deck.waitForScreen(/line 3\d\d\d/, 30_000);

    deck.write('?');
    const help = await deck.waitForScreen(/Keys \d/);
    // The overlay's rows are whole: no log line written through them.
    const overlayRows = help.split('\n').filter((l) => l.includes('┃'));
    expect(overlayRows.length).toBeGreaterThan(10);
    expect(overlayRows.some((l) => /line \d+/.test(l.slice(l.indexOf('┃'))))).toBe(false);
    deck.write('\u001b');
    await deck.waitForScreen((s) => !/Keys \d/.test(s) && /line \d{4}/.test(s));

    // Focus moves remount the pane's body: the rows must never land on a border or a title.
    const framed = (title: string) => (s: string) => {
      const lines = s.split('\n');
      const at = lines.findIndex((l) => l.includes(title));
      return at > 0 && /^[╰┗]/.test(lines[at - 1]!) && /line \d{4}/.test(s);
    };
    for (let i = 0; i < 3; i++) {
      deck.write('1');
      await deck.waitForScreen(framed('╭─ 3 Logs'));
      deck.write('3');
      await deck.waitForScreen(framed('┏━ 3 Logs'));
    }
    deck.write('/');
    await deck.waitForScreen('filter /');
    deck.write('FILTERME');
    await deck.waitForScreen('filter /FILTERME');
    deck.write('\r');
    const filtered = await deck.waitForScreen((s) => s.includes('filter: /FILTERME/') && /line \d+0 FILTERME/.test(s));
    const shown = logsPane(filtered).filter((row) => /line \d+/.test(row));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((row) => row.includes('FILTERME'))).toBe(true);

    deck.resize(110, 32);
    const resized = await deck.waitForScreen(
      (s) => s.split('\n')[0]!.length <= 110 && s.includes('3 Logs') && /line \d+0 FILTERME/.test(s),
    );
    const rows = logsPane(resized);
    const width = rows[0]!.length;
    // Every row of the pane is inside its borders, at the new width.
    for (const row of rows) {
      expect(row.length).toBe(width);
      expect(row.startsWith('│') || row.startsWith('┃')).toBe(true);
      expect(row.endsWith('│') || row.endsWith('┃')).toBe(true);
    }
    await writeFile(path.join(work, 'stop'), '');
    deck.write('q');
    expect(await deck.exited()).toBe(0);
  }, 90_000);
});
