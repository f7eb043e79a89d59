// The Tickets pane's own commands (beyond moving and opening, which every list has).
import type { Command } from './command.js';

export const TICKET_COMMANDS: readonly Command[] = [];
