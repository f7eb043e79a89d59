// "Now" as the screens see it, advanced by a ticker so ages ("3s ago") stay true. The tick
// also publishes the sources' successes held back since the last one (sources-slice.ts), so
// a second costs the screens one store change, not one per poll.
import type { StateCreator } from 'zustand/vanilla';
import type { DeckState } from './deck-state.js';

export interface ClockSlice {
  now: number;
  tick(): void;
}

export const createClockSlice =
  (now: () => number): StateCreator<DeckState, [], [], ClockSlice> =>
  (set) => ({
    now: now(),
    tick: () => set((state) => ({ now: now(), ...state.takeSourceSuccesses() })),
  });
