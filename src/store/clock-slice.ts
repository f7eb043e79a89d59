// "Now" as the screens see it, advanced by a ticker so ages ("3s ago") stay true.
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
    tick: () => set({ now: now() }),
  });
