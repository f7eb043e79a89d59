// Key presses as names ("d", "D", "Ctrl+D", "Enter", "Shift+Tab", "Up"): the command
// table, `keys:` in dynodeck.yml, the footer and the help all speak this one notation.
import type { Key } from 'ink';

/** Named keys, as written in dynodeck.yml and shown in the help. */
const NAMED = [
  'Enter',
  'Esc',
  'Tab',
  'Shift+Tab',
  'Backspace',
  'Up',
  'Down',
  'Left',
  'Right',
  'PgUp',
  'PgDn',
  'Home',
  'End',
  'Space',
] as const;

/** Other spellings users write for the same keys. */
const ALIASES: Record<string, string> = {
  return: 'Enter',
  escape: 'Esc',
  '↑': 'Up',
  '↓': 'Down',
  '←': 'Left',
  '→': 'Right',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  backtab: 'Shift+Tab',
  // Ink reports the Backspace key (DEL, 0x7f) as `delete`, like the Delete key; both edit the same way.
  delete: 'Backspace',
  del: 'Backspace',
};

const SHOWN: Record<string, string> = { Up: '↑', Down: '↓', Left: '←', Right: '→' };

/** The name of one key press, or undefined for keys the deck never binds (Alt+x, function keys). */
export function keyName(input: string, key: Key): string | undefined {
  if (key.tab) return key.shift ? 'Shift+Tab' : 'Tab';
  if (key.return) return 'Enter';
  if (key.escape && !input) return 'Esc';
  if (key.escape) return undefined; // Alt+x arrives as ESC + x
  if (key.upArrow) return 'Up';
  if (key.downArrow) return 'Down';
  if (key.leftArrow) return 'Left';
  if (key.rightArrow) return 'Right';
  if (key.pageUp) return 'PgUp';
  if (key.pageDown) return 'PgDn';
  if (key.home) return 'Home';
  if (key.end) return 'End';
  if (key.backspace || key.delete) return 'Backspace';
  if (key.meta) return undefined;
  if (key.ctrl) return /^[a-z]$/i.test(input) ? `Ctrl+${input.toUpperCase()}` : undefined;
  if (input === ' ') return 'Space';
  return [...input].length === 1 && input >= ' ' ? input : undefined;
}

/**
 * Reads a key as a user writes it in dynodeck.yml (`D`, `ctrl+f`, `PgDn`, `↑`); the
 * canonical name, or undefined when it is not a key.
 */
export function parseKeyName(text: string): string | undefined {
  if (text === ' ') return 'Space';
  const trimmed = text.trim();
  if (ALIASES[trimmed]) return ALIASES[trimmed];
  if ([...trimmed].length === 1) return trimmed > ' ' ? trimmed : undefined;
  const ctrl = /^(?:ctrl|control|c)[+-]([a-z])$/i.exec(trimmed);
  if (ctrl) return `Ctrl+${ctrl[1]!.toUpperCase()}`;
  const lower = trimmed.toLowerCase();
  if (ALIASES[lower]) return ALIASES[lower];
  return NAMED.find((n) => n.toLowerCase() === lower);
}

/** How a key name is shown to the user (arrows as arrows). */
export function showKey(name: string): string {
  return SHOWN[name] ?? name;
}

const NO_MODIFIERS = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} satisfies Key;

export const NO_KEY: Key = NO_MODIFIERS;

/**
 * One chunk of terminal input as single key presses: keys typed fast, held down or sent
 * by tmux can arrive together ("jj\r"), and each must reach the pane or dialog on its own.
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  const plain = input.length > 1 && !input.includes('\u001b') && !key.ctrl && !key.meta;
  if (!plain) return [[input, key]];
  return [...input].map((ch): [string, Key] =>
    ch === '\r' || ch === '\n'
      ? ['', { ...NO_MODIFIERS, return: true }]
      : ch === '\t'
        ? ['', { ...NO_MODIFIERS, tab: true }]
        : ch === '\u007f' || ch === '\b'
          ? ['', { ...NO_MODIFIERS, backspace: true }]
          : [ch, { ...NO_MODIFIERS, shift: ch !== ch.toLowerCase() }],
  );
}
