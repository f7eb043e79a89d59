// What the code host says about each ticket's branch.
import type { StateCreator } from 'zustand/vanilla';
import type { BranchStatus } from '../domain/branch.js';
import type { CodeHost } from '../services/ports.js';
import type { DeckState } from './deck-state.js';

export interface CodeSlice {
  mainBranch: string;
  branches: Record<string, BranchStatus>;
  /** Reads the status of every branch named by a ticket. Rejects on failure. */
  refreshBranches(): Promise<void>;
}

export const createCodeSlice =
  (host: CodeHost): StateCreator<DeckState, [], [], CodeSlice> =>
  (set, get) => ({
    mainBranch: host.mainBranch,
    branches: {},
    async refreshBranches() {
      const names = [...new Set(get().tickets.flatMap((t) => (t.branch ? [t.branch] : [])))].sort();
      try {
        const found = await host.branches(names);
        const branches = Object.fromEntries(found);
        if (JSON.stringify(branches) !== JSON.stringify(get().branches)) set({ branches });
        get().sourceSucceeded(host.name);
      } catch (error) {
        get().sourceFailed(host.name, error);
        throw error;
      }
    },
  });
