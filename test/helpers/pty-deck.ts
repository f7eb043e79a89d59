// Runs the built dynodeck CLI in a real pseudo-terminal and reads the screen through a
// headless xterm, as a user's terminal would show it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import { waitFor, WAIT_LIMIT_MS } from './wait-for-frame.js';

const { Terminal } = xterm;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'bin', 'dynodeck.js');

/** Quiet time after the last output before a screen counts as drawn. */
const SETTLE_MS = 40;

export interface PtyDeck {
  screen(): string;
  isAlternateScreen(): boolean;
  write(keys: string): void;
  resize(cols: number, rows: number): void;
  /**
   * Waits for a settled screen that shows `text`: the match must hold once the terminal
   * has been quiet for a moment, so a half-drawn frame never counts.
   */
  waitForScreen(text: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  exited(): Promise<number>;
  kill(signal?: string): void;
}

export function spawnDeck(
  args: string[],
  opts: { cwd: string; cols?: number; rows?: number; env?: Record<string, string> },
): PtyDeck {
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 36;
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  const pty: IPty = spawn(process.execPath, [CLI, ...args], {
    cols,
    rows,
    cwd: opts.cwd,
    name: 'xterm-256color',
    env: { ...process.env, CI: 'false', TERM: 'xterm-256color', ...opts.env } as Record<string, string>,
  });
  let exitCode: number | undefined;
  const exit = new Promise<number>((resolve) => pty.onExit((e) => resolve((exitCode = e.exitCode))));
  let lastData = 0;
  let bytes = 0;
  pty.onData((data) => {
    lastData = Date.now();
    bytes += data.length;
    term.write(data);
  });

  const screen = () => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  return {
    screen,
    isAlternateScreen: () => term.buffer.active.type === 'alternate',
    write: (keys) => pty.write(keys),
    resize(c, r) {
      term.resize(c, r);
      pty.resize(c, r);
    },
    waitForScreen(text, timeoutMs = WAIT_LIMIT_MS) {
      const matches = (s: string) =>
        typeof text === 'string' ? s.includes(text) : typeof text === 'function' ? text(s) : text.test(s);
      return waitFor(
        () => {
          if (exitCode !== undefined)
            throw new Error(`dynodeck exited with ${exitCode} before showing ${String(text)}:\n${screen()}`);
          if (Date.now() - lastData < SETTLE_MS) return undefined;
          const s = screen();
          return matches(s) ? s : undefined;
        },
        () =>
          `the screen to show ${String(text)} (last output ${Date.now() - lastData} ms ago, ${bytes} bytes in all); screen now:\n${screen()}`,
        timeoutMs,
      );
    },
    exited: () =>
      exit.then(async (code) => {
        // let the last bytes reach the terminal model
        await new Promise((resolve) => term.write('', () => resolve(undefined)));
        return code;
      }),
    kill: (signal = 'SIGTERM') => {
      if (exitCode === undefined) pty.kill(signal);
    },
  };
}
