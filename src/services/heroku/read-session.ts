// Reads a log session that ends by itself (tail: false): its lines, whole.
export async function readLogSession(url: string): Promise<string[]> {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`the log session answered HTTP ${res.status}`);
  const body = await res.text();
  const sse = (res.headers.get('content-type') ?? '').includes('text/event-stream');
  return sse
    ? body
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
    : body.split('\n').filter(Boolean);
}
