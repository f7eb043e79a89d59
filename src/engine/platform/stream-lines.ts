// Calls back once per line of a readable stream, the last partial line included.
import type { Readable } from 'node:stream';

export function streamLines(stream: Readable, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) onLine(part.replace(/\r$/, ''));
    });
    const finish = () => {
      if (rest !== '') onLine(rest.replace(/\r$/, ''));
      rest = '';
      resolve();
    };
    stream.on('end', finish);
    stream.on('error', finish);
  });
}
