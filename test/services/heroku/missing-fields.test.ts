// What Heroku did not send is not made up: a release without a status is not "succeeded",
// a missing or garbled created_at is not 1970, a missing email or version is unknown, in
// the adapter's summaries and in the rows and detail lines that show them.
import { afterEach, describe, expect, it } from 'vitest';
import { environmentDetailLines } from '../../../src/screens/present/environment-detail-lines.js';
import { environmentRow } from '../../../src/screens/present/environment-row.js';
import { connectHeroku, herokuFixture } from '../../helpers/heroku-fixture.js';

const fixture = herokuFixture();
afterEach(() => fixture.cleanup());

const NOW = Date.UTC(2026, 10, 26, 9);

async function stagingWith(seed: Parameters<typeof fixture.start>[0]) {
  const server = await fixture.start(seed);
  const { platform } = connectHeroku(server);
  const envs = await platform.environments();
  return { server, platform, staging: envs.find((e) => e.name === 'staging')! };
}

describe('fields Heroku did not send', () => {
  it('a release without status, created_at, user or version is unknown, not succeeded, 1970 or made up', async () => {
    const { platform, staging } = await stagingWith({
      pipeline: { name: 'shop' },
      apps: [
        {
          name: 'shop-staging',
          stage: 'staging',
          releases: [{}, { commit: '1a2b3c4d'.repeat(5), without: ['status', 'created_at', 'user', 'version'] }],
        },
      ],
    });

    expect(staging.release).toEqual({
      id: expect.any(String),
      status: 'unknown',
      description: 'Deploy 1a2b3c4d',
      commit: '1a2b3c4d'.repeat(5),
      current: true,
    });
    const [newest, older] = await platform.releases('staging', 2);
    expect(newest).toMatchObject({ status: 'unknown' });
    expect(newest).not.toHaveProperty('createdAt');
    expect(newest).not.toHaveProperty('version');
    expect(older).toMatchObject({
      status: 'succeeded',
      version: 1,
      user: 'dev@example.com',
      createdAt: expect.any(Number),
    });

    const row = environmentRow(staging, undefined, undefined, NOW);
    expect(row.release).toBe('v? 1a2b3c4 ? ?');
    expect(row.releaseShort).toBe('v? 1a2b3c4');
    const lines = environmentDetailLines(staging, { env: 'staging', releases: [newest!, older!] }, NOW).map(
      (l) => l.text,
    );
    expect(lines).toContain('● v?    unknown   1a2b3c4    ? ago  Deploy 1a2b3c4d');
    expect(lines.join('\n')).not.toMatch(/1970|NaN|undefined/);
  });

  it('a created_at that is not a date is unknown, not 1970', async () => {
    const { staging } = await stagingWith({
      pipeline: { name: 'shop' },
      apps: [{ name: 'shop-staging', stage: 'staging', releases: [{ createdAt: 'yesterday' }] }],
    });

    expect(staging.release).toMatchObject({ version: 1, status: 'succeeded' });
    expect(staging.release).not.toHaveProperty('createdAt');
    expect(environmentRow(staging, undefined, undefined, NOW).release).toMatch(/^v1 \w{7} \? dev$/);
  });

  it('a dyno without a state or start time is unknown, not down since 1970', async () => {
    const { staging } = await stagingWith({
      pipeline: { name: 'shop' },
      apps: [{ name: 'shop-staging', stage: 'staging', dynosWithout: ['state', 'created_at'] }],
    });

    expect(staging.dynos).toEqual([{ name: 'web.1', type: 'web', state: 'unknown', releaseVersion: 1 }]);
    const lines = environmentDetailLines(staging, undefined, NOW).map((l) => l.text);
    expect(lines).toContain('  web.1        unknown      ?  v1');
  });

  it('a rollback whose release comes back without a status is not reported as succeeded or failed', async () => {
    const server = await fixture.start({
      pipeline: { name: 'shop' },
      apps: [{ name: 'shop-staging', stage: 'staging', releases: 3, releasesWithout: ['status'] }],
    });
    const { platform } = connectHeroku(server);

    const outcome = await platform.rollback('staging', 'v2');

    expect(outcome).toEqual({
      ok: false,
      reason: "Heroku's answer about release v4 has no status: dynodeck cannot tell whether it succeeded",
      release: expect.objectContaining({ version: 4, status: 'unknown', description: 'Rollback to v2' }),
      unknown: true,
    });
  });

  it('a deploy whose release comes back without a status says its outcome is unknown', async () => {
    const server = await fixture.start({
      pipeline: { name: 'shop' },
      apps: [{ name: 'shop-staging', stage: 'staging', releases: 1, releasesWithout: ['status'] }],
    });
    const { platform } = connectHeroku(server);
    const repo = await fixture.appRepo();

    const outcome = await platform.deploy('staging', repo.root, 'main');

    expect(outcome).toMatchObject({
      ok: false,
      reason: "Heroku's answer about release v2 has no status: dynodeck cannot tell whether it succeeded",
      release: { version: 2, status: 'unknown' },
      unknown: true,
    });
  });
});
