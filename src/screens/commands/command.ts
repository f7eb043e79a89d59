// What a command is: the one description that key dispatch, the `:` line, the footer,
// the `?` help and the README all read. Handlers act on the store only.
import type { DeckStore } from '../../store/create-deck-store.js';
import type { DeckState } from '../../store/deck-state.js';
import type { PaneId, Split } from '../../store/ui-slice.js';

/**
 * Where a command's keys work. Pane scopes apply while that pane has focus; `lists` in
 * the Tickets, Environments and Alerts panes; `overlay` in the help and detail views;
 * `dialog` while a dialog is open; `prompt` while the log prompt or the `:` line is open.
 */
export type CommandScope = 'global' | 'lists' | PaneId | 'overlay' | 'dialog' | 'prompt';

export interface CommandContext {
  store: DeckStore;
  /** Rows a page up/down moves in the focused pane. */
  pageSize: number;
  /** The split in use now (for the keys that move it). */
  split: Split;
  /** The key that ran the command (a digit in the scale dialog sets that count). */
  key?: string;
  /** The commands in use, for the `:` line's `:id` form. */
  table: { byId(id: string): Command | undefined; commands: readonly Command[] };
  quit(): void;
}

export interface Command {
  /** Stable id, used by `keys:` in dynodeck.yml and by `:id` on the command line. */
  id: string;
  /** A few words, for the footer. */
  title: string;
  /** One sentence, for the help and the README. */
  description: string;
  keys: readonly string[];
  scope: CommandScope;
  /** Shown in the footer while its scope is active. */
  footer?: boolean;
  /** Changes an environment (deploy, scale…): care on production, refused on a read-only deck. */
  changesEnvironment?: boolean;
  /** Its keys cannot be remapped (Ctrl+C always quits). */
  fixed?: boolean;
  /** Why the command cannot run now, in the user's words; undefined when it can. */
  disabledReason?(state: DeckState): string | undefined;
  /** The environment a command that changes one acts on (for read-only checks). */
  target?(state: DeckState): string | undefined;
  run(ctx: CommandContext): void;
}

/** Commands of the `:` line that take words: `:deploy staging main`. */
export interface LineCommand {
  /** The first word, and other words that mean the same. */
  names: readonly string[];
  usage: string;
  description: string;
  changesEnvironment?: boolean;
  /** What each argument position completes to. */
  complete?: ReadonlyArray<
    'environment' | 'ticket' | 'process' | 'source' | 'on-off' | 'release' | 'duration' | 'period'
  >;
  /** Runs the line; returns an error to show, or undefined when it ran. */
  run(args: readonly string[], ctx: CommandContext): string | undefined;
}
