import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { environmentDetailLines } from '../../src/screens/present/environment-detail-lines.js';
import { createDeckStore, type DeckStore } from '../../src/store/create-deck-store.js';
import { createAuditLog } from '../../src/services/audit/audit-log.js';
import { memoryCodeHost, memoryTicketSource } from '../helpers/render-deck.js';
import { memoryPlatform, type MemoryPlatform } from '../helpers/memory-platform.js';
import { createFakeClock } from '../helpers/fake-clock.js';
import { waitFor } from '../helpers/wait-for-frame.js';

let root: string;
let platform: MemoryPlatform;
let store: DeckStore;
let gateRuns: string[];
let gatePasses: boolean;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-actions-'));
  platform = memoryPlatform();
  gateRuns = [];
  gatePasses = true;
  store = createDeckStore({
    project: 'shop',
    root,
    clock: createFakeClock(),
    services: {
      tickets: memoryTicketSource([]),
      code: memoryCodeHost(),
      platform,
      audit: createAuditLog({ root, who: 'maya' }),
      gate: {
        command: 'npm test',
        run: async ({ ref, onLine }) => {
          gateRuns.push(ref);
          if (ref === 'no-such-branch')
            return {
              ok: false,
              reason: '"no-such-branch" is not a branch, tag or commit',
              unknownRef: true,
              tail: [],
              durationMs: 1,
            };
          onLine('# fail 1');
          return gatePasses
            ? { ok: true, sha: 'a'.repeat(40), durationMs: 10 }
            : { ok: false, reason: 'tests failed (exit status 1) in aaaaaaa', tail: ['# fail 1'], durationMs: 10 };
        },
      },
    },
  });
  await store.getState().refreshEnvironments();
});
afterEach(() => rm(root, { recursive: true, force: true }));

