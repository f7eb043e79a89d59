// What a deploy would ship: the commits a target ref has that the deployed one
// has not. Refs are user text, so they are first resolved to commit shas, and
// only those shas ever reach `git log`.
import { createGitRunner, type GitRunner } from './run-git.js';

export interface ShippedCommit {
  sha: string;
  subject: string;
  author: string;
  /** Commit time in epoch milliseconds. */
  date: number;
}

export interface Shipment {
  /** Newest first. */
  commits: ShippedCommit[];
  /** More commits would ship than are listed. */
  truncated: boolean;
}

export interface WhatShipsOptions {
  repo: string;
  /** The deployed ref or commit; undefined when nothing is deployed yet. */
  from?: string | undefined;
  to: string;
  /** Replaces the real git runner (tests). */
  run?: GitRunner;
}

/** Most commits listed between two refs. */
export const MAX_SHIPPED = 200;
/** Commits listed when nothing is deployed yet. */
export const RECENT_WHEN_NOTHING_DEPLOYED = 50;

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const LOG_FORMAT = '%H%x00%s%x00%an%x00%ct';

export class UnknownRefError extends Error {
  constructor(readonly ref: string) {
    super(`"${ref}" is not a branch, tag or commit`);
    this.name = 'UnknownRefError';
  }
}

/**
 * The commit a ref names, or undefined when it names none. `--end-of-options`
 * and the `^{commit}` suffix keep a ref such as `--output=x` a revision to
 * look up rather than an option.
 */
export async function resolveCommit(run: GitRunner, ref: string): Promise<string | undefined> {
  if (ref === '' || ref.includes('\0')) return undefined;
  const result = await run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  const sha = result.stdout.trim();
  return result.exitCode === 0 && SHA.test(sha) ? sha : undefined;
}

/** Like resolveCommit, but an unknown ref is an UnknownRefError. */
export async function requireCommit(run: GitRunner, ref: string): Promise<string> {
  const sha = await resolveCommit(run, ref);
  if (!sha) throw new UnknownRefError(ref);
  return sha;
}

export async function whatShips(options: WhatShipsOptions): Promise<Shipment> {
  const run = options.run ?? createGitRunner(options.repo);
  const [fromSha, toSha] = await Promise.all([
    options.from === undefined ? undefined : requireCommit(run, options.from),
    requireCommit(run, options.to),
  ]);
  const limit = fromSha ? MAX_SHIPPED : RECENT_WHEN_NOTHING_DEPLOYED;
  const range = fromSha ? `${fromSha}..${toSha}` : toSha;
  // One extra commit tells whether the list was cut short.
  const result = await run(['log', `--format=${LOG_FORMAT}`, `--max-count=${limit + 1}`, range, '--']);
  if (result.exitCode !== 0) {
    const reason = result.stderr.split('\n').find((line) => line.trim() !== '') ?? `exit code ${result.exitCode}`;
    throw new Error(`git log failed in ${options.repo}: ${reason.trim()}`);
  }
  const commits = parseLog(result.stdout);
  return { commits: commits.slice(0, limit), truncated: commits.length > limit };
}

/** Parses `git log --format=LOG_FORMAT` output. */
export function parseLog(stdout: string): ShippedCommit[] {
  const commits: ShippedCommit[] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.split('\0');
    if (fields.length !== 4) continue;
    const [sha = '', subject = '', author = '', seconds = ''] = fields;
    if (!SHA.test(sha)) continue;
    const date = Number(seconds) * 1000;
    commits.push({ sha, subject, author, date: Number.isFinite(date) ? date : 0 });
  }
  return commits;
}
