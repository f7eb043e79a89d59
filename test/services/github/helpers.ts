// Starts a GitHub-like server and a GitHub service pointed at it (the real Octokit over
// real HTTP), and cleans both up after each test.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { GitHubConfig } from '../../../src/config/schema.js';
import { createGitHubService, type GitHubServiceOptions } from '../../../src/services/github/github-service.js';
import {
  createGitHubTestServer,
  type GitHubTestServer,
  type GitHubTestServerOptions,
} from '../../github-server/index.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

export async function tempDir(prefix = 'dynodeck-github-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function startServer(options: GitHubTestServerOptions = {}): Promise<GitHubTestServer> {
  const server = await createGitHubTestServer(options);
  cleanups.push(() => server.close());
  return server;
}

export const GITHUB: GitHubConfig = {
  repo: 'acme/shop',
  releaseTag: 'production-v{version}',
  labels: {
    complexity: { trivial: 'complexity: trivial', standard: 'complexity: standard', complex: 'complexity: complex' },
  },
};

/** A service for the server's repo, with the server's token in GITHUB_TOKEN and short waits. */
export async function serviceFor(server: GitHubTestServer, extra: Partial<GitHubServiceOptions> = {}) {
  return createGitHubService({
    root: await tempDir(),
    github: GITHUB,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_TOKEN: server.token, GITHUB_API_URL: server.url },
    client: { secondMs: 20, readTimeoutMs: 5000, writeTimeoutMs: 5000 },
    ...extra,
  });
}

/** Requests per route since the last reset, for assertions on what was (not) asked. */
export function routeCounts(server: GitHubTestServer): Record<string, number> {
  return Object.fromEntries(Object.entries(server.requests.byRoute()).map(([route, c]) => [route, c.total]));
}
