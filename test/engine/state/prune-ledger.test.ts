// The ledger keeps each app's last releases' slugs (rollback targets) and a bounded
// history; what it forgets is named so its files can be deleted.
import { describe, expect, it } from 'vitest';
import type {
  AppRecord,
  BuildRecord,
  EngineStateData,
  ReleaseRecord,
  SlugRecord,
} from '../../../src/engine/state/engine-state.js';
import { pruneLedger, type PruneLimits } from '../../../src/engine/state/prune-ledger.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const LIMITS: PruneLimits = { releaseSlugs: 3, releaseRecords: 5, builds: 2, promotions: 1, sourceMs: HOUR };

function app(name: string, releases: ReleaseRecord[], current: number | null): AppRecord {
  return {
    id: `app-${name}`,
    name,
    env: name,
    stage: 'staging',
    couplingId: 'c',
    routerPort: 5000,
    maintenance: false,
    configVars: {},
    formation: {},
    releases,
    currentReleaseId: current === null ? null : `${name}-r${current}`,
    createdAt: at(0),
    updatedAt: at(0),
  };
}

function release(appName: string, version: number, status: ReleaseRecord['status'], slug: string): ReleaseRecord {
  return {
    id: `${appName}-r${version}`,
    version,
    slugId: slug,
    status,
    description: `Deploy ${version}`,
    outputId: `out-${appName}-r${version}`,
    user: 'u',
    createdAt: at(version),
    updatedAt: at(version),
  };
}

const slug = (id: string): SlugRecord => ({
  id,
  commit: null,
  dir: `/s/${id}`,
  processTypes: {},
  size: 1,
  createdAt: at(0),
});

function build(appName: string, n: number, status: BuildRecord['status'], releaseVersion: number | null): BuildRecord {
  return {
    id: `b-${appName}-${n}`,
    appId: `app-${appName}`,
    status,
    sourceUrl: `http://x/sources/src-${n}/blob`,
    version: null,
    outputId: `out-b-${appName}-${n}`,
    slugId: null,
    releaseId: releaseVersion === null ? null : `${appName}-r${releaseVersion}`,
    user: 'u',
    createdAt: at(n),
    updatedAt: at(n),
  };
}

function ledger(apps: AppRecord[], slugIds: string[], builds: BuildRecord[] = []): EngineStateData {
  return {
    version: 1,
    pipeline: { id: 'p', name: 'shop', createdAt: at(0) },
    apps,
    slugs: Object.fromEntries(slugIds.map((id) => [id, slug(id)])),
    builds: Object.fromEntries(builds.map((b) => [b.id, b])),
    sources: {},
    promotions: {},
  };
}

describe('pruning the ledger', () => {
  it("keeps the slugs of each app's last releases and forgets older ones with their release output", () => {
    const releases = [1, 2, 3, 4, 5].map((v) => release('staging', v, 'succeeded', `slug-${v}`));
    const d = ledger([app('staging', releases, 5)], ['slug-1', 'slug-2', 'slug-3', 'slug-4', 'slug-5']);
    const pruned = pruneLedger(d, T0, LIMITS);
    expect(Object.keys(d.slugs).sort()).toEqual(['slug-3', 'slug-4', 'slug-5']);
    expect(pruned.slugIds.sort()).toEqual(['slug-1', 'slug-2']);
    // The older releases stay as history, without an output to point at.
    expect(d.apps[0]!.releases.map((r) => `v${r.version}:${r.outputId ? 'output' : '-'}`)).toEqual([
      'v1:-',
      'v2:-',
      'v3:output',
      'v4:output',
      'v5:output',
    ]);
    expect(pruned.outputIds.sort()).toEqual(['out-staging-r1', 'out-staging-r2']);
  });

  it('never forgets the current release, however many failed after it, nor one in progress', () => {
    const releases = [
      release('staging', 1, 'succeeded', 'slug-1'),
      ...[2, 3, 4, 5, 6, 7].map((v) => release('staging', v, 'failed', `slug-${v}`)),
      release('staging', 8, 'pending', 'slug-8'),
    ];
    const d = ledger([app('staging', releases, 1)], ['slug-1', 'slug-5', 'slug-6', 'slug-7', 'slug-8']);
    pruneLedger(d, T0, LIMITS);
    expect(Object.keys(d.slugs).sort()).toEqual(['slug-1', 'slug-6', 'slug-7', 'slug-8']);
    expect(d.apps[0]!.releases.map((r) => r.version)).toEqual([1, 4, 5, 6, 7, 8]);
    expect(d.apps[0]!.currentReleaseId).toBe('staging-r1');
  });

  it('keeps a slug another app still runs (a promotion shares it)', () => {
    const staging = app(
      'staging',
      [1, 2, 3, 4].map((v) => release('staging', v, 'succeeded', `slug-${v}`)),
      4,
    );
    const production = app('production', [release('production', 1, 'succeeded', 'slug-1')], 1);
    const d = ledger([staging, production], ['slug-1', 'slug-2', 'slug-3', 'slug-4']);
    expect(pruneLedger(d, T0, LIMITS).slugIds).toEqual([]);
    expect(Object.keys(d.slugs).sort()).toEqual(['slug-1', 'slug-2', 'slug-3', 'slug-4']);
  });

  it('keeps the builds of kept releases, the last ones of each app and any in progress; forgets the rest with their output', () => {
    const releases = [1, 2, 3, 4, 5].map((v) => release('staging', v, 'succeeded', `slug-${v}`));
    const builds = [
      build('staging', 1, 'succeeded', 1),
      build('staging', 2, 'failed', null),
      build('staging', 3, 'succeeded', 3),
      build('staging', 4, 'failed', null),
      build('staging', 5, 'pending', null),
      build('staging', 6, 'failed', null),
      build('gone', 7, 'failed', null),
    ];
    const d = ledger([app('staging', releases, 5)], ['slug-3', 'slug-4', 'slug-5'], builds);
    const pruned = pruneLedger(d, T0, LIMITS);
    expect(Object.keys(d.builds).sort()).toEqual(['b-staging-3', 'b-staging-5', 'b-staging-6']);
    expect(pruned.outputIds).toEqual(
      expect.arrayContaining(['out-b-staging-1', 'out-b-staging-2', 'out-b-staging-4', 'out-b-gone-7']),
    );
    expect(pruned.outputIds).not.toContain('out-b-staging-5');
  });

  it('forgets a source an hour after it was made, unless a build in progress reads it', () => {
    const d = ledger([app('staging', [], null)], [], [build('staging', 2, 'pending', null)]);
    for (const n of [1, 2, 3])
      d.sources[`src-${n}`] = { id: `src-${n}`, file: `/x/${n}.tar`, uploaded: true, createdAt: at(n) };
    d.sources['src-3']!.createdAt = new Date(T0 + HOUR).toISOString();
    const pruned = pruneLedger(d, T0 + HOUR + 10 * 60_000, LIMITS);
    expect(pruned.sourceIds).toEqual(['src-1']);
    expect(Object.keys(d.sources).sort()).toEqual(['src-2', 'src-3']);
  });

  it('forgets nothing from a small ledger', () => {
    const d = ledger([app('staging', [release('staging', 1, 'succeeded', 'slug-1')], 1)], ['slug-1']);
    const before = JSON.stringify(d);
    expect(pruneLedger(d, T0, LIMITS)).toEqual({ slugIds: [], outputIds: [], sourceIds: [] });
    expect(JSON.stringify(d)).toBe(before);
  });
});
