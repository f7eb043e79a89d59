// The terminal's input as Ink reads it, with a lone Escape handed over at once. Ink 7 holds
// a read that is only ESC for 20 ms, in case the rest of an escape sequence (an arrow key)
// comes in a later read; a terminal writes a key's whole sequence at once, so a read of ESC
// alone is the Escape key (as crossterm and Bubble Tea read it too). It is passed on in the
// kitty keyboard protocol's spelling (CSI 27 u), which Ink reads as Escape without waiting.
const ESC = '\x1b';
const ESCAPE_KEY = '\x1b[27u';

export function escapeAtOnce(stdin: NodeJS.ReadStream): NodeJS.ReadStream {
  const read = (size?: number): string | Buffer | null => {
    const chunk = stdin.read(size) as string | Buffer | null;
    if (chunk === ESC) return ESCAPE_KEY;
    if (Buffer.isBuffer(chunk) && chunk.length === 1 && chunk[0] === 0x1b) return Buffer.from(ESCAPE_KEY);
    return chunk;
  };
  return new Proxy(stdin, {
    get(target, prop) {
      if (prop === 'read') return read;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
