// Where the GitHub token comes from, in this order: GITHUB_TOKEN, GH_TOKEN, then the
// GitHub CLI (`gh auth token`, run without a shell and with a time limit; a machine
// without gh simply has no token from it). The token is never printed or logged:
// messages name only where it came from.
import { execa } from 'execa';

export type TokenSource = 'GITHUB_TOKEN' | 'GH_TOKEN' | 'gh auth token';

export interface GitHubToken {
  token: string;
  source: TokenSource;
}

export interface FindTokenOptions {
  env: NodeJS.ProcessEnv;
  /** The web host, for gh's --hostname (GitHub Enterprise). */
  host?: string;
  /** How long gh may take (default 5 s). */
  timeoutMs?: number;
}

export async function findGitHubToken(opts: FindTokenOptions): Promise<GitHubToken | undefined> {
  for (const name of ['GITHUB_TOKEN', 'GH_TOKEN'] as const) {
    const value = opts.env[name]?.trim();
    if (value) return { token: value, source: name };
  }
  const hostname = opts.host && opts.host !== 'github.com' ? ['--hostname', opts.host] : [];
  try {
    const result = await execa('gh', ['auth', 'token', ...hostname], {
      env: { ...opts.env, GH_PROMPT_DISABLED: '1', NO_COLOR: '1' },
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
      timeout: opts.timeoutMs ?? 5000,
    });
    const token = result.exitCode === 0 ? String(result.stdout).trim() : '';
    return token && !/\s/.test(token) ? { token, source: 'gh auth token' } : undefined;
  } catch {
    return undefined; // gh is not installed, or could not be started
  }
}

/** What to tell the user to do about a missing or rejected token. */
export function tokenAdvice(source?: TokenSource): string {
  if (source === 'GH_TOKEN') return 'set GH_TOKEN (or GITHUB_TOKEN) to a valid token';
  if (source === 'gh auth token') return 'run "gh auth login" again, or set GITHUB_TOKEN';
  if (source === 'GITHUB_TOKEN') return 'set GITHUB_TOKEN to a valid token';
  return 'set GITHUB_TOKEN (or GH_TOKEN), or run "gh auth login"';
}
