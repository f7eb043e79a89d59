// Every command of the deck in one table, with the keys in use (defaults, or `keys:` from
// dynodeck.yml). Key dispatch, the footer, the help and the README read it.
import { closestMatch } from '../../config/did-you-mean.js';
import type { Command, CommandScope } from './command.js';
import { ALERT_COMMANDS } from './alerts-commands.js';
import { DIALOG_COMMANDS } from './dialog-commands.js';
import { ENVIRONMENT_COMMANDS } from './environment-commands.js';
import { parseKeyName } from './key-names.js';
import { LOGS_COMMANDS } from './logs-commands.js';
import { GLOBAL_COMMANDS, LIST_COMMANDS, OVERLAY_COMMANDS } from './navigation-commands.js';
import { promptCommands } from './prompt-commands.js';
import { submitCommandLine, completeCommandLine } from './run-line.js';
import { TICKET_COMMANDS } from './ticket-commands.js';

export const COMMANDS: readonly Command[] = [
  ...GLOBAL_COMMANDS,
  ...LIST_COMMANDS,
  ...OVERLAY_COMMANDS,
  ...TICKET_COMMANDS,
  ...ENVIRONMENT_COMMANDS,
  ...LOGS_COMMANDS,
  ...ALERT_COMMANDS,
  ...DIALOG_COMMANDS,
  ...promptCommands({ submitCommandLine, completeCommandLine }),
];

/** Where the user is decides which scopes' keys work, most specific first. */
export type InputMode = 'dialog' | 'prompt' | 'overlay' | 'tickets' | 'environments' | 'logs' | 'alerts';

export const ACTIVE_SCOPES: Record<InputMode, readonly CommandScope[]> = {
  dialog: ['dialog'],
  prompt: ['prompt'],
  overlay: ['overlay', 'global'],
  tickets: ['tickets', 'lists', 'global'],
  environments: ['environments', 'lists', 'global'],
  alerts: ['alerts', 'lists', 'global'],
  logs: ['logs', 'global'],
};

export const SCOPE_TITLES: Record<CommandScope, string> = {
  global: 'Everywhere',
  lists: 'In a pane',
  overlay: 'In a detail view or this list',
  dialog: 'In a dialog',
  prompt: 'In a prompt (filter, search, the : line)',
  tickets: 'Tickets',
  environments: 'Environments',
  logs: 'Logs',
  alerts: 'Alerts',
};

export interface CommandTable {
  commands: readonly Command[];
  /** The command a key runs in this mode, if any. */
  commandFor(mode: InputMode, key: string): Command | undefined;
  byId(id: string): Command | undefined;
}

/** `keys:` from dynodeck.yml: command id → its keys (replacing the defaults). */
export type KeyOverrides = Readonly<Record<string, readonly string[]>>;

export function createCommandTable(
  overrides: KeyOverrides = {},
  commands: readonly Command[] = COMMANDS,
): CommandTable {
  const effective = commands.map((c) =>
    overrides[c.id] ? { ...c, keys: overrides[c.id]!.map((k) => parseKeyName(k) ?? k) } : c,
  );
  const lookup = new Map<string, Command>();
  for (const mode of Object.keys(ACTIVE_SCOPES) as InputMode[])
    for (const scope of [...ACTIVE_SCOPES[mode]].reverse())
      for (const c of effective.filter((c) => c.scope === scope))
        for (const key of c.keys) lookup.set(`${mode} ${key}`, c);
  return {
    commands: effective,
    commandFor: (mode, key) => lookup.get(`${mode} ${key}`),
    byId: (id) => effective.find((c) => c.id === id),
  };
}

export interface KeyProblem {
  /** The command id under `keys:` the problem is about. */
  id: string;
  message: string;
}

/** What is wrong with `keys:` (unknown ids, keys that are not keys, clashes), in the user's words. */
export function checkKeyOverrides(overrides: KeyOverrides, commands: readonly Command[] = COMMANDS): KeyProblem[] {
  const problems: KeyProblem[] = [];
  const ids = commands.map((c) => c.id);
  for (const [id, keys] of Object.entries(overrides)) {
    const command = commands.find((c) => c.id === id);
    if (!command) {
      const near = closestMatch(id, ids);
      problems.push({ id, message: `no command "${id}"${near ? ` (did you mean "${near}"?)` : ''}` });
      continue;
    }
    if (command.fixed) problems.push({ id, message: `${id} cannot be remapped` });
    if (keys.length === 0) problems.push({ id, message: 'expected at least one key' });
    for (const key of keys)
      if (!parseKeyName(key))
        problems.push({ id, message: `"${key}" is not a key (a character, Ctrl+X, Enter, Esc, Tab, Up, PgDn…)` });
  }
  if (problems.length) return problems;
  problems.push(...keyClashes(createCommandTable(overrides, commands).commands, new Set(Object.keys(overrides))));
  return problems;
}

/** Keys claimed by two commands that can be active at once; `blame` says which ids to report them under. */
export function keyClashes(commands: readonly Command[], blame?: ReadonlySet<string>): KeyProblem[] {
  const problems: KeyProblem[] = [];
  const seen = new Set<string>();
  for (const scopes of Object.values(ACTIVE_SCOPES)) {
    const owner = new Map<string, Command>();
    for (const c of commands.filter((c) => scopes.includes(c.scope)))
      for (const key of c.keys) {
        const other = owner.get(key);
        if (other && other !== c) {
          const [a, b] = blame?.has(c.id) || !blame?.has(other.id) ? [c, other] : [other, c];
          const text = `${key} is already ${b.id}'s key (${SCOPE_TITLES[b.scope]})`;
          if (!seen.has(`${a.id} ${text}`)) problems.push({ id: a.id, message: text });
          seen.add(`${a.id} ${text}`);
        } else owner.set(key, c);
      }
  }
  return problems;
}
