// An Octokit plugin: every GET carries If-None-Match with the ETag of the last answer to
// the same URL, and a 304 Not Modified is answered from that copy. GitHub does not count
// an authorised 304 against the rate limit, so an unchanged repository costs nothing to
// poll. Each page of a list is its own URL, so paging works the same way.
import type { Octokit } from '@octokit/core';

interface Entry {
  etag: string;
  response: { status: number; url: string; headers: Record<string, unknown>; data: unknown };
}

export interface ConditionalCache {
  /** Cached answers (URLs). */
  size(): number;
  clear(): void;
}

const MAX_ENTRIES = 2000;

export function conditionalRequests(octokit: Octokit): { conditionalCache: ConditionalCache } {
  const entries = new Map<string, Entry>();

  octokit.hook.wrap('request', async (request, options) => {
    if (String(options.method).toUpperCase() !== 'GET') return request(options);
    const parsed = octokit.request.endpoint.parse(options);
    const key = `${parsed.url} ${String(parsed.headers.accept ?? '')}`;
    const hit = entries.get(key);
    // Octokit's hooks all see the same options object (a copy would be ignored), so the
    // header is set in place.
    if (hit) options.headers['if-none-match'] = hit.etag;
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      entries.delete(key);
      if (etag) {
        // Copies both ways: Octokit's paginate rewrites the data of list answers in place.
        entries.set(key, { etag, response: structuredClone({ ...response }) });
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      }
      return response;
    } catch (error) {
      if (hit && (error as { status?: number }).status === 304) {
        entries.delete(key);
        entries.set(key, hit); // most recently used last
        return structuredClone(hit.response) as Awaited<ReturnType<typeof request>>;
      }
      throw error;
    }
  });

  return {
    conditionalCache: {
      size: () => entries.size,
      clear: () => entries.clear(),
    },
  };
}
