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

export function describeSource(source: SourceHealth, now: number): Freshness {
  if (source.error) {
    const stale = source.lastSuccess === undefined ? '' : ` (stale ${formatAge(now - source.lastSuccess)})`;
    return { text: `${source.name}: ${source.error}${stale}`, tone: 'error' };
  }
  if (source.lastSuccess === undefined) return { text: `${source.name} loading…`, tone: 'pending' };
  const age = now - source.lastSuccess;
  const staleAfter = Math.max(source.intervalMs * STALE_AFTER_INTERVALS, 10_000);
  if (age > staleAfter) return { text: `${source.name} stale ${formatAge(age)}`, tone: 'stale' };
  return { text: `${source.name} ${formatAge(age)} ago`, tone: 'ok' };
}
