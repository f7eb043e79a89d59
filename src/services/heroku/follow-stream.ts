// Reads an output_stream_url (plain chunked text) line by line until it ends.
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
