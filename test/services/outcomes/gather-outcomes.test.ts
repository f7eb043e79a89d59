import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform, ReleaseSummary } from '../../../src/services/ports.js';
import type { Ticket } from '../../../src/domain/ticket.js';
import { carriedCommits } from '../../../src/services/outcomes/carried-commits.js';
import { ticketBranchStarts } from '../../../src/services/outcomes/ticket-branch-start.js';
import { releasesCovering } from '../../../src/services/outcomes/release-window.js';
import { gatherOutcomeInputs } from '../../../src/services/outcomes/gather-outcomes.js';
import { createGitRunner, type GitRunner } from '../../../src/services/git/run-git.js';
import { createAlertHistory } from '../../../src/services/history/alert-history.js';
import { computeOutcomes } from '../../../src/outcomes/compute-outcomes.js';
import { createDatedRepo, type DatedRepo } from './git-history.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 10, 2);

let repo: DatedRepo;
const sha: Record<string, string> = {};

beforeAll(async () => {
  repo = await createDatedRepo();
  sha.a = await repo.commit('a', T0 - 3 * DAY);
  sha.b = await repo.commit('b', T0 + 1 * HOUR);
  sha.c = await repo.commit('c', T0 + 2 * HOUR);
  // a ticket branch merged with a merge commit
  await repo.git('checkout', '-q', '-b', 'shop-1-cart');
  sha.f1 = await repo.commit('f1', T0 + 3 * HOUR);
  sha.f2 = await repo.commit('f2', T0 + 4 * HOUR);
  await repo.git('checkout', '-q', 'main');
  sha.d = await repo.commit('d', T0 + 5 * HOUR);
  sha.m = await repo.merge('shop-1-cart', T0 + 6 * HOUR);
  // a ticket branch not merged, and one only ever a pointer into main
  await repo.git('checkout', '-q', '-b', 'shop-2-search');
  sha.s1 = await repo.commit('s1', T0 + 7 * HOUR);
  await repo.git('checkout', '-q', 'main');
  await repo.git('branch', 'shop-3-typo', sha.d!);
  sha.e = await repo.commit('e', T0 + 8 * HOUR);
}, 30_000);
afterAll(() => repo.cleanup());

const release = (
  version: number,
  description: string,
  at: number,
  commit?: string,
  status: ReleaseSummary['status'] = 'succeeded',
): ReleaseSummary & { version: number; createdAt: number } => ({
  id: `r${version}`,
  version,
  status,
  description,
  commit,
  user: 'maya@example.com',
  createdAt: at,
  current: false,
});

function releases(): Array<ReleaseSummary & { version: number; createdAt: number }> {
  return [
    release(1, 'Deploy aaaaaaa', T0 - 2 * DAY, sha.a),
    release(2, 'Promote shop-staging v4', T0 + 2 * HOUR + 30 * 60_000, sha.c),
    release(3, 'Rollback to v1', T0 + 3 * HOUR, sha.a),
    release(4, 'Promote shop-staging v5', T0 + 6 * HOUR + 10 * 60_000, sha.m, 'failed'),
    release(5, 'Promote shop-staging v6', T0 + 9 * HOUR, sha.e),
  ];
}

function platformOf(list: ReleaseSummary[], asked: number[] = []): Pick<Platform, 'releases'> {
  return {
    async releases(_env, count) {
      asked.push(count);
      return [...list].sort((a, b) => b.version! - a.version!).slice(0, count);
    },
  };
}

const ticket = (id: string, branch: string | undefined, complexity: Ticket['complexity'] = 'trivial'): Ticket => ({
  id,
  title: id,
  complexity,
  branch,
  description: '',
  criteria: [],
  file: `tickets/${id}.md`,
});

