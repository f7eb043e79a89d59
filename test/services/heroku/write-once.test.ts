// A write to Heroku is sent once, whatever happens to it: a reset connection or an answer
// that comes too late is not re-sent (heroku-client re-sends on ECONNRESET, EPIPE and
// ETIMEDOUT), and the user is told what Heroku's state shows instead.
import { afterEach, describe, expect, it } from 'vitest';
import type { HerokuTestServer } from '../../heroku-server/index.js';
import { waitFor } from '../../helpers/wait-for-frame.js';
import { apiCalls, connectHeroku, herokuFixture, recorder } from '../../helpers/heroku-fixture.js';

const fixture = herokuFixture();
afterEach(() => fixture.cleanup());

/**
 * heroku-client re-sends a failed request 1-1.1 s after the failure; a write still alone
 * 2 s after the caller had its outcome was sent once.
 */
async function sentOnce(server: HerokuTestServer, method: string, path: RegExp): Promise<number> {
  await waitFor(() => apiCalls(server, method, path).length > 1, 'a re-sent write', 2000).catch(() => undefined);
  return apiCalls(server, method, path).length;
}

const MAY_HAVE = 'The request may have reached Heroku;';

describe('a write whose outcome is open', () => {
  it('a rollback whose connection is reset after Heroku made the release is not re-sent, and says the release it made', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    server.resetNext(/\/releases$/, { method: 'POST', processed: true });

    const outcome = await platform.rollback('staging', 'v3');

    expect(outcome).toMatchObject({ ok: false, unknown: true });
    expect(outcome.ok === false && outcome.reason).toMatch(
      new RegExp(
        `^the rollback of shop-staging to v3 \\(POST /apps/shop-staging/releases\\) got no clear answer \\(.*ECONNRESET.*\\)\\. ${MAY_HAVE} the releases list shows v6 \\(Rollback to v3\\) (pending|succeeded)\\. dynodeck did not send it again\\.$`,
      ),
    );
    expect(await sentOnce(server, 'POST', /\/releases$/)).toBe(1);
    expect(server.world.app('shop-staging').releases).toHaveLength(6);
  });

  it('a rollback reset before Heroku did anything says that no new release was made', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    server.resetNext(/\/releases$/, { method: 'POST' });

    const outcome = await platform.rollback('staging', 'v3');

    expect(outcome.ok === false && outcome.reason).toContain(
      `${MAY_HAVE} the releases list shows no new release (v5 is the newest). dynodeck did not send it again.`,
    );
    expect(await sentOnce(server, 'POST', /\/releases$/)).toBe(1);
    expect(server.world.app('shop-staging').releases).toHaveLength(5);
  });

  it('a rollback answered after the write timeout is not re-sent, and says what the releases list shows', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server, { writeTimeoutMs: 1000 });
    server.delayNext(/\/releases$/, 2500, { method: 'POST' });

    const outcome = await platform.rollback('staging', 'v2');

    expect(outcome.ok === false && outcome.reason).toMatch(
      /^the rollback of shop-staging to v2 \(POST \/apps\/shop-staging\/releases\) got no clear answer \(POST \S+ got no answer within 1 s\)\. The request may have reached Heroku; the releases list shows v6 \(Rollback to v2\) (pending|succeeded)\./,
    );
    expect(await sentOnce(server, 'POST', /\/releases$/)).toBe(1);
  });

  it('a deploy whose build request is reset after Heroku started the build is not re-sent, and says the build it started', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    const repo = await fixture.appRepo();
    server.resetNext(/\/builds$/, { method: 'POST', processed: true });

    const outcome = await platform.deploy('staging', repo.root, 'main', recorder());

    expect(outcome.ok === false && outcome.reason).toMatch(
      new RegExp(
        `^the build request for shop-staging \\(POST /apps/shop-staging/builds\\) got no clear answer \\(.*\\)\\. ${MAY_HAVE} the builds list shows a build of ${repo.sha.slice(0, 7)} (pending|succeeded)\\. dynodeck did not send it again\\.$`,
      ),
    );
    expect(await sentOnce(server, 'POST', /\/builds$/)).toBe(1);
    expect(server.world.app('shop-staging').builds.size).toBe(1);
  });

  it('a deploy whose build request is reset unread says no build was started', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    const repo = await fixture.appRepo();
    server.resetNext(/\/builds$/, { method: 'POST' });

    const outcome = await platform.deploy('staging', repo.root, 'main');

    expect(outcome.ok === false && outcome.reason).toContain(
      `${MAY_HAVE} the builds list shows no new build of ${repo.sha.slice(0, 7)}.`,
    );
    expect(await sentOnce(server, 'POST', /\/builds$/)).toBe(1);
  });

  it('a source request that is reset is not re-sent and nothing is built', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    const repo = await fixture.appRepo();
    server.resetNext(/^\/sources$/, { method: 'POST', processed: true });

    const outcome = await platform.deploy('staging', repo.root, 'main');

    expect(outcome.ok === false && outcome.reason).toContain(
      `${MAY_HAVE} nothing was built or released on shop-staging.`,
    );
    expect(await sentOnce(server, 'POST', /^\/sources$/)).toBe(1);
    expect(apiCalls(server, 'POST', /\/builds$/)).toHaveLength(0);
  });

  it('a promotion whose request is reset after Heroku started it says the release it made on the target', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    server.resetNext(/^\/pipeline-promotions$/, { method: 'POST', processed: true });
    // The promotion's release comes a step after its request: the read before the write is
    // answered at once, the read-back a little later, when the release is there.
    server.delayNext(/\/apps\/[^/]+\/releases$/, 0, { method: 'GET' });
    server.delayNext(/\/apps\/[^/]+\/releases$/, 100, { method: 'GET', late: true });

    const outcome = await platform.promote('staging', 'production');

    expect(outcome.ok === false && outcome.reason).toMatch(
      /^the promotion of shop-staging to shop-production \(POST \/pipeline-promotions\) got no clear answer \(.*\)\. The request may have reached Heroku; the releases list shows v13 \(Promote shop-staging v5 \w+\) (pending|succeeded)\. dynodeck did not send it again\.$/,
    );
    expect(await sentOnce(server, 'POST', /^\/pipeline-promotions$/)).toBe(1);
  });

  it('a scale whose connection is reset after Heroku applied it says the formation now shows it', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    server.resetNext(/\/formation$/, { method: 'PATCH', processed: true });

    await expect(platform.scale('staging', { web: 3, worker: 0 })).rejects.toThrow(
      `${MAY_HAVE} the formation shows web=3 worker=0 (as asked). dynodeck did not send it again.`,
    );
    expect(await sentOnce(server, 'PATCH', /\/formation$/)).toBe(1);
  });

  it('a maintenance switch reset unread says the app does not show it', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    server.resetNext(/^\/apps\/[^/]+$/, { method: 'PATCH' });

    await expect(platform.setMaintenance('production', true)).rejects.toThrow(
      `${MAY_HAVE} the app shows maintenance off (not as asked). dynodeck did not send it again.`,
    );
    expect(await sentOnce(server, 'PATCH', /^\/apps\/[^/]+$/)).toBe(1);
  });

  it('a dyno restart that is reset is not re-sent, and says what the dyno shows', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    server.resetNext(/\/dynos\/web\.2$/, { method: 'DELETE', processed: true });

    await expect(platform.restart('staging', 'web.2')).rejects.toThrow(
      /The request may have reached Heroku; the dynos list shows web\.2 (starting|up) since \d{4}-\d\d-\d\dT[\d:.]+Z\. dynodeck did not send it again\.$/,
    );
    expect(await sentOnce(server, 'DELETE', /\/dynos\/web\.2$/)).toBe(1);
  });

  it('a 500 on a write is an open outcome; a 422 is Heroku refusing it, reported as it is', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    server.failNext(/\/formation$/, 500);

    await expect(platform.scale('staging', { web: 3 })).rejects.toThrow(
      /^scaling shop-staging \(PATCH \/apps\/shop-staging\/formation\) got no clear answer \(500 internal_server_error: Internal server error\.\)\. The request may have reached Heroku; the formation shows web=2 worker=1 \(not as asked\)/,
    );

    // Heroku's own words, not heroku-client's "Expected response to be successful, got 422".
    const refused = platform.scale('staging', { web: -1 });
    await expect(refused).rejects.toMatchObject({ statusCode: 422, body: { id: 'invalid_params' } });
    await expect(refused).rejects.toThrow(
      '422 invalid_params: Invalid params: quantity for web must be a whole number, 0 or more.',
    );
  });

  it('a read whose connection is reset is still retried while its caller waits', async () => {
    const server = await fixture.start();
    const { platform } = connectHeroku(server);
    server.resetNext(/\/dynos$/, { method: 'GET' });

    expect((await platform.environments()).map((e) => e.name)).toEqual(['box-1', 'staging', 'production']);
    expect(apiCalls(server, 'GET', /\/dynos$/).length).toBe(4); // three apps, one of them twice
  });
});
