// The README is the user's manual; it must list every key the deck answers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEY_BINDINGS } from '../src/screens/keymap.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every key of the key table', () => {
    const missing = KEY_BINDINGS.flatMap((b) => b.label.split(' / ')).filter((key) => !readme.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });

  it('starts with the two commands', () => {
    const top = readme.slice(0, 800);
    expect(top).toContain('npm install');
    expect(top).toContain('npm start');
    expect(top).toContain('npm test');
  });
});
