// The `?` view's lines, built from the command table (with the keys in use) and the `:` words.
import type { CommandTable } from '../commands/command-table.js';
import { SCOPE_TITLES } from '../commands/command-table.js';
import type { CommandScope, LineCommand } from '../commands/command.js';
import { showKey } from '../commands/key-names.js';
import type { DetailLine } from './ticket-detail-lines.js';

const ORDER: CommandScope[] = [
  'global',
  'lists',
  'tickets',
  'environments',
  'logs',
  'alerts',
  'overlay',
  'dialog',
  'prompt',
];

/** The keys of a command as the list shows them; a run of three or more digits as a range ("0-9"). */
export function keyLabel(keys: readonly string[]): string {
  const digits = keys.every((k) => /^\d$/.test(k)) ? keys.map(Number) : [];
  if (digits.length >= 3 && digits.every((d, i) => i === 0 || d === digits[i - 1]! + 1))
    return `${digits[0]}-${digits.at(-1)}`;
  return keys.map(showKey).join(' / ');
}

export function helpLines(table: CommandTable, lineCommands: readonly LineCommand[], readOnly?: string): DetailLine[] {
  const lines: DetailLine[] = [];
  if (readOnly)
    lines.push(
      { text: `READ-ONLY: ${readOnly}; commands that change an environment are off.`, style: 'warning' },
      { text: '', style: 'plain' },
    );
  const labelWidth = Math.min(24, Math.max(...table.commands.map((c) => keyLabel(c.keys).length)) + 2);
  for (const scope of ORDER) {
    const commands = table.commands.filter((c) => c.scope === scope && c.keys.length > 0);
    if (commands.length === 0) continue;
    if (lines.length) lines.push({ text: '', style: 'plain' });
    lines.push({ text: SCOPE_TITLES[scope], style: 'heading' });
    for (const c of commands)
      lines.push({ text: `  ${`${keyLabel(c.keys)} `.padEnd(labelWidth)}${c.description}  (${c.id})`, style: 'plain' });
  }
  lines.push({ text: '', style: 'plain' }, { text: 'The : line', style: 'heading' });
  const usageWidth = Math.max(...lineCommands.map((c) => c.usage.length)) + 2;
  for (const c of lineCommands) lines.push({ text: `  ${c.usage.padEnd(usageWidth)}${c.description}`, style: 'plain' });
  lines.push({ text: '  :<command id>  runs any command above by its id, e.g. :zoom', style: 'plain' });
  lines.push({ text: '', style: 'plain' });
  lines.push({ text: 'Esc or ? closes this list. Keys can be remapped with keys: in dynodeck.yml.', style: 'muted' });
  return lines;
}
