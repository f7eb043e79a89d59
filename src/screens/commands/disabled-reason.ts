// Why a command cannot run now: its own reason, or a read-only deck or environment.
import type { DeckState } from '../../store/deck-state.js';
import { readOnlyReason } from '../../store/read-only.js';
import type { Command } from './command.js';

export function disabledReason(command: Command, state: DeckState): string | undefined {
  if (command.changesEnvironment) {
    const name = command.target?.(state);
    const env = name ? state.environments.find((e) => e.name === name) : undefined;
    const locked = readOnlyReason(state.readOnly, env);
    if (locked) return locked;
  }
  return command.disabledReason?.(state);
}
