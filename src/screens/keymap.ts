// Every key the deck answers, in one table: the input handler, the footer, the `?`
// overlay and the README all read from here, so they cannot drift apart.
import type { Key } from 'ink';
import type { PaneId } from '../store/ui-slice.js';

export type DeckAction =
  | 'quit'
  | 'focus-next'
  | 'focus-prev'
  | 'focus-tickets'
  | 'focus-environments'
  | 'focus-logs'
  | 'focus-alerts'
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'first'
  | 'last'
  | 'open'
  | 'back'
  | 'help'
  | 'env-deploy'
  | 'env-promote'
  | 'env-scale'
  | 'env-restart'
  | 'env-rollback'
  | 'env-logs'
  | 'env-maintenance'
  | 'alert-ack'
  | 'alert-silence';

export type KeyScope = 'global' | 'lists' | 'overlay' | PaneId;

export interface KeyBinding {
  /** As shown to the user. */
  label: string;
  action: DeckAction;
  description: string;
  scope: KeyScope;
  /** Shown in the footer (short form); the rest are only in `?`. */
  footer?: string;
  /** The key as the footer shows it, when shorter than `label`. */
  footerLabel?: string;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  {
    label: 'Tab',
    action: 'focus-next',
    description: 'focus the next pane',
    scope: 'global',
    footer: 'pane',
    footerLabel: 'Tab/1-4',
  },
  { label: 'Shift+Tab', action: 'focus-prev', description: 'focus the previous pane', scope: 'global' },
  { label: '1', action: 'focus-tickets', description: 'focus Tickets', scope: 'global' },
  { label: '2', action: 'focus-environments', description: 'focus Environments', scope: 'global' },
  { label: '3', action: 'focus-logs', description: 'focus Logs', scope: 'global' },
  { label: '4', action: 'focus-alerts', description: 'focus Alerts', scope: 'global' },
  { label: '?', action: 'help', description: 'show or hide this list of keys', scope: 'global', footer: 'help' },
  { label: 'q', action: 'quit', description: 'quit (environments keep running)', scope: 'global', footer: 'quit' },
  { label: 'Ctrl+C', action: 'quit', description: 'quit', scope: 'global' },
  {
    label: 'j / ↓',
    action: 'down',
    description: 'select the next row',
    scope: 'lists',
    footer: 'move',
    footerLabel: 'j/k',
  },
  { label: 'k / ↑', action: 'up', description: 'select the previous row', scope: 'lists' },
  { label: 'g / Home', action: 'first', description: 'select the first row', scope: 'lists' },
  { label: 'G / End', action: 'last', description: 'select the last row', scope: 'lists' },
  { label: 'Ctrl+D / PgDn', action: 'page-down', description: 'move down a page', scope: 'lists' },
  { label: 'Ctrl+U / PgUp', action: 'page-up', description: 'move up a page', scope: 'lists' },
  { label: 'Enter', action: 'open', description: 'open the selected row in detail', scope: 'lists', footer: 'open' },
  {
    label: 'd',
    action: 'env-deploy',
    description: 'deploy: a box picks a branch, staging takes the main branch, production promotes staging',
    scope: 'environments',
    footer: 'deploy',
  },
  {
    label: 'p',
    action: 'env-promote',
    description: 'promote the release to the next stage',
    scope: 'environments',
    footer: 'promote',
  },
  {
    label: 's',
    action: 'env-scale',
    description: 'scale dialog, filled with the current formation',
    scope: 'environments',
    footer: 'scale',
  },
  {
    label: '+',
    action: 'env-scale',
    description: 'one more process of the chosen type (← → choose the type)',
    scope: 'environments',
  },
  { label: '-', action: 'env-scale', description: 'one process fewer of the chosen type', scope: 'environments' },
  { label: '← / →', action: 'env-scale', description: 'choose the process type + and - act on', scope: 'environments' },
  {
    label: 'r',
    action: 'env-restart',
    description: 'restart every process or one type',
    scope: 'environments',
    footer: 'restart',
  },
  {
    label: 'R',
    action: 'env-rollback',
    description: 'roll back to an earlier release',
    scope: 'environments',
    footer: 'rollback',
  },
  {
    label: 'm',
    action: 'env-maintenance',
    description: 'maintenance mode on or off (confirmed like other actions on that stage)',
    scope: 'environments',
  },
  {
    label: 'l',
    action: 'env-logs',
    description: 'tail this environment in the Logs pane',
    scope: 'environments',
    footer: 'logs',
  },
  {
    label: 'a',
    action: 'alert-ack',
    description: 'acknowledge the selected alert (it stays until it resolves, without notifying again)',
    scope: 'alerts',
    footer: 'ack',
  },
  {
    label: 'x',
    action: 'alert-silence',
    description: 'silence the selected alert for 15 min, 1 h, 4 h or 24 h',
    scope: 'alerts',
    footer: 'silence',
  },
  { label: 'y / n', action: 'back', description: 'confirm or cancel an action on staging', scope: 'overlay' },
  {
    label: 'Esc',
    action: 'back',
    description: 'close the detail view or this list',
    scope: 'overlay',
    footer: 'close',
  },
  {
    label: 'j / k',
    action: 'down',
    description: 'scroll the detail view',
    scope: 'overlay',
    footer: 'scroll',
    footerLabel: 'j/k',
  },
  // Logs pane (handled by logs-keys.ts before the keys above).
  { label: 'f', action: 'last', description: 'follow the newest line, or pause', scope: 'logs', footer: 'follow' },
  {
    label: '/',
    action: 'open',
    description: 'filter: show only lines matching a regex (case-insensitive; !re hides them)',
    scope: 'logs',
    footer: 'filter',
  },
  {
    label: '\\',
    action: 'open',
    description: 'search: highlight matches and keep every line',
    scope: 'logs',
    footer: 'search',
  },
  {
    label: 'n / N',
    action: 'down',
    description: 'next / previous search match (pauses follow)',
    scope: 'logs',
    footer: 'match',
    footerLabel: 'n/N',
  },
  {
    label: 's',
    action: 'open',
    description: 'source: all, app, router, heroku, web, worker',
    scope: 'logs',
    footer: 'source',
  },
  { label: 'w', action: 'open', description: 'wrap long lines on or off', scope: 'logs', footer: 'wrap' },
  {
    label: 'j / k / ↑ / ↓',
    action: 'down',
    description: 'scroll a line (pauses follow; the end resumes it)',
    scope: 'logs',
  },
  { label: 'PgUp / PgDn', action: 'page-down', description: 'scroll a page (also Ctrl+U / Ctrl+D)', scope: 'logs' },
  { label: 'g / Home', action: 'first', description: 'oldest retained line', scope: 'logs' },
  { label: 'G / End', action: 'last', description: 'newest line, and follow again', scope: 'logs' },
  {
    label: 'Esc',
    action: 'back',
    description: 'clear the search, then the filter; in a prompt: cancel (an empty prompt clears)',
    scope: 'logs',
  },
  { label: 'Enter', action: 'open', description: 'in a prompt: apply the filter or search', scope: 'logs' },
];

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

