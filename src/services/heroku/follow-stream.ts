// Reads an output_stream_url (plain chunked text) line by line until it ends.
import type { Clock } from '../ports.js';

export async function followStream(url: string, onLine: (line: string) => void, signal?: AbortSignal): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch {
    return; // a stream we cannot read costs the user the live output, not the deploy
  }
  if (!res.ok || !res.body) return;
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const parts = (rest + decoder.decode(chunk, { stream: true })).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) onLine(part.replace(/\r$/, ''));
    }
  } catch {
    // aborted or dropped: the build's status still tells the outcome
  }
  if (rest) onLine(rest);
}

/** A stream being followed until it ends or is stopped (at a deadline, or when the work ended without it). */
export interface FollowedStream {
  readonly ended: Promise<void>;
  stop(): void;
}

/** followStream, stopped at `at` on the clock: a stream that never ends must not hold a deploy forever. */
export function followStreamUntil(
  url: string,
  onLine: (line: string) => void,
  clock: Clock,
  at: number,
): FollowedStream {
  const abort = new AbortController();
  const timer = clock.setTimeout(() => abort.abort(), at - clock.now());
  const ended = followStream(url, onLine, abort.signal).finally(() => clock.clearTimeout(timer));
  return { ended, stop: () => abort.abort() };
}
