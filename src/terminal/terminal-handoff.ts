// Hands the terminal to another program (the user's editor) and takes it back, as lazygit
// and k9s do around a subprocess: the deck leaves the alternate screen, shows the cursor,
// turns raw mode off and stops reading stdin (so every key reaches the editor), and draws
// nothing meanwhile; afterwards raw mode and the alternate screen come back and the whole
// screen is drawn again. Pollers keep running: whatever they change shows on return.
//
// Drawing is stopped at the stream: everything the deck draws (Ink's frames and the Logs
// pane's row writer) goes through `stdout` here, whose writes are dropped while suspended.
// Reading stops in two steps: Ink's raw mode off (which removes its `readable` listener),
// then stdin.pause() a turn later, on which process.stdin stops reading the descriptor
// (Node's own 'pause' handler calls readStop). Measured on Node 20, removing the listener
// alone already left every key to a child; the pause keeps it so whatever else listens.
//
// A Ctrl+C typed in that program is a SIGINT to the deck too (the terminal signals its whole
// foreground process group). The deck may hear it only after it has seen the program exit:
// measured on Node 22 under load, 7 in 100 times. So for a moment after the terminal comes
// back, a SIGINT still counts as the program's.
const LEAVE = '\u001b[?25h\u001b[?1049l';
const ENTER = '\u001b[?1049h\u001b[2J\u001b[H\u001b[?25l';
/** How long after the terminal comes back a SIGINT still counts as the program's Ctrl+C. */
export const LATE_INTERRUPT_MS = 1000;

/** What the deck's Ink instance lends the handoff once it is mounted. */
export interface InkTerminal {
  setRawMode(on: boolean): void;
  /** Writes the whole frame again (and with it the Logs pane's rows). */
  redraw(): void;
}

export interface TerminalHandoff {
  /** The stream the deck draws to: its writes are dropped while another program has the terminal. */
  readonly stdout: NodeJS.WriteStream;
  readonly suspended: boolean;
  /** Whether a SIGINT now is a Ctrl+C typed while another program had the terminal. */
  interruptBelongsToProgram(): boolean;
  /** Lends Ink's raw mode and redraw; returns the function that takes them back. */
  connect(ink: InkTerminal): () => void;
  /** Runs `program` with the terminal handed over to it, and takes the terminal back, redrawn. */
  handOver<T>(program: () => Promise<T>): Promise<T>;
}

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;

export function createTerminalHandoff(opts: {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  now?: () => number;
}): TerminalHandoff {
  const { stdin, stdout: target, now = Date.now } = opts;
  const realWrite = target.write.bind(target) as Write;
  let suspended = false;
  let tookBackAt = -Infinity;
  let ink: InkTerminal | undefined;

  const write: Write = (chunk, ...rest) => {
    if (!suspended) return realWrite(chunk, ...rest);
    // Dropped, but a callback still hears that the write is done.
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    if (callback) queueMicrotask(callback);
    return true;
  };
  const stdout = new Proxy(target, {
    get(t, prop) {
      if (prop === 'write') return write;
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });

  const rawMode = (on: boolean) => {
    if (ink) ink.setRawMode(on);
    else if (stdin.isTTY) stdin.setRawMode(on);
  };
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  return {
    stdout,
    get suspended() {
      return suspended;
    },
    interruptBelongsToProgram: () => suspended || now() - tookBackAt < LATE_INTERRUPT_MS,
    connect(next) {
      ink = next;
      return () => {
        if (ink === next) ink = undefined;
      };
    },
    async handOver(program) {
      if (suspended) throw new Error('another program has the terminal already');
      suspended = true;
      realWrite(LEAVE);
      rawMode(false);
      await nextTurn();
      stdin.pause();
      await nextTurn();
      try {
        return await program();
      } finally {
        realWrite(ENTER);
        suspended = false;
        tookBackAt = now();
        rawMode(true);
        ink?.redraw();
      }
    },
  };
}
