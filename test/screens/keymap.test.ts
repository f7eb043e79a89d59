import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { actionForKey, actionsForInput, KEY_BINDINGS } from '../../src/screens/keymap.js';

const none: Key = {
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
};

describe('keys', () => {
  it('maps vim keys, arrows and Ctrl+C', () => {
    expect(actionForKey('j', none)).toBe('down');
    expect(actionForKey('', { ...none, upArrow: true })).toBe('up');
    expect(actionForKey('c', { ...none, ctrl: true })).toBe('quit');
    expect(actionForKey('', { ...none, tab: true, shift: true })).toBe('focus-prev');
    expect(actionForKey('x', none)).toBeUndefined();
  });

  it('keys that arrive in one chunk each count, Enter included', () => {
    expect(actionsForInput('jjG\r', none)).toEqual(['down', 'down', 'last', 'open']);
  });

  it('every action has a binding listed for the help view', () => {
    const listed = new Set(KEY_BINDINGS.map((b) => b.action));
    for (const action of [
      'quit',
      'focus-next',
      'focus-prev',
      'up',
      'down',
      'first',
      'last',
      'open',
      'back',
      'help',
      'page-up',
      'page-down',
    ] as const) {
      expect(listed.has(action)).toBe(true);
    }
  });
});
