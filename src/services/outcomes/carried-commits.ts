// Which commits each release put live for the first time, from the local git repository:
// the commits reachable from a release's commit that no earlier live release reached.
// Only commit shas from the platform ever reach git (checked to be hex), and
// --ignore-missing keeps a sha this clone lacks from failing the whole listing.
import type { ReleaseSummary } from '../ports.js';
import type { OutcomeCommit } from '../../outcomes/outcome-types.js';
import { forEachLimited, gitFailure, type GitRunner } from '../git/run-git.js';
import { isChange } from '../../outcomes/release-kind.js';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Most commits counted for one release (a first deploy carries the whole history). */
export const MAX_COMMITS_PER_RELEASE = 1000;
const MAX_CONCURRENT_GIT = 4;
export const COMMIT_FORMAT = '%H%x00%ct%x00%P';

export interface CarriedCommits {
  commits: OutcomeCommit[];
  notes: string[];
}

/**
 * `releases` in any order; `complete` says the oldest of them is the environment's first
 * release (else the oldest is only a baseline). Commits are counted for releases made at or
 * after `from`.
 */
export async function carriedCommits(
  run: GitRunner,
  repo: string,
  releases: ReadonlyArray<ReleaseSummary & { version: number; createdAt: number }>,
  from: number,
  complete: boolean,
): Promise<CarriedCommits> {
  const notes: string[] = [];
  const live = releases
    .filter((r) => r.status === 'succeeded' && r.commit !== undefined && SHA.test(r.commit))
    .sort((a, b) => a.version - b.version);
  const shas = [...new Set(live.map((r) => r.commit!))];
  if (shas.length === 0) return { commits: [], notes };

  const present = await presentCommits(run, repo, shas);
  const missing = live.filter((r) => r.createdAt >= from && !present.has(r.commit!));
  if (missing.length > 0) {
    notes.push(
      `${missing.length} release(s) run commits this clone does not have (${missing
        .slice(0, 3)
        .map((r) => `v${r.version} ${r.commit!.slice(0, 7)}`)
        .join(', ')}): fetch them for their lead times`,
    );
  }

  const commits = new Map<string, OutcomeCommit>();
  const counted = live.filter((r) => r.createdAt >= from && present.has(r.commit!));
  const found = new Map<number, OutcomeCommit[]>();
  await forEachLimited(counted, MAX_CONCURRENT_GIT, async (release) => {
    const earlier = [
      ...new Set(live.filter((r) => r.version < release.version && present.has(r.commit!)).map((r) => r.commit!)),
    ];
    if (earlier.length === 0 && !complete) {
      notes.push(`v${release.version} is the oldest release read: the commits it first carried are not counted`);
      return;
    }
    const args = ['log', `--format=${COMMIT_FORMAT}`, `--max-count=${MAX_COMMITS_PER_RELEASE + 1}`, release.commit!];
    if (earlier.length > 0) args.push('--not', ...earlier);
    args.push('--');
    const result = await run(args);
    if (result.exitCode !== 0) throw gitFailure(repo, 'log', result.stderr, result.exitCode);
    const listed = parseCommitLines(result.stdout);
    if (listed.length > MAX_COMMITS_PER_RELEASE) {
      const what = isChange(release.description) ? 'deployment' : 'release';
      notes.push(
        `v${release.version} (a ${what}) carried more than ${MAX_COMMITS_PER_RELEASE} commits; the newest ${MAX_COMMITS_PER_RELEASE} are counted`,
      );
    }
    found.set(
      release.version,
      listed.slice(0, MAX_COMMITS_PER_RELEASE).map((c) => ({ ...c, releasedIn: release.version })),
    );
  });
  // In version order, so a commit belongs to the first release that carried it.
  for (const version of [...found.keys()].sort((a, b) => a - b)) {
    for (const c of found.get(version)!) if (!commits.has(c.sha)) commits.set(c.sha, c);
  }
  return { commits: [...commits.values()], notes };
}

async function presentCommits(run: GitRunner, repo: string, shas: readonly string[]): Promise<Set<string>> {
  const result = await run(['rev-list', '--no-walk', '--ignore-missing', ...shas, '--']);
  if (result.exitCode !== 0) throw gitFailure(repo, 'rev-list', result.stderr, result.exitCode);
  return new Set(
    result.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
}

/** Parses `git log --format=COMMIT_FORMAT`: sha, commit time, parents. */
export function parseCommitLines(stdout: string): OutcomeCommit[] {
  const commits: OutcomeCommit[] = [];
  for (const line of stdout.split('\n')) {
    const [sha = '', seconds = '', parents = ''] = line.split('\0');
    if (!SHA.test(sha)) continue;
    const committedAt = Number(seconds) * 1000;
    if (!Number.isFinite(committedAt)) continue;
    const merge = parents.trim().split(/\s+/).filter(Boolean).length > 1;
    commits.push({ sha, committedAt, ...(merge ? { merge: true } : {}) });
  }
  return commits;
}
