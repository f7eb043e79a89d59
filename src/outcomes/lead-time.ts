// Lead time for changes: for each commit that reached the environment in the period, from
// its commit time (or its pull request's first commit, when known) to the release that
// first carried it. Merge commits carry others' work and are left out, as DORA's Four Keys
// leaves out the push a merge makes.
import type { OutcomeCommit, OutcomePullRequest } from './outcome-types.js';
import { inPeriod } from './period.js';
import { wentLive, type ClassifiedRelease } from './release-history.js';

export interface LeadTimeSample {
  sha: string;
  /** When the carrying release was made, epoch ms. */
  releasedAt: number;
  ms: number;
}

export function changeLeadTimes(
  commits: readonly OutcomeCommit[],
  history: readonly ClassifiedRelease[],
  period: { from: number; to: number },
  pullRequests: readonly OutcomePullRequest[] = [],
): LeadTimeSample[] {
  const byVersion = new Map(history.map((r) => [r.version, r]));
  const prStart = new Map<string, number>();
  for (const pr of pullRequests) {
    for (const sha of pr.commits) {
      const known = prStart.get(sha);
      if (known === undefined || pr.firstCommitAt < known) prStart.set(sha, pr.firstCommitAt);
    }
  }
  const samples: LeadTimeSample[] = [];
  for (const commit of commits) {
    if (commit.merge || commit.releasedIn === undefined) continue;
    const release = byVersion.get(commit.releasedIn);
    if (!release || !wentLive(release) || !inPeriod(period, release.createdAt)) continue;
    const start = prStart.get(commit.sha) ?? commit.committedAt;
    // A commit dated after its release (a skewed clock) counts as shipped at once.
    samples.push({ sha: commit.sha, releasedAt: release.createdAt, ms: Math.max(0, release.createdAt - start) });
  }
  return samples;
}
