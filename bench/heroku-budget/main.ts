// How many Heroku API calls an hour the deck makes with its default settings, for a
// pipeline of six apps (two boxes, staging, production, two review apps), idle and while
// tailing one app. Runs the deck's own adapter and poll schedule against the Heroku-like
// test server, on a simulated hour (the schedule is replayed, every call is real HTTP).
import { createHerokuTestServer } from '../../test/heroku-server/index.js';
import { createHerokuApi } from '../../src/services/heroku/heroku-api.js';
import { createHerokuPlatform } from '../../src/services/heroku/heroku-platform.js';
import { budgetInterval } from '../../src/store/start-pollers.js';

const HOUR = 60 * 60_000;
const BUDGET = 4500;

async function hour(opts: { tailing: boolean }) {
  const server = await createHerokuTestServer({
    stepMs: 5,
    pipeline: { name: 'shop' },
    apps: [
      { name: 'shop-box-1', stage: 'development', releases: 3 },
      { name: 'shop-box-2', stage: 'development', releases: 2 },
      { name: 'shop-pr-41', stage: 'review', branch: 'feature/search', prNumber: 41, releases: 1 },
      { name: 'shop-pr-42', stage: 'review', branch: 'fix/cart', prNumber: 42, releases: 1 },
      { name: 'shop-staging', stage: 'staging', releases: 20, formation: { web: 2, worker: 1 } },
      { name: 'shop-production', stage: 'production', releases: 40, formation: { web: 3, worker: 2 } },
    ],
  });
  let t = 0;
  const api = createHerokuApi({ url: server.url, token: server.token });
  // The same settings the deck uses for kind: heroku (cli/platform-connection.ts).
  const platform = createHerokuPlatform(api, {
    pipeline: 'shop',
    structureTtlMs: 10 * 60_000,
    formationEvery: 5,
    now: () => t,
  });
  const baseMs = 120_000;
  server.requests.reset();
  let polls = 0;
  const envs = await platform.environments();
  polls++;
  // The health watcher opens one log session per environment with a release; Heroku's
  // sessions last about an hour, so each is made once in the hour (plus the Logs pane's).
  for (const env of envs) if (env.release) await platform.logSessionUrl(env.name, { tail: true, lines: 1000 });
  if (opts.tailing) await platform.logSessionUrl('production', { tail: true, lines: 200 });
  while (true) {
    t += budgetInterval(baseMs, api.rateLimitRemaining());
    if (t >= HOUR) break;
    await platform.environments();
    polls++;
  }
  const calls = server.requests.count;
  // Heroku does not count a 304 Not Modified against the budget.
  const notModified = server.requests.log.filter((r) => r.kind === 'api' && r.status === 304).length;
  await server.close();
  return { calls, polls, counted: calls - notModified };
}

const idle = await hour({ tailing: false });
const tailing = await hour({ tailing: true });
const pct = (n: number) => ((n / BUDGET) * 100).toFixed(1);
console.log(
  'Heroku API calls in one hour, default settings, pipeline of 6 apps (2 boxes, staging, production, 2 review apps)',
);
console.log(
  `idle:            ${idle.calls} calls, ${idle.counted} counted against the budget (${pct(idle.counted)}% of the 4,500/hour budget; the rest 304 Not Modified), ${idle.polls} environment reads`,
);
console.log(
  `tailing one app: ${tailing.calls} calls, ${tailing.counted} counted (${pct(tailing.counted)}% of the budget)`,
);
console.log('target: under 10% idle');
