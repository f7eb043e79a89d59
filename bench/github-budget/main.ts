// How many GitHub requests an hour the deck makes with its default poll schedule, for a
// repository of 200 open issues and 30 open pull requests (each with reviews, two check
// runs and a commit status) where nothing changes: how many polls GitHub answers 304
// (free) and how much of the 5,000 requests an hour they spend. The deck's own service
// and schedule run against the GitHub-like test server on a simulated clock (the
// schedule is replayed; every request is real HTTP through the real Octokit).
import { createGitHubService } from '../../src/services/github/github-service.js';
import { GITHUB_POLL_SCHEDULE } from '../../src/services/github/poll-schedule.js';
import { createGitHubTestServer, seedBusyRepo } from '../../test/github-server/index.js';

const HOUR = 3600_000;
const BUDGET = 5000;
const start = Date.parse('2026-12-01T08:00:00Z');
let t = start;

const server = await createGitHubTestServer({ now: () => t });
seedBusyRepo(server.world, { issues: 200, pulls: 30, closed: 10 });
const github = createGitHubService({
  root: process.cwd(),
  github: {
    repo: 'acme/shop',
    releaseTag: 'production-v{version}',
    labels: {
      complexity: { trivial: 'complexity: trivial', standard: 'complexity: standard', complex: 'complexity: complex' },
    },
  },
  env: { GITHUB_TOKEN: server.token, GITHUB_API_URL: server.url, PATH: '/nonexistent' },
  now: () => t,
});

const schedule = GITHUB_POLL_SCHEDULE;
let nextTickets = t;
let nextPulls = t;

async function hour(): Promise<{ requests: number; notModified: number; counted: number; polls: number }> {
  const end = t + HOUR;
  let polls = 0;
  while (true) {
    t = Math.min(nextTickets, nextPulls);
    if (t >= end) break;
    if (t === nextTickets) {
      const { tickets } = await github.tickets.load();
      if (tickets.length !== 210) throw new Error(`expected 210 tickets, got ${tickets.length}`);
      nextTickets += schedule.ticketsMs;
      polls++;
    }
    if (t === nextPulls) {
      const prs = await github.pullRequests();
      if (prs.filter((p) => p.state === 'open').length !== 30) throw new Error('expected 30 open pull requests');
      nextPulls += schedule.pullRequestsMs;
      polls++;
    }
  }
  t = end;
  const log = server.requests.log;
  return {
    requests: log.length,
    notModified: log.filter((r) => r.status === 304).length,
    counted: log.filter((r) => r.counted).length,
    polls,
  };
}

// The first hour includes the start: reading the repository once, then every first answer.
server.requests.reset();
await github.connect();
const cold = await hour();
server.requests.reset();
const warm = await hour();
await server.close();

const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)}%`;
const line = (label: string, h: typeof cold) =>
  `${label} ${h.requests} requests (${h.polls} polls), ${h.notModified} answered 304 (${pct(h.notModified, h.requests)}), ` +
  `${h.counted} counted = ${pct(h.counted, BUDGET)} of the 5,000/hour budget`;

console.log('GitHub requests in one hour, default poll schedule, 200 open issues + 30 open pull requests, idle');
console.log(
  `schedule: issues every ${schedule.ticketsMs / 1000} s, pull request lists every ${schedule.pullRequestsMs / 1000} s, ` +
    `each open pull request's review and checks every ${schedule.pullRequestDetailsMs / 60_000} min (sooner when changed or pending)`,
);
console.log(line('first hour (from start): ', cold));
console.log(line('next hour (running):     ', warm));
console.log('targets: at least 90% of polls answered 304, under 10% of the budget');
const ok = cold.notModified / cold.requests >= 0.9 && cold.counted / BUDGET < 0.1;
if (!ok) {
  console.log('TARGET MISSED');
  process.exitCode = 1;
}
