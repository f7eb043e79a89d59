import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  startDyno,
  type DynoHandle,
  type DynoOptions,
  type DynoState,
} from '../../../src/engine/runtime/dyno-process.js';
import { freePort } from '../../../src/engine/runtime/free-port.js';
import { isRunning } from '../../../src/engine/runtime/proc-stat.js';
import { systemClock } from '../../../src/services/ports.js';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock.js';
import { waitFor } from '../../helpers/wait-for-frame.js';

const slug = mkdtempSync(join(tmpdir(), 'dynodeck-slug-'));
const FOREVER = `node -e "setInterval(() => {}, 1000)"`;

interface TestDyno {
  dyno: DynoHandle;
  lines: { text: string; stream: 'stdout' | 'stderr' }[];
  events: string[];
  states: DynoState[];
  stdout: () => string[];
}

const running: { dyno: DynoHandle; clock?: FakeClock }[] = [];

function start(options: Partial<DynoOptions> & { command: string }, clock?: FakeClock): TestDyno {
  const lines: TestDyno['lines'] = [];
  const events: string[] = [];
  const states: DynoState[] = [];
  const dyno = startDyno({
    name: 'worker.1',
    cwd: slug,
    env: {},
    restart: 'on-crash',
    clock: clock ?? systemClock,
    onOutput: (text, stream) => lines.push({ text, stream }),
    onEvent: (text) => events.push(text),
    onState: (state) => states.push(state),
    ...options,
  });
  running.push({ dyno, clock });
  return { dyno, lines, events, states, stdout: () => lines.filter((l) => l.stream === 'stdout').map((l) => l.text) };
}

const lineMatching = (t: TestDyno, pattern: RegExp) => () => t.stdout().find((line) => pattern.test(line));

afterEach(async () => {
  for (const { dyno, clock } of running.splice(0)) {
    const stopped = dyno.stop(0);
    await clock?.advance(0);
    await stopped;
  }
});

afterAll(() => rmSync(slug, { recursive: true, force: true }));

