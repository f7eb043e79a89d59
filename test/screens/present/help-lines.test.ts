import { describe, expect, it } from 'vitest';
import { helpLines, keyLabel } from '../../../src/screens/present/help-lines.js';
import { createCommandTable } from '../../../src/screens/commands/command-table.js';
import { LINE_COMMANDS } from '../../../src/screens/commands/line-commands.js';

describe('the ? list', () => {
  it('shows a run of digits as a range, other keys one by one', () => {
    expect(keyLabel(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])).toBe('0-9');
    expect(keyLabel(['1', '2'])).toBe('1 / 2');
    expect(keyLabel(['j', 'k'])).toBe('j / k');
  });

  it('keeps a space between every key label and its description, however long the label', () => {
    const lines = helpLines(createCommandTable(), LINE_COMMANDS).map((l) => l.text);
    expect(lines.find((l) => l.includes('(dialog.count)'))).toMatch(/^ {2}0-9 +scale dialog: /);
    const table = createCommandTable();
    for (const c of table.commands.filter((c) => c.keys.length > 0)) {
      const line = lines.find((l) => l.endsWith(`(${c.id})`))!;
      expect(line, c.id).toMatch(new RegExp(`^ {2}${escape(keyLabel(c.keys))} +\\S`));
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
