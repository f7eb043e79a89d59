// state.json is checked when read: a damaged ledger stops the engine with a message naming
// the file, the place and the problem, safe to print, and the file is left as it is.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EngineStateError,
  openStateStore,
  parseState,
  type AppRecord,
  type EngineStateData,
} from '../../../src/engine/state/engine-state.js';

const NAME = '.dynodeck/engine/state.json';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function ledger(): EngineStateData {
  const release = (n: number, status: 'succeeded' | 'failed') => ({
    id: id(100 + n),
    version: n,
    slugId: id(200 + n),
    status,
    description: `Deploy v${n}`,
    outputId: null,
    user: 'maya@localhost',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
  });
  const slug = (n: number) => ({
    id: id(200 + n),
    commit: 'abc1234',
    dir: `/x/slugs/${id(200 + n)}`,
    processTypes: { web: 'node web.js' },
    size: 10,
    createdAt: '2026-12-01T10:00:00.000Z',
  });
  return {
    version: 1,
    pipeline: { id: id(1), name: 'shop', createdAt: '2026-12-01T10:00:00.000Z' },
    apps: [
      {
        id: id(2),
        name: 'shop-staging',
        env: 'staging',
        stage: 'staging',
        couplingId: id(3),
        routerPort: 5000,
        maintenance: false,
        configVars: { DATABASE_URL: 'file:///x/db.json' },
        formation: {
          web: { id: id(4), quantity: 1, size: 'standard-1X', createdAt: 'x', updatedAt: 'x' },
        },
        releases: [release(11, 'succeeded'), release(12, 'failed')],
        currentReleaseId: id(111),
        createdAt: '2026-12-01T10:00:00.000Z',
        updatedAt: '2026-12-01T10:00:00.000Z',
      },
    ],
    slugs: { [id(211)]: slug(11), [id(212)]: slug(12) },
    builds: {},
    sources: {},
    promotions: {},
  };
}

function problemWith(text: string): string {
  try {
    parseState(text, NAME);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineStateError);
    return (error as Error).message;
  }
  throw new Error('expected the state to be refused');
}

/** The sound ledger with a change that may break its types, as JSON. */
const edited = (change: (d: EngineStateData) => void) => {
  const d = ledger();
  change(d);
  return JSON.stringify(d);
};

describe('reading state.json', () => {
  it('a sound ledger is read as it is', () => {
    expect(parseState(JSON.stringify(ledger()), NAME)).toEqual(ledger());
  });

  it('a current release that does not exist is named with the app and the releases it has', () => {
    const message = problemWith(edited((d) => (d.apps[0]!.currentReleaseId = id(999))));
    expect(message.split('\n')[0]).toBe(
      `${NAME}: apps.staging.currentReleaseId: release ${id(999)} does not exist (its releases are v11 to v12)`,
    );
    expect(message).toMatch(/left the file as it is and did not start\. Fix it, or move it away/);
  });

  it('a current release that failed, or whose slug is not in the ledger, is refused', () => {
    expect(problemWith(edited((d) => (d.apps[0]!.currentReleaseId = id(112))))).toContain(
      `${NAME}: apps.staging.currentReleaseId: points at v12, which has status failed`,
    );
    expect(problemWith(edited((d) => delete d.slugs[id(211)]))).toContain(
      `${NAME}: apps.staging.releases.v11.slugId: the current release v11 runs slug ${id(211)}, which does not exist under "slugs"`,
    );
  });

  it('null, truncated JSON and wrong shapes are said in words, never a TypeError', () => {
    expect(problemWith('null').split('\n')[0]).toBe(`${NAME}: expected a mapping, got null`);
    expect(problemWith(JSON.stringify(ledger()).slice(0, 300)).split('\n')[0]).toMatch(
      new RegExp(`^${NAME}: not valid JSON \\(.+\\)$`),
    );
    expect(problemWith('').split('\n')[0]).toBe(`${NAME}: not valid JSON (Unexpected end of JSON input)`);
    expect(problemWith(edited((d) => (d.apps = { staging: {} } as never)))).toContain(
      `${NAME}: apps: expected a list, got a mapping`,
    );
    const message = problemWith(
      edited((d) => {
        d.apps[0]!.releases[1]!.status = 'done' as never;
        d.apps[0]!.formation.web!.quantity = '2' as never;
        delete (d.apps[0] as Partial<AppRecord>).routerPort;
      }),
    );
    expect(message).toContain(
      `${NAME}: apps.staging.releases.v12.status: expected "pending" or "succeeded" or "failed", got "done"`,
    );
    expect(message).toContain(`${NAME}: apps.staging.formation.web.quantity: expected a number, got "2"`);
    expect(message).toContain(`${NAME}: apps.staging.routerPort: missing (expected a number)`);
  });

  it('a ledger of another version is named as such, not as a list of missing keys', () => {
    expect(problemWith('{"version": 2, "everything": "different"}').split('\n')[0]).toBe(
      `${NAME}: version: this engine reads ledgers of version 1, this one is version 2 (written by a newer dynodeck?)`,
    );
  });

  it("the file's own bytes cannot drive the terminal through the message", () => {
    const hostile = '\u001b]52;c;aGVsbG8=\u0007\u001b[2J\u009b31m';
    for (const text of [
      `{"version": 1, ${hostile}`,
      edited((d) => (d.apps[0]!.releases[0]!.status = hostile as never)),
      edited((d) => (d.slugs[hostile] = d.slugs[id(211)]!)),
      edited((d) => (d.apps[0]!.currentReleaseId = `${id(999).slice(0, 30)}${hostile}`)),
    ]) {
      const message = problemWith(text);
      expect(message).toContain(NAME);
      expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
  });

  it('a refused file is left byte for byte as it was, with nothing written beside it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-state-'));
    try {
      const file = path.join(dir, 'state.json');
      const broken = edited((d) => (d.apps[0]!.currentReleaseId = null))
        .replace('"apps"', '"apps" ')
        .slice(0, -40);
      await writeFile(file, broken);
      expect(() => openStateStore(file, ledger, NAME)).toThrow(EngineStateError);
      expect(await readFile(file, 'utf8')).toBe(broken);
      expect(await readdir(dir)).toEqual(['state.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('writing state.json', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-state-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('only its owner can read it (it holds config vars)', async () => {
    const file = path.join(dir, 'state.json');
    const store = openStateStore(file, ledger, NAME);
    store.update((d) => (d.apps[0]!.configVars.SECRET = 'x'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8')).apps[0].configVars.SECRET).toBe('x');
  });
});
