// Which GitHub repository a project is: "owner/name" from dynodeck.yml, or the `origin`
// remote's URL in any of the forms git accepts (https, ssh, scp-like, git://).

export interface RepoRef {
  owner: string;
  name: string;
  /** The web host (github.com, or a GitHub Enterprise host) when read from a remote. */
  host?: string;
}

const PART = /^[A-Za-z0-9_.-]+$/;

/** "owner/name" → RepoRef; undefined when it is not that shape. */
export function parseRepoSlug(slug: string): RepoRef | undefined {
  const parts = slug.trim().split('/');
  if (parts.length !== 2) return undefined;
  const [owner = '', name = ''] = parts;
  return valid(owner, name) ? { owner, name } : undefined;
}

/**
 * A remote URL → RepoRef: `https://github.com/o/r(.git)`, `git@github.com:o/r(.git)`,
 * `ssh://git@github.com(:22)/o/r(.git)`, `git://github.com/o/r.git`. Credentials in the URL
 * are dropped. Paths deeper than owner/name (GitLab subgroups) are not GitHub repositories.
 */
export function parseRemoteUrl(url: string): RepoRef | undefined {
  const text = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(text);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return undefined;
    }
    if (!/^(https?|ssh|git|git\+ssh|ssh\+git):$/.test(parsed.protocol)) return undefined;
    host = parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
  } else if (scp) {
    host = scp[1]!;
    path = scp[2]!;
  } else {
    return undefined;
  }
  const parts = path
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    .split('/');
  if (parts.length !== 2 || !host) return undefined;
  const [owner = '', name = ''] = parts;
  return valid(owner, name) ? { owner, name, host: host.toLowerCase() } : undefined;
}

export function repoSlug(repo: Pick<RepoRef, 'owner' | 'name'>): string {
  return `${repo.owner}/${repo.name}`;
}

function valid(owner: string, name: string): boolean {
  return PART.test(owner) && PART.test(name) && name !== '.' && name !== '..';
}
