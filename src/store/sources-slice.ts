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
}

export const createSourcesSlice =
  (now: () => number): StateCreator<DeckState, [], [], SourcesSlice> =>
  (set) => {
    const update = (name: string, change: (s: SourceHealth) => SourceHealth) =>
      set((state) => {
        const current = state.sources[name] ?? { name, intervalMs: 0, failures: 0 };
        return { sources: { ...state.sources, [name]: change(current) } };
      });
    return {
      sources: {},
      registerSource: (name, intervalMs) => update(name, (s) => ({ ...s, intervalMs })),
      sourceSucceeded: (name) => update(name, (s) => ({ ...s, lastSuccess: now(), error: undefined, failures: 0 })),
      sourceFailed: (name, error) =>
        update(name, (s) => ({ ...s, lastFailure: now(), error: errorMessage(error), failures: s.failures + 1 })),
    };
  };

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
