// The small interfaces the store talks to. Adapters in src/services/<provider>/
// implement them; the store never knows which one it has.
import type { TicketLoad } from '../domain/ticket.js';
import type { BranchStatus } from '../domain/branch.js';

export interface TicketSource {
  /** A short name shown in the header ("tickets"). */
  readonly name: string;
  load(): Promise<TicketLoad>;
  /** Calls `onChange` soon after the source changes; returns a function that stops watching. */
  watch?(onChange: () => void): () => void;
}

export interface CodeHost {
  readonly name: string;
  /** The branch the others are compared with ("main"). */
  readonly mainBranch: string;
  /** Status of each named branch; names that do not exist come back with `exists: false`. */
  branches(names: readonly string[]): Promise<Map<string, BranchStatus>>;
}

/** Time, injectable so pollers and freshness can run on a fake clock in tests. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