describe('which commits each release first carried', () => {
  it('gives each commit to the first live release that reached it, with rollbacks and failed releases carrying none', async () => {
    const { commits, notes } = await carriedCommits(createGitRunner(repo.root), repo.root, releases(), T0, false);
    const by = Object.fromEntries(commits.map((c) => [c.sha, c]));
    expect(notes).toEqual([]);
    expect(by[sha.a!]).toBeUndefined(); // carried by v1, before the period
    expect([by[sha.b!]?.releasedIn, by[sha.c!]?.releasedIn]).toEqual([2, 2]);
    expect([sha.f1, sha.f2, sha.d, sha.m, sha.e].map((s) => by[s!]?.releasedIn)).toEqual([5, 5, 5, 5, 5]);
    expect(by[sha.m!]).toMatchObject({ merge: true, committedAt: T0 + 6 * HOUR });
    expect(by[sha.s1!]).toBeUndefined(); // never released
    expect(commits).toHaveLength(7);
  });

  it('notes releases whose commit this clone lacks and counts the rest', async () => {
    const list = [...releases(), release(6, 'Deploy 0000000', T0 + 10 * HOUR, '0'.repeat(40))];
    const { commits, notes } = await carriedCommits(createGitRunner(repo.root), repo.root, list, T0, false);
    expect(commits).toHaveLength(7);
    expect(notes).toEqual([
      '1 release(s) run commits this clone does not have (v6 0000000): fetch them for their lead times',
    ]);
  });

  it('without a release from before the period, the oldest one read is only a baseline', async () => {
    const list = releases().filter((r) => r.version >= 2);
    const { commits, notes } = await carriedCommits(createGitRunner(repo.root), repo.root, list, T0, false);
    expect(commits.some((c) => c.releasedIn === 2)).toBe(false);
    expect(notes).toEqual(['v2 is the oldest release read: the commits it first carried are not counted']);
    const complete = await carriedCommits(createGitRunner(repo.root), repo.root, list, T0 - 4 * DAY, true);
    expect(complete.commits.filter((c) => c.releasedIn === 2).map((c) => c.sha)).toEqual([sha.c, sha.b, sha.a]);
  });
});

describe("when each ticket's work began", () => {
  it('finds the first commit of a merged branch, of an open one, and nothing for a fast-forwarded or missing one', async () => {
    const { tickets, notes } = await ticketBranchStarts(createGitRunner(repo.root), repo.root, 'main', [
      ticket('SHOP-1', 'shop-1-cart'),
      ticket('SHOP-2', 'shop-2-search', 'standard'),
      ticket('SHOP-3', 'shop-3-typo'),
      ticket('SHOP-4', 'shop-4-gone'),
      ticket('SHOP-5', undefined),
    ]);
    expect(tickets).toEqual([
      { id: 'SHOP-1', complexity: 'trivial', tipSha: sha.f2, firstCommitAt: T0 + 3 * HOUR },
      { id: 'SHOP-2', complexity: 'standard', tipSha: sha.s1, firstCommitAt: T0 + 7 * HOUR },
      { id: 'SHOP-3', complexity: 'trivial', tipSha: sha.d },
      { id: 'SHOP-4', complexity: 'trivial' },
      { id: 'SHOP-5', complexity: 'trivial' },
    ]);
    expect(notes).toEqual([
      "1 ticket's branch is not in this clone (not started, or deleted after merging): if it shipped, its lead time is not counted",
    ]);
  });

  it('never hands a branch name from a ticket file to git', async () => {
    const seen: string[][] = [];
    const real = createGitRunner(repo.root);
    const run: GitRunner = (args) => {
      seen.push([...args]);
      return real(args);
    };
    await ticketBranchStarts(run, repo.root, 'main', [
      ticket('X-1', '--output=/tmp/owned'),
      ticket('X-2', 'shop-1-cart'),
    ]);
    expect(seen.flat().some((arg) => arg.includes('--output') || arg.includes('shop-1-cart'))).toBe(false);
  });
});

