// A damaged state.json stops the engine before it starts anything: the message names
// the file and the problem, reaches the terminal without the file's control bytes, and
// the file is left as it was. No environment ever runs with no dynos because of it.
import { execFile } from 'node:child_process';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Heroku from '@heroku-cli/schema';
import { loadConfig } from '../../src/config/load-config.js';
import { runEngine } from '../../src/engine/run-engine.js';
import { startHarness, type Harness } from '../helpers/engine-harness.js';
import { CLI } from '../helpers/pty-deck.js';

let h: Harness;
let stateFile: string;
let sound: string;
let stagingPort: number;

beforeAll(async () => {
  h = await startHarness();
  const first = await h.deploy('fixture-staging', 'main');
  if (!first.ok) throw new Error(`first deploy failed: ${first.reason}`);
  stagingPort = Number(new URL(await h.url('fixture-staging')).port);
  await h.engine.stop();
  stateFile = path.join(h.repo.root, '.dynodeck', 'engine', 'state.json');
  sound = await readFile(stateFile, 'utf8');
}, 60_000);

afterAll(async () => {
  await writeFile(stateFile, sound);
  await h.close();
});

const startFails = async () => {
  const loaded = await loadConfig({ cwd: h.repo.root });
  return (await runEngine(loaded).then(
    (engine) => engine.stop().then(() => new Error('the engine started')),
    (error: unknown) => error,
  )) as Error;
};

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

describe('an engine started on a damaged state.json', () => {
  it('a current release that does not exist stops it with the file, the place and the problem', async () => {
    const damaged = sound.replace(
      /"currentReleaseId": "[0-9a-f-]{36}"/,
      '"currentReleaseId": "00000000-0000-4000-8000-000000000012"',
    );
    expect(damaged).not.toBe(sound);
    await writeFile(stateFile, damaged);

    const error = await startFails();
    expect(error.message.split('\n')[0]).toBe(
      '.dynodeck/engine/state.json: apps.staging.currentReleaseId: release 00000000-0000-4000-8000-000000000012 does not exist (its releases are v1)',
    );
    expect(await readFile(stateFile, 'utf8')).toBe(damaged);
    // Nothing was started: staging's router port is free, no engine is left answering.
    expect(await portIsFree(stagingPort)).toBe(true);
  });

  it('a current release whose slug folder is gone stops it instead of running staging with no dynos', async () => {
    await writeFile(stateFile, sound);
    const state = JSON.parse(sound) as { apps: Array<{ env: string; releases: Array<{ slugId: string }> }> };
    const slugId = state.apps.find((a) => a.env === 'staging')!.releases[0]!.slugId;
    const folder = path.join(h.repo.root, '.dynodeck', 'engine', 'slugs', slugId);
    const moved = `${folder}.moved`;
    await rename(folder, moved);
    try {
      const error = await startFails();
      expect(error.message.split('\n')[0]).toBe(
        `.dynodeck/engine/state.json: apps.staging: the current release v1 runs from .dynodeck/engine/slugs/${slugId}, which is missing`,
      );
      expect(await readFile(stateFile, 'utf8')).toBe(sound);
    } finally {
      await rename(moved, folder);
    }
  });

  it('`engine run` prints the problem without the control bytes the file holds, and exits non-zero', async () => {
    await writeFile(stateFile, `{"version": 1, "apps": \u001b]52;c;aGVsbG8=\u0007\u001b[2J\u009b31m`);
    const result = await promisify(execFile)(process.execPath, [CLI, 'engine', 'run'], {
      cwd: h.repo.root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^dynodeck: \.dynodeck\/engine\/state\.json: not valid JSON \(/);
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('started again on the sound file, staging comes back at v1', async () => {
    await writeFile(stateFile, sound);
    await h.restartEngine();
    const releases = await h.get<Heroku.Release[]>('/apps/fixture-staging/releases');
    expect(releases.find((r) => r.current)?.version).toBe(1);
  });
});
