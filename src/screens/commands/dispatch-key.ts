// One key press, from Ink to a command: typed text goes into an open prompt or a
// confirmation that wants a word; every other key is looked up in the command table for
// where the user is, and a disabled command says why in the footer instead of doing nothing.
import type { Key } from 'ink';
import type { DeckState } from '../../store/deck-state.js';
import type { CommandContext } from './command.js';
import type { CommandTable, InputMode } from './command-table.js';
import { typingConfirm } from './dialog-commands.js';
import { disabledReason } from './disabled-reason.js';
import { keyName } from './key-names.js';

export function inputMode(s: DeckState): InputMode {
  if (s.dialog) return 'dialog';
  if (s.commandLine || s.logPrompt) return 'prompt';
  if (s.overlay.kind !== 'none') return 'overlay';
  return s.focus;
}

/** Printable text only: a pasted escape sequence or control character is never typed. */
function typedText(input: string, key: Key): string | undefined {
  if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.backspace || key.delete) return undefined;
  const text = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return text || undefined;
}

function typeInto(s: DeckState, mode: InputMode, text: string): boolean {
  if (mode === 'prompt') {
    if (s.commandLine) s.editCommandLine(s.commandLine.value + text);
    else if (s.logPrompt) s.editLogPrompt(s.logPrompt.value + text);
    return true;
  }
  if (mode === 'dialog' && typingConfirm(s.dialog)) {
    s.typeInDialog(text);
    return true;
  }
  return false;
}

/** What a key did: ran a command, was refused (the footer says why), was typed, or nothing. */
export type KeyResult = { ran: string } | { refused: string; reason: string } | { typed: string } | undefined;

export function dispatchKey(
  input: string,
  key: Key,
  table: CommandTable,
  ctx: Omit<CommandContext, 'key' | 'table'>,
): KeyResult {
  const name = keyName(input, key);
  if (name === 'Ctrl+C') {
    ctx.quit(); // always, whatever is open
    return { ran: 'interrupt' };
  }
  const s = ctx.store.getState();
  s.clearMessage();
  const mode = inputMode(s);
  const text = typedText(input, key);
  if (text !== undefined && typeInto(s, mode, text)) return { typed: text };
  if (!name) return undefined;
  const command = table.commandFor(mode, name);
  if (!command) return undefined;
  const reason = disabledReason(command, s);
  if (reason) {
    s.showMessage(`${command.title}: ${reason}`, 'warning');
    return { refused: command.id, reason };
  }
  command.run({ ...ctx, key: name, table });
  return { ran: command.id };
}
