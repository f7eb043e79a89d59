// The `:` command line: what is typed, the error of the last Enter, and the history that
// ↑/↓ recall (kept in .dynodeck/ so it survives restarts).
import type { StateCreator } from 'zustand/vanilla';
import type { DeckState } from './deck-state.js';
import type { CommandHistoryStore } from '../services/command-history/command-history-file.js';

export type { CommandHistoryStore };

export interface CommandLine {
  value: string;
  /** Why the last Enter was refused; the line stays open to fix it. */
  error?: string;
  /** What Tab found when more than one thing fits. */
  hint?: string;
  /** Position in the history while recalling (0 = newest). */
  recall?: number;
  /** What was typed before recalling started, given back past the newest entry. */
  draft?: string;
}

export interface CommandLineSlice {
  commandLine?: CommandLine;
  openCommandLine(): void;
  editCommandLine(value: string): void;
  failCommandLine(error: string): void;
  hintCommandLine(hint: string): void;
  closeCommandLine(): void;
  /** -1 older, +1 newer. */
  recallCommand(step: -1 | 1): void;
  /** Remembers a line that ran (newest last, no repeats in a row). */
  rememberCommand(line: string): void;
  commandHistory(): readonly string[];
}

const HISTORY_LIMIT = 200;

export const createCommandLineSlice =
  (store?: CommandHistoryStore): StateCreator<DeckState, [], [], CommandLineSlice> =>
  (set, get) => {
    let history: string[] | undefined;
    const lines = () => (history ??= safeLoad(store));
    return {
      commandLine: undefined,
      openCommandLine: () => set({ commandLine: { value: '' } }),
      editCommandLine: (value) => set({ commandLine: { value } }),
      failCommandLine: (error) => {
        const line = get().commandLine;
        if (line) set({ commandLine: { ...line, error } });
      },
      hintCommandLine: (hint) => {
        const line = get().commandLine;
        if (line) set({ commandLine: { ...line, hint } });
      },
      closeCommandLine: () => set({ commandLine: undefined }),
      recallCommand(step) {
        const line = get().commandLine;
        const all = lines();
        if (!line || all.length === 0) return;
        const current = line.recall ?? -1;
        const next = Math.max(-1, Math.min(all.length - 1, current - step));
        if (next === current) return;
        if (next === -1) set({ commandLine: { value: line.draft ?? '' } });
        else
          set({
            commandLine: {
              value: all[all.length - 1 - next]!,
              recall: next,
              draft: line.recall === undefined ? line.value : line.draft,
            },
          });
      },
      rememberCommand(text) {
        const all = lines();
        if (!text.trim() || all[all.length - 1] === text) return;
        all.push(text);
        if (all.length > HISTORY_LIMIT) all.splice(0, all.length - HISTORY_LIMIT);
        try {
          store?.append(text);
        } catch {
          // history is a convenience: a full disk must not stop the command
        }
      },
      commandHistory: () => lines(),
    };
  };

function safeLoad(store: CommandHistoryStore | undefined): string[] {
  try {
    return store?.load().slice(-HISTORY_LIMIT) ?? [];
  } catch {
    return [];
  }
}