/**
 * One chunk of terminal input as single key presses: keys typed fast, held down or sent
 * by tmux can arrive together ("jj\r"), and each must reach the pane or dialog on its own.
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  const plain = input.length > 1 && !input.includes('\u001b') && !key.ctrl && !key.meta;
  if (!plain) return [[input, key]];
  return [...input].map((ch): [string, Key] =>
    ch === '\r'
      ? ['', { ...NO_MODIFIERS, return: true }]
      : ch === '\t'
        ? ['', { ...NO_MODIFIERS, tab: true }]
        : ch === '\u007f'
          ? ['', { ...NO_MODIFIERS, backspace: true }]
          : [ch, { ...NO_MODIFIERS, shift: ch !== ch.toLowerCase() }],
  );
}

/** The actions in one chunk of terminal input, in order. */
export function actionsForInput(input: string, key: Key): DeckAction[] {
  return splitKeys(input, key).flatMap(([i, k]) => {
    const action = actionForKey(i, k);
    return action ? [action] : [];
  });
}

/** Which action a key press means; undefined when the deck does not use it. */
export function actionForKey(input: string, key: Key): DeckAction | undefined {
  if (key.ctrl && input === 'c') return 'quit';
  if (key.ctrl && input === 'd') return 'page-down';
  if (key.ctrl && input === 'u') return 'page-up';
  if (key.tab) return key.shift ? 'focus-prev' : 'focus-next';
  if (key.escape) return 'back';
  if (key.return) return 'open';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'page-up';
  if (key.pageDown) return 'page-down';
  if (key.home) return 'first';
  if (key.end) return 'last';
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case 'q':
      return 'quit';
    case '?':
      return 'help';
    case 'j':
      return 'down';
    case 'k':
      return 'up';
    case 'g':
      return 'first';
    case 'G':
      return 'last';
    case '1':
      return 'focus-tickets';
    case '2':
      return 'focus-environments';
    case '3':
      return 'focus-logs';
    case '4':
      return 'focus-alerts';
    default:
      return undefined;
  }
}

export const SCOPE_TITLES: Record<KeyScope, string> = {
  global: 'Everywhere',
  lists: 'In a pane',
  overlay: 'In a detail view or dialog',
  tickets: 'Tickets',
  environments: 'Environments',
  logs: 'Logs',
  alerts: 'Alerts',
};
