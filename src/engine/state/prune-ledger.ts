// Keeps the ledger from growing without bound, the way Heroku keeps history: each app
// keeps the slugs (and release phase output) of its last 20 releases, so it can roll
// back to any of them; older release records are kept up to 100 per app, without their
// slug. Builds are kept while a kept release came from them (and the last 20 per app,
// failures included); a source's URL expires after an hour, as Heroku's does.
// Pure: it edits the ledger it is given and says which files are no longer needed.
import type { EngineStateData, ReleaseRecord } from './engine-state.js';

export interface PruneLimits {
  /** Releases per app whose slug and release output are kept (rollback targets). */
  releaseSlugs: number;
  /** Release records per app (history), the ones above included. */
  releaseRecords: number;
  /** Builds per app kept whatever became of them. */
  builds: number;
  /** Promotions kept. */
  promotions: number;
  /** How long an unused source stays (its get_url's lifetime). */
  sourceMs: number;
}

export const DEFAULT_PRUNE_LIMITS: PruneLimits = {
  releaseSlugs: 20,
  releaseRecords: 100,
  builds: 20,
  promotions: 20,
  sourceMs: 3_600_000,
};

/** What is no longer needed on disk once the ledger forgot it. */
export interface PrunedFiles {
  slugIds: string[];
  outputIds: string[];
  sourceIds: string[];
}

export function pruneLedger(d: EngineStateData, nowMs: number, limits = DEFAULT_PRUNE_LIMITS): PrunedFiles {
  const outputsBefore = referencedOutputs(d);
  const slugsBefore = new Set(Object.keys(d.slugs));
  const sourcesBefore = new Set(Object.keys(d.sources));

  const keptSlugs = new Set<string>();
  const keptReleases = new Set<string>();
  /** Releases that can still run (rollback targets): their builds are worth keeping. */
  const runnable = new Set<string>();
  for (const app of d.apps) {
    const newestFirst = [...app.releases].sort((a, b) => b.version - a.version);
    // Never the current release, nor one still in progress.
    const mustKeep = (r: ReleaseRecord) => r.id === app.currentReleaseId || r.status === 'pending';
    const withSlug = newestFirst.filter((r, i) => i < limits.releaseSlugs || mustKeep(r));
    const records = newestFirst.filter((r, i) => i < limits.releaseRecords || mustKeep(r));
    for (const r of withSlug) {
      runnable.add(r.id);
      if (r.slugId) keptSlugs.add(r.slugId);
    }
    for (const r of records) {
      keptReleases.add(r.id);
      // Past the releases that keep their slug, a record is history only.
      if (!withSlug.includes(r)) r.outputId = null;
    }
    app.releases = app.releases.filter((r) => keptReleases.has(r.id));
  }

  const appIds = new Set(d.apps.map((a) => a.id));
  const buildsByApp = new Map<string, string[]>();
  for (const b of Object.values(d.builds).sort((x, y) => y.createdAt.localeCompare(x.createdAt))) {
    const ofApp = buildsByApp.get(b.appId) ?? [];
    buildsByApp.set(b.appId, [...ofApp, b.id]);
    const recent = ofApp.length < limits.builds;
    const needed = b.status === 'pending' || (b.releaseId !== null && runnable.has(b.releaseId));
    if (!appIds.has(b.appId) && b.status !== 'pending') delete d.builds[b.id];
    else if (!recent && !needed) delete d.builds[b.id];
  }

  for (const s of Object.values(d.sources)) {
    const inUse = Object.values(d.builds).some((b) => b.status === 'pending' && b.sourceUrl.includes(s.id));
    if (!inUse && nowMs - Date.parse(s.createdAt) >= limits.sourceMs) delete d.sources[s.id];
  }

  const promotions = Object.values(d.promotions).sort((x, y) => y.createdAt.localeCompare(x.createdAt));
  for (const [i, p] of promotions.entries())
    if (i >= limits.promotions && p.status !== 'pending') delete d.promotions[p.id];

  // A slug is kept while a kept release runs it, or a build in progress may still release it.
  for (const b of Object.values(d.builds)) if (b.status === 'pending' && b.slugId) keptSlugs.add(b.slugId);
  for (const id of Object.keys(d.slugs)) if (!keptSlugs.has(id)) delete d.slugs[id];

  const outputsAfter = referencedOutputs(d);
  return {
    slugIds: [...slugsBefore].filter((id) => !d.slugs[id]),
    outputIds: [...outputsBefore].filter((id) => !outputsAfter.has(id)),
    sourceIds: [...sourcesBefore].filter((id) => !d.sources[id]),
  };
}

/** Every output stream a record still points at. */
export function referencedOutputs(d: EngineStateData): Set<string> {
  const ids = new Set<string>();
  for (const app of d.apps) for (const r of app.releases) if (r.outputId) ids.add(r.outputId);
  for (const b of Object.values(d.builds)) ids.add(b.outputId);
  return ids;
}
