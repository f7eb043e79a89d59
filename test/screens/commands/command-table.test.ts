import { describe, expect, it } from 'vitest';
import {
  checkKeyOverrides,
  COMMANDS,
  createCommandTable,
  keyClashes,
} from '../../../src/screens/commands/command-table.js';
import type { Command } from '../../../src/screens/commands/command.js';
import { keyName, parseKeyName, splitKeys, NO_KEY } from '../../../src/screens/commands/key-names.js';

describe('the command table', () => {
  it('has a unique id, a title and a description for every command', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of COMMANDS) {
      expect(c.title.trim(), c.id).not.toBe('');
      expect(c.description.trim().length, c.id).toBeGreaterThan(8);
      for (const key of c.keys) expect(parseKeyName(key), `${c.id}: ${key}`).toBe(key);
    }
  });

  it('gives no key to two commands that can be active at once', () => {
    expect(keyClashes(COMMANDS)).toEqual([]);
  });

  it('finds a clash between two commands of one scope, and between a pane and the global scope', () => {
    const noop = () => undefined;
    const a: Command = { id: 'a', title: 'a', description: 'first one', keys: ['x'], scope: 'logs', run: noop };
    const b: Command = { id: 'b', title: 'b', description: 'second one', keys: ['x'], scope: 'logs', run: noop };
    const g: Command = { id: 'g', title: 'g', description: 'global one', keys: ['x'], scope: 'global', run: noop };
    expect(keyClashes([a, b])).toHaveLength(1);
    expect(keyClashes([a, g])).toHaveLength(1);
    const other: Command = { ...b, scope: 'alerts' };
    expect(keyClashes([a, other])).toEqual([]);
  });

  it('dispatches the most specific scope first: s scales in Environments and cycles sources in Logs', () => {
    const table = createCommandTable();
    expect(table.commandFor('environments', 's')?.id).toBe('scale');
    expect(table.commandFor('logs', 's')?.id).toBe('logs.source');
    expect(table.commandFor('tickets', 'j')?.id).toBe('select.down');
    expect(table.commandFor('logs', 'j')?.id).toBe('logs.down');
    expect(table.commandFor('dialog', 'q')).toBeUndefined();
    expect(table.commandFor('overlay', 'q')?.id).toBe('quit');
  });
});

describe('remapped keys', () => {
  it('replace the defaults', () => {
    const table = createCommandTable({ deploy: ['D'], 'logs.follow': ['F', 'ctrl+f'] });
    expect(table.commandFor('environments', 'D')?.id).toBe('deploy');
    expect(table.commandFor('environments', 'd')).toBeUndefined();
    expect(table.commandFor('logs', 'F')?.id).toBe('logs.follow');
    expect(table.byId('logs.follow')?.keys).toEqual(['F', 'Ctrl+F']);
  });

  it('are refused for an unknown id (with a suggestion), a non-key, a fixed command and a clash', () => {
    expect(checkKeyOverrides({ deplo: ['D'] })).toEqual([
      { id: 'deplo', message: 'no command "deplo" (did you mean "deploy"?)' },
    ]);
    expect(checkKeyOverrides({ deploy: ['Hyper+Q'] })[0]?.message).toMatch(/"Hyper\+Q" is not a key/);
    expect(checkKeyOverrides({ interrupt: ['x'] })[0]?.message).toBe('interrupt cannot be remapped');
    expect(checkKeyOverrides({ deploy: ['p'] })).toEqual([
      { id: 'deploy', message: "p is already promote's key (Environments)" },
    ]);
    expect(checkKeyOverrides({ deploy: ['q'] })).toEqual([
      { id: 'deploy', message: "q is already quit's key (Everywhere)" },
    ]);
    // Moving both is fine.
    expect(checkKeyOverrides({ deploy: ['p'], promote: ['P'] })).toEqual([]);
  });
});

describe('key names', () => {
  it('name key presses as the table writes them', () => {
    expect(keyName('d', NO_KEY)).toBe('d');
    expect(keyName('D', { ...NO_KEY, shift: true })).toBe('D');
    expect(keyName('d', { ...NO_KEY, ctrl: true })).toBe('Ctrl+D');
    expect(keyName('', { ...NO_KEY, tab: true, shift: true })).toBe('Shift+Tab');
    expect(keyName('', { ...NO_KEY, upArrow: true })).toBe('Up');
    expect(keyName('', { ...NO_KEY, escape: true, meta: true })).toBe('Esc');
    expect(keyName('x', { ...NO_KEY, meta: true })).toBeUndefined(); // Alt+x is never bound
    expect(keyName('', { ...NO_KEY, delete: true })).toBe('Backspace'); // Ink's name for DEL
  });

  it('read the spellings users write in dynodeck.yml', () => {
    expect(parseKeyName('ctrl+f')).toBe('Ctrl+F');
    expect(parseKeyName('C-b')).toBe('Ctrl+B');
    expect(parseKeyName('pagedown')).toBe('PgDn');
    expect(parseKeyName('↑')).toBe('Up');
    expect(parseKeyName('escape')).toBe('Esc');
    expect(parseKeyName('F13')).toBeUndefined();
  });

  it('split a chunk of keys typed together, Enter included', () => {
    expect(splitKeys('jjG\r', NO_KEY).map(([i, k]) => keyName(i, k))).toEqual(['j', 'j', 'G', 'Enter']);
  });
});
