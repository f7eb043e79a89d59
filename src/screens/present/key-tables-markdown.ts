// The README's key tables, made from the command table so the manual cannot drift from
// what the keys do (test/readme.test.ts compares; `npm run docs:keys` rewrites them).
import { SCOPE_TITLES, type CommandTable } from '../commands/command-table.js';
import type { CommandScope, LineCommand } from '../commands/command.js';
import { showKey } from '../commands/key-names.js';

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

const cell = (text: string) => text.replace(/\|/g, '\\|');
const code = (text: string) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

export function keyTablesMarkdown(table: CommandTable, lineCommands: readonly LineCommand[]): string {
  const out: string[] = [];
  for (const scope of ORDER) {
    const commands = table.commands.filter((c) => c.scope === scope && c.keys.length > 0);
    if (commands.length === 0) continue;
    out.push(`**${SCOPE_TITLES[scope]}**`, '', '| key | command id | what |', '|---|---|---|');
    for (const c of commands)
      out.push(`| ${cell(c.keys.map((k) => code(showKey(k))).join(' '))} | \`${c.id}\` | ${cell(c.description)} |`);
    out.push('');
  }
  out.push('**The `:` line**', '', '| command | what |', '|---|---|');
  for (const c of lineCommands) out.push(`| ${cell(code(c.usage))} | ${cell(c.description)} |`);
  out.push('| `:<command id>` | any command above by its id, e.g. `:zoom`, `:logs.wrap` |');
  return out.join('\n');
}