const audit = async () =>
  (await readFile(path.join(root, '.dynodeck', 'audit.log'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('actions', () => {
  it('a deploy runs the test gate first, then the platform, and records both ends in the audit log', async () => {
    const lines: string[] = [];
    const outcome = await store.getState().deployEnvironment('box-1', { ref: 'bc-102', onLine: (l) => lines.push(l) });
    expect(outcome).toMatchObject({ ok: true, release: { version: 6 } });
    expect(gateRuns).toEqual(['bc-102']);
    expect(platform.calls).toEqual(['deploy box-1 bc-102']);
    expect(lines).toContain('tests │ # fail 1');
    expect(store.getState().operations['box-1']).toMatchObject({
      kind: 'deploy',
      state: 'succeeded',
      steps: ['tests', 'build', 'release phase', 'boot'],
    });
    expect((await audit()).map((e) => `${e.what} ${e.target} ${e.result}`)).toEqual([
      'deploy box-1 started',
      'deploy box-1 succeeded',
    ]);
  });

  it('a failing test gate stops the deploy with its reason and nothing reaches the platform', async () => {
    gatePasses = false;
    const outcome = await store.getState().deployEnvironment('staging');
    expect(outcome).toMatchObject({
      ok: false,
      stoppedBy: 'gate',
      reason: 'stopped by the test gate: tests failed (exit status 1) in aaaaaaa',
    });
    expect(platform.calls).toEqual([]);
    expect(store.getState().operations.staging).toMatchObject({
      state: 'failed',
      step: 1,
      reason: expect.stringContaining('test gate'),
    });
    // The gate's output stays with the environment (its detail), whichever environment the Logs pane shows.
    expect(store.getState().operations.staging!.output).toContain('tests │ # fail 1');
    const detail = environmentDetailLines(
      store.getState().environments.find((e) => e.name === 'staging')!,
      undefined,
      store.getState().operations.staging!.finishedAt! + 3000,
      undefined,
      undefined,
      store.getState().operations.staging,
      60,
    ).map((l) => l.text);
    const at = detail.findIndex((l) => l.startsWith('Last deploy: failed'));
    expect(detail.slice(at, at + 4)).toEqual([
      'Last deploy: failed 3s ago',
      '  stopped by the test gate: tests failed (exit status 1) in',
      '  aaaaaaa',
      expect.stringMatching(/^ {2}│ .*running the test gate: npm test/),
    ]);
    expect(detail).toContain('  │ tests │ # fail 1');
    expect((await audit()).at(-1)).toMatchObject({
      what: 'deploy',
      result: 'failed',
      detail: { reason: expect.stringContaining('test gate') },
    });
  });

  it('a ref that names nothing is said as such, not as the test gate stopping it', async () => {
    const outcome = await store.getState().deployEnvironment('box-1', { ref: 'no-such-branch' });
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'nothing deployed: "no-such-branch" is not a branch, tag or commit',
    });
    expect(platform.calls).toEqual([]);
  });

  it('--skip-tests skips the gate and says so in the audit log', async () => {
    await store.getState().deployEnvironment('staging', { skipTests: true, via: 'cli' });
    expect(gateRuns).toEqual([]);
    expect((await audit())[0]).toMatchObject({ detail: { skipTests: true, via: 'cli' } });
  });

  it('a deploy, promotion or rollback forced over a deployment in progress says so at both ends of the audit log', async () => {
    await store.getState().deployEnvironment('staging', { force: true, via: 'cli' });
    await store.getState().promoteEnvironment('staging', 'production', { force: true });
    await store.getState().rollbackEnvironment('staging', 'v4', { force: true });
    await store.getState().rollbackEnvironment('staging', 'v4');
    expect(
      (await audit()).map((e) => `${e.what} ${e.result} ${(e.detail as { force?: boolean }).force ?? '-'}`),
    ).toEqual([
      'deploy started true',
      'deploy succeeded true',
      'promote started true',
      'promote succeeded true',
      'rollback started true',
      'rollback succeeded true',
      'rollback started -',
      'rollback succeeded -',
    ]);
  });

  it('production is never deployed directly: it is promoted', async () => {
    expect(await store.getState().deployEnvironment('production')).toMatchObject({ ok: false, stoppedBy: 'refused' });
    expect(await store.getState().promoteEnvironment('staging')).toMatchObject({ ok: true });
    expect(platform.calls).toEqual(['promote staging production']);
  });

  it('scale refuses a process type the environment does not have', async () => {
    expect(await store.getState().scaleEnvironment('box-1', { clock: 1 })).toMatchObject({
      ok: false,
      reason: 'box-1 has no process type clock (it has web, worker)',
    });
    expect(await store.getState().scaleEnvironment('box-1', { web: 3 })).toMatchObject({ ok: true });
    expect(platform.calls).toEqual(['scale box-1 web=3']);
  });

  it('rollback without a release goes to the one before the current that succeeded', async () => {
    await store.getState().rollbackEnvironment('staging');
    expect(platform.calls).toEqual(['rollback staging v4']);
  });

  it('a release already pending when the deck starts is followed to its end, once', async () => {
    platform.envs[1]!.pendingRelease = {
      id: 'r9',
      version: 9,
      status: 'pending',
      description: 'Deploy 1234567',
      user: 'sam@example.com',
      createdAt: 0,
      current: false,
    };
    await store.getState().refreshEnvironments();
    store.getState().resumePendingReleases();
    store.getState().resumePendingReleases();
    await waitFor(() => store.getState().operations.staging?.state === 'succeeded', 'the resumed deploy to finish');
    expect(platform.calls).toEqual(['follow staging r9']);
    expect((await audit())[0]).toMatchObject({
      what: 'deploy',
      target: 'staging',
      detail: { resumed: true, release: 'v9' },
    });
  });

  it('maintenance mode goes through the platform and the audit log', async () => {
    expect(await store.getState().setMaintenanceMode('staging', true)).toMatchObject({ ok: true });
    expect(platform.calls).toEqual(['maintenance staging on']);
    expect(store.getState().operations.staging).toMatchObject({ state: 'succeeded', detail: 'on' });
    expect((await audit()).at(-1)).toMatchObject({ what: 'maintenance', detail: { maintenance: true } });
  });

  it('the audit log never holds a token', async () => {
    await createAuditLog({ root, who: 'maya' }).write({
      what: 'deploy',
      target: 'x',
      result: 'started',
      detail: { token: 'abc', apiKey: 'k', ref: 'main' },
    });
    const last = (await audit()).at(-1);
    expect(last?.detail).toEqual({ ref: 'main' });
  });
});
