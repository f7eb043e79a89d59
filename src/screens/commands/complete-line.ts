// Tab completion for the `:` line: command names first, then each argument by what that
// command expects there (environments, tickets, process types…). Pure.
import type { LineCommand } from './command.js';

export interface CompletionSources {
  commands: readonly LineCommand[];
  /** Key command ids, also runnable as `:id`. */
  commandIds: readonly string[];
  environments: readonly string[];
  tickets: readonly string[];
  /** Process types and dyno names of an environment. */
  processes(env: string): readonly string[];
  sources: readonly string[];
}

export interface Completion {
  value: string;
  /** The candidates when more than one fits (shown under the line). */
  options: string[];
}

const FIXED: Record<string, readonly string[]> = {
  'on-off': ['on', 'off'],
  duration: ['15m', '1h', '4h', '24h'],
  period: ['7d', '30d', '90d', '12w'],
};

export function completeLine(value: string, sources: CompletionSources): Completion {
  const words = value.split(/\s+/);
  if (words[0] === '') words.shift();
  const current = words.pop() ?? '';
  const candidates = candidatesFor(words, sources);
  const matches = candidates.filter((c) => c.startsWith(current));
  if (matches.length === 0) return { value, options: [] };
  const prefix = value.slice(0, value.length - current.length);
  if (matches.length === 1) return { value: `${prefix}${matches[0]} `, options: [] };
  return { value: `${prefix}${commonPrefix(matches)}`, options: matches };
}

function candidatesFor(before: readonly string[], sources: CompletionSources): readonly string[] {
  if (before.length === 0)
    return [...new Set([...sources.commands.flatMap((c) => c.names), ...sources.commandIds])].sort();
  const command = sources.commands.find((c) => c.names.includes(before[0]!));
  const kind = command?.complete?.[before.length - 1] ?? command?.complete?.[command.complete.length - 1];
  if (!command || !kind || (before.length > (command.complete?.length ?? 0) && kind !== 'process')) return [];
  switch (kind) {
    case 'environment':
      return sources.environments;
    case 'ticket':
      return sources.tickets;
    case 'process':
      return before[1] ? sources.processes(before[1]) : [];
    case 'source':
      return sources.sources;
    case 'release':
      return [];
    default:
      return FIXED[kind] ?? [];
  }
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
