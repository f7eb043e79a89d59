// Turns a byte stream into whole lines: a line split across chunks (or a UTF-8
// character split across chunks) arrives as one piece.
import { StringDecoder } from 'node:string_decoder';

export interface LineSplitter {
  push(chunk: Buffer | string): void;
  /** Emits the unterminated last line, if any. */
  flush(): void;
}

export function createLineSplitter(emit: (line: string) => void): LineSplitter {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const emitLine = (line: string) => emit(line.endsWith('\r') ? line.slice(0, -1) : line);
  return {
    push(chunk) {
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        emitLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    },
    flush() {
      pending += decoder.end();
      if (pending !== '') emitLine(pending);
      pending = '';
    },
  };
}