describe('reading enough releases for the period', () => {
  const many = Array.from({ length: 300 }, (_, i) => release(i + 1, `Deploy ${i + 1}`, T0 + i * HOUR));

  it('asks for more only while the oldest read is still inside the period, about as many as the pace says', async () => {
    const asked: number[] = [];
    const window = await releasesCovering(platformOf(many, asked), 'production', T0 + 120 * HOUR);
    // 50 releases over 49 hours; 179 hours wanted: 183, and a quarter more
    expect(asked).toEqual([50, 230]);
    expect(window).toMatchObject({ complete: false, truncated: false });
    expect(window.releases.at(-1)!.createdAt).toBeLessThan(T0 + 120 * HOUR);
    const enough: number[] = [];
    await releasesCovering(platformOf(many, enough), 'production', T0 + 260 * HOUR);
    expect(enough).toEqual([50]);
  });

  it('stops at the first release and at the largest page', async () => {
    const asked: number[] = [];
    expect((await releasesCovering(platformOf(many, asked), 'production', T0 - DAY)).complete).toBe(true);
    expect(asked).toEqual([50, 413]);
    const lots = Array.from({ length: 1500 }, (_, i) => release(i + 1, `Deploy ${i + 1}`, T0 + i * 60_000));
    const capped: number[] = [];
    const window = await releasesCovering(platformOf(lots, capped), 'production', T0 - DAY);
    expect(capped).toEqual([50, 1000]);
    expect(window).toMatchObject({ complete: false, truncated: true });
    expect(window.releases).toHaveLength(1000);
  });
});

describe('gathering everything for a report', () => {
  it('reads releases, git, the alert history and the audit log into inputs the report computes from', async () => {
    const history = createAlertHistory({ root: repo.root, onError: () => undefined });
    history.recordAlertTransition({
      at: T0 + 9 * HOUR + 60_000,
      transition: 'fired',
      rule: 'error-rate',
      env: 'production',
      severity: 'critical',
    });
    history.recordAlertTransition({
      at: T0 + 9 * HOUR + 11 * 60_000,
      transition: 'resolved',
      rule: 'error-rate',
      env: 'production',
      severity: 'critical',
    });
    await history.flush();
    const audit = {
      when: new Date(T0 + 9 * HOUR).toISOString(),
      who: 'maya',
      what: 'promote',
      target: 'production',
      result: 'started',
      detail: { from: 'staging', override: true, via: 'cli' },
    };
    await writeFile(path.join(repo.root, '.dynodeck', 'audit.log'), `${JSON.stringify(audit)}\n`);
    const inputs = await gatherOutcomeInputs({
      platform: platformOf(releases()),
      env: 'production',
      period: { from: T0, to: T0 + 7 * DAY },
      root: repo.root,
      mainBranch: 'main',
      tickets: [ticket('SHOP-1', 'shop-1-cart')],
    });
    expect(inputs.notes).toEqual([]);
    const report = computeOutcomes(inputs);
    expect(report.deploymentFrequency).toMatchObject({ count: 2, promotions: 2, rollbacks: 1 });
    expect(report.changeFailureRate).toMatchObject({ deploys: 3, failures: 3 });
    // b 1.5 h, c 0.5 h (v2); f1 6 h, f2 5 h, d 4 h, e 1 h (v5); the merge is not a change
    expect(report.leadTime).toMatchObject({ changes: 6, medianHours: 2.75 });
    expect(report.tickets).toEqual([
      {
        id: 'SHOP-1',
        complexity: 'trivial',
        release: 5,
        firstCommitAt: new Date(T0 + 3 * HOUR).toISOString(),
        releasedAt: new Date(T0 + 9 * HOUR).toISOString(),
        leadTimeHours: 6,
      },
    ]);
    expect(report.timeToRestore.incidents.map((i) => i.minutes)).toEqual([170, 10]);
    expect(report.audit).toEqual({ overrides: 1, failedAttempts: 0 });
  });

  it('still answers without git, saying why lead times are missing', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-nogit-'));
    try {
      const inputs = await gatherOutcomeInputs({
        platform: platformOf(releases()),
        env: 'production',
        period: { from: T0, to: T0 + 7 * DAY },
        root: folder,
        mainBranch: 'main',
        tickets: [],
      });
      expect(inputs.releases).toHaveLength(5);
      expect(inputs.notes).toEqual([
        `lead times need git: not a git repository: ${folder}`,
        `ticket lead times need git: not a git repository: ${folder}`,
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
