import { describe, expect, it } from 'vitest';
import { missingDeckFlags, opensTheDeck } from '../../bin/deck-node-flags.js';

describe('which command lines open the deck', () => {
  it('the bare command, deck and demo open it, with or without options', () => {
    expect(opensTheDeck([])).toBe(true);
    expect(opensTheDeck(['deck'])).toBe(true);
    expect(opensTheDeck(['demo', '--reset'])).toBe(true);
    expect(opensTheDeck(['--config', 'other.yml'])).toBe(true);
    expect(opensTheDeck(['--read-only', 'deck'])).toBe(true);
  });

  it('one-shot commands and help or version do not', () => {
    expect(opensTheDeck(['deploy', 'staging'])).toBe(false);
    expect(opensTheDeck(['engine', 'run'])).toBe(false);
    expect(opensTheDeck(['--config', 'deck', 'status'])).toBe(false);
    expect(opensTheDeck(['--version'])).toBe(false);
    expect(opensTheDeck(['demo', '--help'])).toBe(false);
  });

  it('asks only for the flags the process was not started with', () => {
    expect(missingDeckFlags([])).toEqual(['--no-memory-reducer', '--min-semi-space-size=2']);
    expect(missingDeckFlags(['--import', 'x.mjs', '--no-memory-reducer'])).toEqual(['--min-semi-space-size=2']);
    expect(missingDeckFlags(['--min-semi-space-size=2', '--no-memory-reducer'])).toEqual([]);
  });
});
