// Where the Heroku CLI keeps its token, in its order: HEROKU_API_KEY, then ~/.netrc
// (machine api.heroku.com, password = token). The token is never printed or logged.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface HerokuToken {
  token: string;
  /** Where it came from, for messages: never the token itself. */
  source: 'HEROKU_API_KEY' | '~/.netrc';
}

/** The password of `machine <host>` in a .netrc file (tokens may span lines, as the format allows). */
export function netrcPassword(text: string, host: string): string | undefined {
  const words = text.replace(/#.*$/gm, '').split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== 'machine' || words[i + 1] !== host) continue;
    for (let j = i + 2; j < words.length && words[j] !== 'machine' && words[j] !== 'default'; j += 2) {
      if (words[j] === 'password') return words[j + 1];
    }
  }
  return undefined;
}

export function apiHost(apiUrl: string): string {
  try {
    return new URL(apiUrl).hostname;
  } catch {
    return 'api.heroku.com';
  }
}

export function findHerokuToken(
  env: NodeJS.ProcessEnv = process.env,
  opts: { home?: string; apiUrl?: string } = {},
): HerokuToken | undefined {
  const fromEnv = env.HEROKU_API_KEY?.trim();
  if (fromEnv) return { token: fromEnv, source: 'HEROKU_API_KEY' };
  const file = path.join(opts.home ?? os.homedir(), process.platform === 'win32' ? '_netrc' : '.netrc');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const token = netrcPassword(text, apiHost(opts.apiUrl ?? 'https://api.heroku.com'));
  return token ? { token, source: '~/.netrc' } : undefined;
}

export const HEROKU_API_URL = 'https://api.heroku.com';
