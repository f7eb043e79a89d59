// A deploy, a promotion and a rollback wait on Heroku on a fake clock: a 429 in the middle
// waits and goes on, and a build, release phase or promotion that never ends stops at its
// time limit with what was last seen, instead of holding the deck forever.
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock.js';
import { apiCalls, connectHeroku, herokuFixture, recorder, SHOP } from '../../helpers/heroku-fixture.js';
import { waitFor } from '../../helpers/wait-for-frame.js';
import type { HerokuTestServer } from '../../heroku-server/server.js';

const fixture = herokuFixture();
afterEach(() => fixture.cleanup());

/**
 * Runs `action` on the fake clock as if Heroku were instant: time moves only while the
 * adapter sleeps on the clock with nothing else going on (no API request being answered, no
 * server step to come, a few event-loop turns of quiet), by `stepMs` at a time, so a loaded
 * machine changes how long this takes, never what happens.
 */
async function drive<T>(clock: FakeClock, server: HerokuTestServer, action: Promise<T>, stepMs: number): Promise<T> {
  let settled = false;
  void action.then(
    () => (settled = true),
    () => (settled = true),
  );
  const sleeping = () => clock.pending() > 0 && !server.busy();
  while (!settled) {
    await waitFor(() => settled || sleeping(), 'the adapter to wait on the clock', 30_000);
    if (settled) break;
    if (!(await staysQuiet(() => settled || sleeping()))) continue;
    if (settled) break;
    await clock.advance(stepMs);
  }
  return action;
}

/** Whether `quiet` holds over several event-loop turns (a request just sent reaches the server in one or two). */
async function staysQuiet(quiet: () => boolean): Promise<boolean> {
  for (let turn = 0; turn < 8; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!quiet()) return false;
  }
  return true;
}

/** The adapter on a fake clock, with Heroku's defaults for backoff and time limits. */
async function onFakeClock(options = SHOP) {
  const clock = createFakeClock();
  // The server's rate-limit bucket refills by the same clock, as Heroku's does with time.
  const server = await fixture.start({ ...options, now: () => clock.now() });
  const { platform } = connectHeroku(server, { clock, backoffMs: undefined, random: () => 0.5, pollMs: 1000 });
  return { clock, server, platform };
}

describe('waiting on Heroku during an action', () => {
  it('a deploy that runs the API budget dry waits out the 429s and goes on to succeed', async () => {
    // A budget that refills slowly (one request in 20 s), so the empty bucket is still empty
    // when the adapter next asks, whatever the machine's speed.
    const { clock, server, platform } = await onFakeClock({ ...SHOP, rateLimit: { capacity: 4500, perMinute: 3 } });
    const repo = await fixture.appRepo();
    const events = recorder();
    let drained = false;
    const onOutput = events.onOutput;
    events.onOutput = (line) => {
      // The build is under way when someone else spends the whole budget.
      if (!drained && line.startsWith('-----> Building')) server.setRemaining(0);
      drained = true;
      return onOutput(line);
    };

    const outcome = await drive(clock, server, platform.deploy('staging', repo.root, 'main', events), 500);

    expect(outcome).toMatchObject({ ok: true, release: { version: 6, status: 'succeeded' } });
    expect(server.requests.log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(events.output).toContain("dynodeck: Heroku's API rate limit is reached (429): asking again in 5 s");
    expect(apiCalls(server, 'POST', /\/builds$/).map((r) => r.status)).toEqual([201]);
    expect(apiCalls(server, 'GET', /\/builds\/[\w-]+$/).some((r) => r.status === 429)).toBe(true);
  });

  it('a build request refused with a 429 is sent again after the wait, and only one build is made', async () => {
    const { clock, server, platform } = await onFakeClock();
    const repo = await fixture.appRepo();
    server.failNext(/\/builds$/, 429);

    const outcome = await drive(clock, server, platform.deploy('staging', repo.root, 'main'), 500);

    expect(outcome.ok).toBe(true);
    expect(apiCalls(server, 'POST', /\/builds$/).map((r) => r.status)).toEqual([429, 201]);
    expect(server.world.app('shop-staging').builds.size).toBe(1);
  });

  it('a build that never ends stops the deploy after 30 minutes, saying it may still finish', async () => {
    const { clock, server, platform } = await onFakeClock({ ...SHOP, hangBuilds: true });
    const repo = await fixture.appRepo();
    const events = recorder();

    const outcome = await drive(clock, server, platform.deploy('staging', repo.root, 'main', events), 60_000);

    expect(outcome).toEqual({
      ok: false,
      reason: `the build of ${repo.sha.slice(0, 7)} did not finish within 30 min; dynodeck stopped waiting (the build was pending; it may still finish on Heroku)`,
      release: undefined,
      unknown: true,
    });
    expect(events.output).toContain('-----> Building on the Heroku-24 stack');
    expect(server.world.app('shop-staging').releases).toHaveLength(5);
  });

  it('a release phase that never ends stops the deploy after Heroku’s hour and a margin', async () => {
    const { clock, server, platform } = await onFakeClock({ ...SHOP, hangReleasePhase: true });
    const repo = await fixture.appRepo();
    const events = recorder();

    const outcome = await drive(clock, server, platform.deploy('staging', repo.root, 'main', events), 60_000);

    expect(outcome.ok).toBe(false);
    expect(outcome.ok === false && outcome.reason).toBe(
      `release v6 of ${repo.sha.slice(0, 7)} did not finish within 1 h 5 min; dynodeck stopped waiting (Heroku listed v6 (Deploy ${repo.sha.slice(0, 8)}) pending; it may still finish on Heroku)`,
    );
    expect(events.output).toContain('Running migrations...');
  });

  it('a promotion that never gets a release stops after 30 minutes', async () => {
    const { clock, server, platform } = await onFakeClock({ ...SHOP, hangPromotions: true });

    const outcome = await drive(clock, server, platform.promote('staging', 'production'), 60_000);

    expect(outcome).toEqual({
      ok: false,
      reason:
        'the promotion of staging to production did not finish within 30 min; dynodeck stopped waiting (it may still finish on Heroku)',
      unknown: true,
    });
  });

  it('a rollback whose release phase never ends stops at the release time limit, which can be set', async () => {
    const clock = createFakeClock();
    const server = await fixture.start({ ...SHOP, hangReleasePhase: true, now: () => clock.now() });
    const { platform } = connectHeroku(server, { clock, limits: { releaseMs: 10 * 60_000 } });

    const outcome = await drive(clock, server, platform.rollback('staging', 'v3'), 60_000);

    expect(outcome).toMatchObject({
      ok: false,
      reason:
        'release v6 (v3 again) did not finish within 10 min; dynodeck stopped waiting (Heroku listed v6 (Rollback to v3) pending; it may still finish on Heroku)',
      release: { version: 6, status: 'pending' },
      unknown: true,
    });
  });
});
