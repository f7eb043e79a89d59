// How fresh a data source is, in the words the header shows.
import type { SourceHealth } from '../../store/sources-slice.js';
import { formatAge } from './format-age.js';

export type Tone = 'ok' | 'stale' | 'error' | 'pending';

export interface Freshness {
  text: string;
  tone: Tone;
}

/** Data older than this many poll intervals is called stale. */
const STALE_AFTER_INTERVALS = 3;
/** A refresh may take this long beyond its interval before the header starts counting. */
const GRACE_MS = 2000;

export function describeSource(source: SourceHealth, now: number): Freshness {
  if (source.error) {
    const stale = source.lastSuccess === undefined ? '' : ` (stale ${formatAge(now - source.lastSuccess)})`;
    return { text: `${source.name}: ${source.error}${stale}`, tone: 'error' };
  }
  if (source.lastSuccess === undefined) return { text: `${source.name} loading…`, tone: 'pending' };
  const age = now - source.lastSuccess;
  const staleAfter = Math.max(source.intervalMs * STALE_AFTER_INTERVALS, 10_000);
  if (age > staleAfter) return { text: `${source.name} stale ${formatAge(age)}`, tone: 'stale' };
  // While a source answers on schedule its age says nothing new; a steady mark keeps the
  // screen still (no redraw every second) and the count appears as soon as it runs late.
  if (age <= source.intervalMs + GRACE_MS) return { text: `${source.name} ✓`, tone: 'ok' };
  return { text: `${source.name} ${formatAge(age)} ago`, tone: 'ok' };
}

/** All sources' freshness as one string, so a view re-renders only when the words change. */
export function freshnessKey(sources: Record<string, SourceHealth>, now: number): string {
  return JSON.stringify(Object.values(sources).map((source) => describeSource(source, now)));
}
