// GitHub releases: one after each promotion to production, tagged from github.releaseTag
// on the promoted commit, with the shipped pull requests and tickets as notes. A tag that
// exists already (422 already_exists) is reported, never retried.
import { sanitizeLine } from '../../logs/sanitize.js';
import type { GitHubOctokit } from './github-client.js';
import { describeGitHubError } from './github-errors.js';
import { releaseNotes, releaseTag, type ShippedTicket } from './release-notes.js';
import type { RepoRef } from './repo-ref.js';
import type { Shipment } from './shipment.js';

export interface ReleaseEntry {
  tag: string;
  name: string;
  url: string;
  target: string;
  author: string;
  /** Epoch ms. */
  createdAt: number;
  draft: boolean;
}

export interface CreateRelease {
  /** The platform's release number (Heroku's vN), for {version}. */
  version: number | string;
  /** The promoted commit. */
  sha: string;
  shipment?: Pick<Shipment, 'pullRequests' | 'commits' | 'closes'>;
  /** Titles and criteria of the shipped tickets, when the caller knows them. */
  tickets?: readonly ShippedTicket[];
}

export type ReleaseOutcome =
  { ok: true; release: ReleaseEntry } | { ok: false; reason: string; tag: string; alreadyExists: boolean };

export function createReleases(opts: {
  octokit: GitHubOctokit;
  repo: RepoRef;
  tagTemplate: string;
  baseUrl: string;
  now: () => number;
}) {
  const { octokit, repo } = opts;
  const where = { owner: repo.owner, repo: repo.name };

  async function create(input: CreateRelease): Promise<ReleaseOutcome> {
    const tag = releaseTag(opts.tagTemplate, { version: input.version, sha: input.sha, date: opts.now() });
    const tickets = input.tickets ?? (input.shipment?.closes ?? []).map((n): ShippedTicket => ({ id: `#${n}` }));
    const body = releaseNotes({
      pullRequests: (input.shipment?.pullRequests ?? []).map((s) => s.pullRequest),
      tickets,
      commits: input.shipment?.commits.length ?? 0,
    });
    try {
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/releases', {
        ...where,
        tag_name: tag,
        target_commitish: input.sha,
        name: tag,
        body,
      });
      return { ok: true, release: entry(data) };
    } catch (error) {
      const errors = (
        error as { status?: number; response?: { data?: { errors?: Array<{ code?: string; field?: string }> } } }
      ).response?.data?.errors;
      if ((error as { status?: number }).status === 422 && errors?.some((e) => e.code === 'already_exists')) {
        return {
          ok: false,
          tag,
          alreadyExists: true,
          reason: `release ${tag} exists already on GitHub; not made again`,
        };
      }
      const problem = describeGitHubError(error, { baseUrl: opts.baseUrl });
      return { ok: false, tag, alreadyExists: false, reason: problem.message };
    }
  }

  async function recent(count = 5): Promise<ReleaseEntry[]> {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/releases', {
      ...where,
      per_page: Math.min(100, count),
    });
    return data.slice(0, count).map(entry);
  }

  return { create, recent };
}

function entry(r: {
  tag_name: string;
  name: string | null;
  html_url: string;
  target_commitish: string;
  author: { login: string };
  created_at: string;
  draft: boolean;
}): ReleaseEntry {
  return {
    tag: sanitizeLine(r.tag_name),
    name: sanitizeLine(r.name ?? r.tag_name),
    url: r.html_url,
    target: sanitizeLine(r.target_commitish),
    author: sanitizeLine(r.author.login),
    createdAt: Date.parse(r.created_at),
    draft: r.draft,
  };
}
