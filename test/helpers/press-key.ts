// Sends key presses through the deck's command table, as the App does, without Ink.
import type { Key } from 'ink';
import type { DeckStore } from '../../src/store/create-deck-store.js';
import { createCommandTable, type CommandTable } from '../../src/screens/commands/command-table.js';
import { dispatchKey, type KeyResult } from '../../src/screens/commands/dispatch-key.js';
import { NO_KEY, splitKeys } from '../../src/screens/commands/key-names.js';

export interface KeyPresser {
  (input: string, extra?: Partial<Key>): KeyResult;
  quits: number;
}

export function keyPresser(store: DeckStore, table: CommandTable = createCommandTable()): KeyPresser {
  const press = ((input: string, extra: Partial<Key> = {}) => {
    let last: KeyResult;
    for (const [i, k] of splitKeys(input, { ...NO_KEY, ...extra }))
      last = dispatchKey(i, k, table, {
        store,
        pageSize: 5,
        split: { topPercent: 50, topLeftPercent: 50, bottomLeftPercent: 66 },
        quit: () => void press.quits++,
      });
    return last;
  }) as KeyPresser;
  press.quits = 0;
  return press;
}
