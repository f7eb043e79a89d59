// Hands the store and theme to every pane without making them re-render:
// the context value never changes; panes subscribe to narrow slices with useDeck.
import { createContext, useContext, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeckStore } from '../store/create-deck-store.js';
import type { DeckState } from '../store/deck-state.js';
import type { Theme } from './theme.js';
import { createCommandTable, type CommandTable } from './commands/command-table.js';

interface DeckContextValue {
  store: DeckStore;
  theme: Theme;
  commands: CommandTable;
}

const DEFAULT_COMMANDS = createCommandTable();

const DeckContext = createContext<DeckContextValue | null>(null);

export function DeckProvider(props: { store: DeckStore; theme: Theme; commands?: CommandTable; children: ReactNode }) {
  return (
    <DeckContext.Provider
      value={{ store: props.store, theme: props.theme, commands: props.commands ?? DEFAULT_COMMANDS }}
    >
      {props.children}
    </DeckContext.Provider>
  );
}

function useDeckContext(): DeckContextValue {
  const value = useContext(DeckContext);
  if (!value) throw new Error('useDeck must be used inside <DeckProvider>');
  return value;
}

export function useDeck<T>(selector: (state: DeckState) => T): T {
  return useStore(useDeckContext().store, selector);
}

/**
 * What a view shows, derived from the state: the same object back for as long as its words
 * (its JSON) stay the same, so a view re-renders only when what it shows changes, not on
 * every clock tick or poll that publishes the same figures. `derive` runs on every store
 * change: keep it pure and small (what the view shows, nothing more).
 *
 * `inputs` lists every value `derive` reads (state objects, a clock rounded to the step its
 * words move by): while all of them are the very same values, the last answer is kept without
 * deriving or serialising again. Every store change (a log line, a clock tick, a poll that
 * marks a source fresh) runs every view's selector, so this is what keeps those changes cheap.
 */
export function useDeckShown<T>(derive: (state: DeckState) => T, inputs?: (state: DeckState) => readonly unknown[]): T {
  const last = useRef<{ key: string; value: T; inputs?: readonly unknown[] } | undefined>(undefined);
  return useDeck((state) => {
    const now = inputs?.(state);
    const previous = last.current;
    if (now && previous?.inputs && sameValues(now, previous.inputs)) return previous.value;
    const value = derive(state);
    const key = JSON.stringify(value);
    if (previous?.key === key) {
      previous.inputs = now;
      return previous.value;
    }
    last.current = { key, value, inputs: now };
    return value;
  });
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

export function useDeckStore(): DeckStore {
  return useDeckContext().store;
}

/** The commands in use (defaults, or remapped by `keys:` in dynodeck.yml). */
export function useDeckCommands(): CommandTable {
  return useDeckContext().commands;
}

export function useTheme(): Theme {
  return useDeckContext().theme;
}
