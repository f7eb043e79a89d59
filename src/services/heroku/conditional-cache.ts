// What the Platform API last answered to each read, kept with its ETag so the next read of
// the same page can ask "anything new?" (If-None-Match). Heroku answers 304 Not Modified with
// an empty body when nothing changed, and a 304 does not count against the rate limit: a
// poll that finds nothing new costs neither budget nor the parsing of a body. A server that
// sends no ETag simply gets unconditional reads.

export interface CachedPage {
  etag: string;
  /** The parsed body: handed out again, as the same object, on every 304. */
  body: unknown;
  /** The page's Next-Range, so a 304 on a paged list still leads to the next page. */
  nextRange?: string;
}

export interface ConditionalCache {
  get(key: string): CachedPage | undefined;
  remember(key: string, page: CachedPage): void;
  forget(key: string): void;
}

/** A read is known by its path and the Range it was sent with (each page has its own ETag). */
export function pageKey(path: string, range: string | undefined): string {
  return `${path}\n${range ?? ''}`;
}

/** Keeps the newest `capacity` pages (the poll's dozen reads, and actions' reads besides). */
export function createConditionalCache(capacity = 256): ConditionalCache {
  const pages = new Map<string, CachedPage>();
  return {
    get: (key) => pages.get(key),
    remember(key, page) {
      pages.delete(key);
      pages.set(key, page);
      if (pages.size > capacity) pages.delete(pages.keys().next().value!);
    },
    forget: (key) => void pages.delete(key),
  };
}
