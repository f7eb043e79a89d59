import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, useInput, type Key } from 'ink';
import { escapeAtOnce } from '../../src/cli/escape-at-once.js';

afterEach(() => vi.useRealTimers());

/** A terminal's input (raw mode accepted) and a screen that takes whatever is written. */
function terminal() {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode() {
      return stdin;
    },
    ref() {
      return stdin;
    },
    unref() {
      return stdin;
    },
  }) as unknown as NodeJS.ReadStream & PassThrough;
  const stdout = Object.assign(new Writable({ write: (_c, _e, done) => done() }), {
    columns: 80,
    rows: 24,
  }) as unknown as NodeJS.WriteStream;
  return { stdin, stdout };
}

type Seen = { input: string; escape: boolean; meta: boolean; upArrow: boolean };

/** Ink reading `stdin`, with every key it hands to useInput noted; timers are fake, so nothing waits on a clock. */
function keysRead(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream) {
  const seen: Seen[] = [];
  function Keys() {
    useInput((input: string, key: Key) =>
      seen.push({ input, escape: key.escape, meta: key.meta, upArrow: key.upArrow }),
    );
    return null;
  }
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const app = render(<Keys />, { stdin, stdout, exitOnCtrlC: false, patchConsole: false });
  return { seen, app };
}

/** Lets the stream's 'readable' event and Ink's handling of it run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('the terminal input handed to Ink', () => {
  it('a lone Escape is read as Escape at once, where Ink alone waits for its timer', async () => {
    const raw = terminal();
    const plain = keysRead(raw.stdin, raw.stdout);
    raw.stdin.write('\x1b');
    await settle();
    expect(plain.seen).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(plain.seen).toEqual([{ input: '', escape: true, meta: false, upArrow: false }]);
    plain.app.unmount();
    vi.useRealTimers();

    const t = terminal();
    const wrapped = keysRead(escapeAtOnce(t.stdin), t.stdout);
    t.stdin.write('\x1b');
    await settle();
    expect(wrapped.seen).toEqual([{ input: '', escape: true, meta: false, upArrow: false }]);
    wrapped.app.unmount();
  });

  it('other keys and whole escape sequences pass unchanged', async () => {
    const t = terminal();
    const { seen, app } = keysRead(escapeAtOnce(t.stdin), t.stdout);
    t.stdin.write('\x1b[A');
    await settle();
    t.stdin.write('q');
    await settle();
    t.stdin.write('\x1bx');
    await settle();
    expect(seen).toEqual([
      { input: '', escape: false, meta: false, upArrow: true },
      { input: 'q', escape: false, meta: false, upArrow: false },
      { input: 'x', escape: false, meta: true, upArrow: false },
    ]);
    app.unmount();
  });
});
