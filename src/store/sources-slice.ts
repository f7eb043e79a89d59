// Freshness of every data source: when it last answered, and what went wrong if it did not.
import type { StateCreator } from 'zustand/vanilla';
import type { DeckState } from './deck-state.js';

export interface SourceHealth {
  name: string;
  /** How often it is refreshed, so "stale" can be judged against it. */
  intervalMs: number;
  lastSuccess?: number;
  lastFailure?: number;
  /** The last failure's message while the source is failing; cleared by a success. */
  error?: string;
  failures: number;
}

export interface SourcesSlice {
  sources: Record<string, SourceHealth>;
  registerSource(name: string, intervalMs: number): void;
  sourceSucceeded(name: string): void;
  sourceFailed(name: string, error: unknown): void;
  /**
   * The successes held back since the last call, merged into `sources` (undefined when none),
   * for the clock's tick to publish with the new time; see sourceSucceeded.
   */
  takeSourceSuccesses(): Pick<SourcesSlice, 'sources'> | undefined;
}

export const createSourcesSlice =
  (now: () => number): StateCreator<DeckState, [], [], SourcesSlice> =>
  (set, get) => {
    // A success of a source that is already fresh changes only its time, which the screens
    // judge against the clock: it is published with the clock's next tick (within a second)
    // instead of on its own. Every store change runs every view's selector, and each poll
    // (tickets every 2 s, git and environments every 5 s) made one more a second.
    const held = new Map<string, number>();
    const update = (name: string, change: (s: SourceHealth) => SourceHealth) =>
      set((state) => {
        const current = state.sources[name] ?? { name, intervalMs: 0, failures: 0 };
        return { sources: { ...state.sources, [name]: change(current) } };
      });
    const lastSuccess = (name: string, s: SourceHealth) => held.get(name) ?? s.lastSuccess;
    return {
      sources: {},
      registerSource: (name, intervalMs) => update(name, (s) => ({ ...s, intervalMs })),
      sourceSucceeded: (name) => {
        const current = get().sources[name];
        if (current?.lastSuccess !== undefined && current.error === undefined && current.failures === 0) {
          held.set(name, now());
          return;
        }
        held.delete(name);
        update(name, (s) => ({ ...s, lastSuccess: now(), error: undefined, failures: 0 }));
      },
      sourceFailed: (name, error) => {
        update(name, (s) => ({
          ...s,
          lastSuccess: lastSuccess(name, s),
          lastFailure: now(),
          error: errorMessage(error),
          failures: s.failures + 1,
        }));
        held.delete(name);
      },
      takeSourceSuccesses: () => {
        if (held.size === 0) return undefined;
        const sources = { ...get().sources };
        for (const [name, at] of held) {
          const current = sources[name];
          if (current) sources[name] = { ...current, lastSuccess: at };
        }
        held.clear();
        return { sources };
      },
    };
  };

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
