// An audit entry that cannot be written (here: a full disk) is said in the header, and the
// action it describes still runs to its end; nothing is left hanging or crashes the deck.
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { keys, renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';
import { auditLogPath, createAuditLog } from '../../src/services/audit/audit-log.js';
import type { DeckStore } from '../../src/store/create-deck-store.js';

let root: string | undefined;
afterEach(async () => {
  cleanup();
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

async function deckOnFullDisk() {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-audit-deck-'));
  await mkdir(path.dirname(auditLogPath(root)), { recursive: true });
  await symlink('/dev/full', auditLogPath(root));
  const wiring: { store?: DeckStore } = {};
  // The deck's wiring (run-deck.tsx): a failed entry becomes a failing "audit log" source.
  const audit = createAuditLog({
    root,
    who: 'maya',
    onFailure: (message) => wiring.store?.getState().sourceFailed('audit log', message),
  });
  const platform = memoryPlatform();
  const deck = await renderDeck({ platform, audit });
  wiring.store = deck.store;
  Object.defineProperty(deck.stdout, 'columns', { value: 220, configurable: true });
  deck.stdout.emit('resize');
  await waitForFrame(deck.lastFrame, 'production');
  return { ...deck, platform };
}

describe('an audit log that cannot be written', () => {
  it('a deploy from the deck still finishes, and the header says the entry was not recorded', async () => {
    const deck = await deckOnFullDisk();
    deck.stdin.write('2');
    await waitFor(() => deck.store.getState().focus === 'environments', 'focus on environments');
    deck.stdin.write('d');
    await waitForFrame(deck.lastFrame, 'which branch?');
    deck.stdin.write(keys.enter);
    await waitForFrame(deck.lastFrame, '✓ deploy done');
    expect(deck.platform.calls).toEqual(['deploy box-1 main']);
    const frame = await waitForFrame(deck.lastFrame, 'audit log: not recorded: deploy box-1 succeeded');
    expect(frame).toContain('ENOSPC');
  });

  it('a release followed from before the deck started finishes without an unhandled rejection', async () => {
    const deck = await deckOnFullDisk();
    const staging = deck.platform.envs[1]!;
    staging.pendingRelease = { ...staging.release!, id: 'r6', version: 6, status: 'pending', current: false };
    await deck.store.getState().refreshEnvironments();
    deck.store.getState().resumePendingReleases();
    await waitFor(() => deck.store.getState().operations.staging?.state === 'succeeded', 'the release followed');
    await waitForFrame(deck.lastFrame, 'audit log: not recorded: deploy staging');
  });
});