describe('dyno process', () => {
  it('a web dyno is up once its port accepts connections and gets PORT and DYNO', async () => {
    const port = await freePort();
    const server = `require('http').createServer((q, s) => s.end(process.env.DYNO + ' ' + process.env.PORT)).listen(process.env.PORT, '127.0.0.1')`;
    const web = start({
      name: 'web.1',
      command: `node -e "${server}"`,
      port,
      bootCheck: { timeoutMs: 10_000, path: '/' },
    });
    expect(web.dyno.state).toBe('starting');
    expect(web.dyno.pid).toBeGreaterThan(0);
    await waitFor(() => web.dyno.state === 'up', 'web.1 up');
    const body = await (await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } })).text();
    expect(body).toBe(`web.1 ${port}`);
    expect(web.events).toEqual([
      `Starting process with command \`node -e "${server}"\``,
      'State changed from starting to up',
    ]);
    expect(web.states).toEqual(['starting', 'up']);
  });

  it("a dyno's output arrives line by line, a partial last line included", async () => {
    const t = start({
      name: 'release.1',
      restart: 'never',
      command: `printf 'one\\r\\ntw'; printf 'o\\n'; echo oops >&2; printf 'no newline'`,
    });
    expect(await t.dyno.exit).toBe(0);
    expect(t.lines).toEqual([
      { text: 'one', stream: 'stdout' },
      { text: 'two', stream: 'stdout' },
      { text: 'oops', stream: 'stderr' },
      { text: 'no newline', stream: 'stdout' },
    ]);
    expect(t.events.at(-2)).toBe('Process exited with status 0');

    const many = start({ name: 'release.2', restart: 'never', command: 'seq 1 100000; exit 0' });
    await many.dyno.exit;
    expect(many.stdout().length).toBe(100_000);
    expect(many.stdout().at(-1)).toBe('100000');
  });

  it('a process that cannot start crashes and says why', async () => {
    const t = start({ restart: 'never', command: 'echo hi', cwd: join(slug, 'missing') });
    expect(await t.dyno.exit).toBe(1);
    expect(t.events.slice(1)).toEqual([
      expect.stringMatching(/^Process failed to start: .*cwd.*missing/),
      'Process exited with status 1',
      'State changed from starting to crashed',
    ]);
  });

  it("the dyno does not inherit the engine's secrets", async () => {
    process.env.HEROKU_API_KEY = 'hrku-engine-secret';
    try {
      const t = start({
        restart: 'never',
        command: 'env',
        env: { DATABASE_URL: 'postgres://localhost/app', DYNO: 'ignored' },
      });
      expect(await t.dyno.exit).toBe(0);
      const env = t.stdout();
      expect(env).toContain('DATABASE_URL=postgres://localhost/app');
      expect(env).toContain('DYNO=worker.1');
      expect(env).toContain(`PATH=${process.env.PATH}`);
      expect(env.filter((line) => line.includes('hrku-engine-secret') || line.startsWith('PORT='))).toEqual([]);
    } finally {
      delete process.env.HEROKU_API_KEY;
    }
  });

  it('a crashed dyno restarts with growing backoff on the clock and logs Heroku state changes', async () => {
    const clock = createFakeClock();
    const t = start({ command: `exec ${FOREVER}` }, clock);
    const crash = async () => {
      const pid = await waitFor(() => t.dyno.state === 'up' && t.dyno.pid, 'a running process');
      process.kill(pid, 'SIGKILL');
      await waitFor(() => t.dyno.state === 'crashed', 'crashed');
      return pid;
    };
    const restartsAfter = async (ms: number) => {
      const before = t.dyno.restarts;
      await clock.advance(ms - 1);
      expect(t.dyno.restarts).toBe(before);
      await clock.advance(1);
      expect(t.dyno.restarts).toBe(before + 1);
      expect(t.dyno.startedAt).toBe(clock.now());
    };

    const pids = [await crash()];
    await restartsAfter(1000);
    pids.push(await crash());
    await restartsAfter(2000);
    pids.push(await crash());
    await restartsAfter(4000);
    // Up for a minute: healthy again, so the next crash waits 1 s.
    await waitFor(() => t.dyno.state === 'up', 'up again');
    await clock.advance(60_000);
    pids.push(await crash());
    await restartsAfter(1000);

    expect(new Set(pids).size).toBe(4);
    expect(t.events.slice(0, 7)).toEqual([
      `Starting process with command \`exec ${FOREVER}\``,
      'State changed from starting to up',
      'Process exited with status 137',
      'State changed from up to crashed',
      'State changed from crashed to starting',
      `Starting process with command \`exec ${FOREVER}\``,
      'State changed from starting to up',
    ]);
  });

  it('a release process is not restarted and reports its exit code', async () => {
    const clock = createFakeClock();
    const t = start({ name: 'release.3', restart: 'never', command: 'echo migrating; exit 3' }, clock);
    expect(await t.dyno.exit).toBe(3);
    await clock.advance(120_000);
    expect(t.dyno.restarts).toBe(0);
    // As Heroku logs a one-off process: "complete" whatever its status, which the line before gives.
    expect(t.dyno.state).toBe('complete');
    expect(t.stdout()).toEqual(['migrating']);
    expect(t.events.slice(1)).toEqual([
      'State changed from starting to up',
      'Process exited with status 3',
      'State changed from up to complete',
    ]);
  });

  it('stop terminates the whole process group, child processes included', async () => {
    const t = start({
      command: `node -e "console.log('child ' + process.pid); setInterval(() => {}, 1000)" & ${FOREVER} & wait`,
    });
    const leader = t.dyno.pid!;
    const child = Number((await waitFor(lineMatching(t, /^child \d+$/), 'the child pid')).split(' ')[1]);
    expect(await isRunning(child)).toBe(true);
    await t.dyno.stop();
    expect(await isRunning(child)).toBe(false);
    expect(await isRunning(leader)).toBe(false);
    expect(t.dyno.state).toBe('down');
    expect(t.events.slice(-3)).toEqual([
      'Stopping all processes with SIGTERM',
      'Process exited with status 143',
      'State changed from up to down',
    ]);
    expect(await t.dyno.exit).toBe(143);
  });

  it('stop escalates to SIGKILL after the grace when SIGTERM is ignored', async () => {
    const clock = createFakeClock();
    const stubborn = `process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('ready'); setInterval(() => {}, 1000)`;
    const t = start({ command: `exec node -e "${stubborn}"` }, clock);
    const pid = t.dyno.pid!;
    await waitFor(lineMatching(t, /^ready$/), 'ready');
    let stopped = false;
    const stopping = t.dyno.stop(5000).then(() => (stopped = true));
    await waitFor(lineMatching(t, /^ignoring SIGTERM$/), 'SIGTERM received');
    await clock.advance(4999);
    expect(stopped).toBe(false);
    expect(await isRunning(pid)).toBe(true);
    await clock.advance(1);
    await stopping;
    expect(await isRunning(pid)).toBe(false);
    expect(t.events.slice(-5)).toEqual([
      'Stopping all processes with SIGTERM',
      'Error R12 (Exit timeout) -> At least one process failed to exit within 5 seconds of SIGTERM',
      'Stopping remaining processes with SIGKILL',
      'Process exited with status 137',
      'State changed from up to down',
    ]);
  });

  it('a web process that never binds its port crashes with R10 after the boot timeout', async () => {
    const clock = createFakeClock();
    const port = await freePort();
    const t = start({ name: 'web.1', command: `exec ${FOREVER}`, port, bootCheck: { timeoutMs: 60_000 } }, clock);
    const pid = t.dyno.pid!;
    await clock.advance(59_999);
    expect(t.dyno.state).toBe('starting');
    await clock.advance(1);
    await waitFor(() => t.dyno.state === 'crashed', 'crashed');
    expect(await isRunning(pid)).toBe(false);
    expect(t.events.slice(1)).toEqual([
      'Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 60 seconds of launch',
      'Stopping process with SIGKILL',
      'Process exited with status 137',
      'State changed from starting to crashed',
    ]);
  });
});
