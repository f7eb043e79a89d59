// `engine stop` while a build or a release phase runs ends their processes too:
// nothing the engine started outlives it, even a process that ignores SIGTERM.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { startHarness, eventually, type Harness } from '../helpers/engine-harness.js';
import { addHangingBranches, isRunningPid, killProcessesWorkingIn, type HangingBranches } from './hanging-branches.js';

describe('stopping the engine while work is in flight', () => {
  let h: Harness;
  let hanging: HangingBranches;
  beforeAll(async () => {
    h = await startHarness();
    hanging = await addHangingBranches(h.repo);
    const first = await h.deploy('fixture-staging', 'main');
    if (!first.ok) throw new Error(`first deploy failed: ${first.reason}`);
  }, 60_000);
  afterAll(async () => {
    await killProcessesWorkingIn(path.join(h.repo.root, '.dynodeck'));
    await h.close();
  });

  it('a running build and a hung release phase are ended with the engine, and marked failed saying why', async () => {
    void h.deploy('fixture-box-1', 'hung-build').catch(() => undefined);
    void h.deploy('fixture-staging', 'hung-release').catch(() => undefined);
    const buildChild = await hanging.pid('build-child');
    const buildLeader = await hanging.pid('build');
    const release = await hanging.pid('release');

    await h.engine.stop();

    expect(await isRunningPid(buildLeader)).toBe(false);
    expect(await isRunningPid(buildChild)).toBe(false);
    expect(await isRunningPid(release)).toBe(false);

    // Nothing is left for the next engine to find, and it starts cleanly with v1 serving.
    await h.restartEngine();
    const releases = await eventually(async () => {
      const list = await h.get<Heroku.Release[]>('/apps/fixture-staging/releases');
      return list.length === 2 ? list : undefined;
    }, 'the releases');
    expect(releases.map((r) => `v${r.version}:${r.status}:${r.current}`).sort()).toEqual([
      'v1:succeeded:true',
      'v2:failed:false',
    ]);
    expect(releases.find((r) => r.version === 2)).toMatchObject({
      failure_reason: 'the engine stopped during the release',
    });
    const builds = await h.get<Array<Heroku.Build & { failure_reason?: string }>>('/apps/fixture-box-1/builds');
    expect(builds.map((b) => `${b.status}: ${b.failure_reason}`)).toEqual([
      'failed: the engine stopped during the build',
    ]);
  }, 60_000);
});
