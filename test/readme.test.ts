// The README is the user's manual; its key tables are the command table's, word for word.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCommandTable } from '../src/screens/commands/command-table.js';
import { LINE_COMMANDS } from '../src/screens/commands/line-commands.js';
import { keyTablesMarkdown } from '../src/screens/present/key-tables-markdown.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const START =
  '<!-- keys:start: made from the command table by `npm run docs:keys`; edit src/screens/commands/ instead -->';
const END = '<!-- keys:end -->';

describe('README', () => {
  it('has the key tables the command table makes (npm run docs:keys rewrites them)', () => {
    const expected = keyTablesMarkdown(createCommandTable(), LINE_COMMANDS);
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, `README.md needs the line ${START}`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const current = readme.slice(start + START.length, end).trim();
    if (process.env.UPDATE_README === '1' && current !== expected) {
      writeFileSync(file, `${readme.slice(0, start + START.length)}\n\n${expected}\n\n${readme.slice(end)}`);
      return;
    }
    expect(current).toBe(expected);
  });

  it('starts with the two commands', () => {
    const top = readme.slice(0, 800);
    expect(top).toContain('npm install');
    expect(top).toContain('npm start');
    expect(top).toContain('npm test');
  });
});
