// The repository and API address for a project: github.repo from dynodeck.yml, else the
// `origin` remote (git run with an argument array, no shell). GITHUB_API_URL points at
// GitHub Enterprise or a test server; an origin on another host than github.com means
// GitHub Enterprise, whose API lives at https://<host>/api/v3.
import { execa } from 'execa';
import { parseRemoteUrl, parseRepoSlug, type RepoRef } from './repo-ref.js';

export const GITHUB_API_URL = 'https://api.github.com';

export type FoundRepo = { ok: true; repo: RepoRef; from: 'github.repo' | 'origin' } | { ok: false; problem: string };

export async function findRepo(opts: { root: string; configured?: string }): Promise<FoundRepo> {
  if (opts.configured) {
    const repo = parseRepoSlug(opts.configured);
    if (repo) return { ok: true, repo, from: 'github.repo' };
    return { ok: false, problem: `github.repo "${opts.configured}" is not owner/name` };
  }
  const result = await execa('git', ['remote', 'get-url', 'origin'], {
    cwd: opts.root,
    reject: false,
    stdin: 'ignore',
    env: { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  }).catch(() => undefined);
  const url = result?.exitCode === 0 ? String(result.stdout).trim() : '';
  if (!url) {
    return {
      ok: false,
      problem: 'no GitHub repository: set github.repo: owner/name in dynodeck.yml (no origin remote)',
    };
  }
  const repo = parseRemoteUrl(url);
  if (!repo) {
    return {
      ok: false,
      problem: `origin (${withoutCredentials(url)}) is not a GitHub repository: set github.repo: owner/name in dynodeck.yml`,
    };
  }
  return { ok: true, repo, from: 'origin' };
}

/** GITHUB_API_URL, else GitHub Enterprise's address for a remote on another host, else api.github.com. */
export function apiUrlFor(env: NodeJS.ProcessEnv, repo?: RepoRef): string {
  const configured = env.GITHUB_API_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  if (repo?.host && repo.host !== 'github.com') return `https://${repo.host}/api/v3`;
  return GITHUB_API_URL;
}

/** The web host tokens are kept for by gh: github.com, or the Enterprise host. */
export function webHostFor(apiUrl: string, repo?: RepoRef): string {
  if (repo?.host) return repo.host;
  try {
    const host = new URL(apiUrl).hostname;
    return host === 'api.github.com' ? 'github.com' : host;
  } catch {
    return 'github.com';
  }
}

/** A remote URL as it may be shown: user and password (a token, sometimes) removed. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}
