// Whether `dynodeck demo` must set the demo up before the deck takes the screen: only when
// the engine's ledger does not already have a current release on staging and production
// (then the engine brings them back by itself and the deck opens beside it).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { recordedLive } from '../../src/cli/demo-bootstrap.js';
import { newAppRecord, wantedApps } from '../../src/engine/platform/app-setup.js';
import type { AppRecord } from '../../src/engine/state/engine-state.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-demo-bootstrap-'));
  await writeFile(path.join(dir, 'dynodeck.yml'), 'project: shop\nplatform:\n  kind: local\n  boxes: 1\n');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const NOW = '2026-12-02T10:00:00.000Z';

/** An app of the ledger, with a succeeded current release when `live`. */
async function app(env: string, live: boolean): Promise<AppRecord> {
  const { config } = await loadConfig({ cwd: dir });
  const wanted = wantedApps(config.project, config.platform!).find((w) => w.env === env)!;
  const record = newAppRecord(wanted, 40_000, NOW);
  if (!live) return record;
  const release = {
    id: `${env}-v1`,
    version: 1,
    slugId: null,
    status: 'succeeded',
    description: 'Deploy',
    outputId: null,
    user: 'me@localhost',
    createdAt: NOW,
    updatedAt: NOW,
  };
  return { ...record, releases: [release], currentReleaseId: release.id } as AppRecord;
}

async function writeLedger(pending: Array<Promise<AppRecord>>) {
  const apps = await Promise.all(pending);
  await mkdir(path.join(dir, '.dynodeck', 'engine'), { recursive: true });
  const state = {
    version: 1,
    pipeline: { id: 'p', name: 'shop', createdAt: NOW },
    apps,
    slugs: {},
    builds: {},
    sources: {},
    promotions: {},
  };
  await writeFile(path.join(dir, '.dynodeck', 'engine', 'state.json'), JSON.stringify(state));
}

describe('the demo before the deck opens', () => {
  it('is set up first when the engine has no ledger yet (a first run)', async () => {
    expect(recordedLive(await loadConfig({ cwd: dir }))).toBe(false);
  });

  it('is set up first when only staging has a current release', async () => {
    await writeLedger([app('box-1', false), app('staging', true), app('production', false)]);
    expect(recordedLive(await loadConfig({ cwd: dir }))).toBe(false);
  });

  it('comes back on its own when staging and production both have a current release', async () => {
    await writeLedger([app('box-1', false), app('staging', true), app('production', true)]);
    expect(recordedLive(await loadConfig({ cwd: dir }))).toBe(true);
  });
});
