// Tickets without a branch of their own (GitHub issues) are placed by their merged pull
// request's commit: the environments whose release has that commit, read from local git.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { commitLocations } from '../../../src/services/git/commit-locations.js';
import { createTicketLocator } from '../../../src/store/locate-tickets.js';
import { ticketLocations } from '../../../src/services/git/ticket-locations.js';
import { createDeckStore } from '../../../src/store/create-deck-store.js';
import { createFakeClock } from '../../helpers/fake-clock.js';
import { makeTicket, memoryCodeHost, memoryTicketSource } from '../../helpers/render-deck.js';
import type { PullRequest } from '../../../src/domain/pull-request.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** main: first → squash commit of #3 (closing #1) → later. Production runs `first`, staging `squash`. */
async function repo() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-commit-loc-'));
  dirs.push(root);
  const env = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@e' };
  const git = async (...args: string[]) =>
    (await execa('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: root, env })).stdout;
  const commit = async (file: string, message: string) => {
    await writeFile(path.join(root, file), `${message}\n`);
    await git('add', '.');
    await git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  await git('init', '-q', '-b', 'main');
  const first = await commit('a.txt', 'First');
  const squash = await commit('b.txt', 'Cart button (#3)');
  const later = await commit('c.txt', 'Later');
  return { root, first, squash, later };
}

describe('commitLocations', () => {
  it('lists the environments whose release has the commit, in their order; an unknown commit is nowhere', async () => {
    const { root, first, squash, later } = await repo();
    const environments = [
      { name: 'staging', commit: later },
      { name: 'production', commit: first },
      { name: 'box-1', commit: squash },
    ];
    const found = await commitLocations({
      repo: root,
      commits: [
        { ticket: '#1', sha: squash },
        { ticket: '#2', sha: 'f'.repeat(40) },
        { ticket: '#9', sha: '--all' },
      ],
      environments,
    });
    expect(Object.fromEntries(found)).toEqual({ '#1': ['staging', 'box-1'] });
  });
});

describe('the ticket locator with merged pull requests', () => {
  it('a GitHub ticket whose pull request was squash-merged shows where that commit runs', async () => {
    const { root, first, squash } = await repo();
    const store = createDeckStore({
      project: 'shop',
      root,
      clock: createFakeClock(),
      services: {
        tickets: memoryTicketSource([makeTicket('#1', { number: 1 }), makeTicket('#2', { number: 2 })]),
        code: memoryCodeHost(),
      },
    });
    await store.getState().refreshTickets();
    const merged = { number: 3, state: 'merged', closes: [1], headRef: 'feature/1-cart', mergeCommitSha: squash };
    store.setState({
      pullRequests: [merged as PullRequest],
      environments: [
        {
          name: 'staging',
          app: 's',
          stage: 'staging',
          url: '',
          maintenance: false,
          formation: {},
          dynos: [],
          release: { id: 'r2', status: 'succeeded', description: '', current: true, commit: squash },
        },
        {
          name: 'production',
          app: 'p',
          stage: 'production',
          url: '',
          maintenance: false,
          formation: {},
          dynos: [],
          release: { id: 'r1', status: 'succeeded', description: '', current: true, commit: first },
        },
      ],
    });
    await createTicketLocator(store, {
      repo: root,
      mainBranch: 'main',
      locate: ticketLocations,
      locateCommits: commitLocations,
    })();
    expect(store.getState().ticketLocations).toEqual({ '#1': ['staging'] });
  });
});
