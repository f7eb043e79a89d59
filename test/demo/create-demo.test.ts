import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, DEMO_MARKER } from '../../src/demo/create-demo.js';

const MERGED = 'bc-101-price-decimals';
const IN_PROGRESS = 'bc-102-product-search';
const NO_COMMITS = 'bc-103-health-details';
const BEHIND = 'bc-104-stock-levels';
const SLOW_PAGE = 'bc-107-related-products';
const FAILING_MIGRATION = 'bc-108-order-history';
const DAY = 86_400_000;

let root: string;
let demo: string;

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await execa('git', args, { cwd })).stdout;
}

async function aheadBehind(cwd: string, branch: string): Promise<{ ahead: number; behind: number }> {
  const [behind, ahead] = (await git(cwd, 'rev-list', '--left-right', '--count', `main...${branch}`))
    .split(/\s+/)
    .map(Number);
  return { ahead: ahead ?? NaN, behind: behind ?? NaN };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-demo-'));
  demo = (await createDemo({ dir: path.join(root, 'shared', 'demo') })).dir;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('createDemo', () => {
  it('creates a git repo with main history and the ticket branches', async () => {
    const branches = (await git(demo, 'branch', '--format=%(refname:short)')).split('\n').sort();
    expect(branches).toEqual(['main', MERGED, IN_PROGRESS, NO_COMMITS, BEHIND, SLOW_PAGE, FAILING_MIGRATION].sort());
    expect(await git(demo, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(await git(demo, 'status', '--porcelain')).toBe('');

    const log = (await git(demo, 'log', '--first-parent', '--format=%at|%an|%s', 'main')).split('\n');
    expect(log.length).toBeGreaterThanOrEqual(12);
    expect(log.length).toBeLessThanOrEqual(20);
    const times = log.map((line) => Number(line.split('|')[0]) * 1000);
    const authors = new Set(log.map((line) => line.split('|')[1]));
    expect(authors.size).toBeGreaterThanOrEqual(3);
    expect(Date.now() - Math.max(...times)).toBeLessThan(4 * DAY);
    expect(Date.now() - Math.min(...times)).toBeLessThan(25 * DAY);

    const config = parse(await readFile(path.join(demo, 'dynodeck.yml'), 'utf8'));
    expect(config).toEqual({
      project: 'brightcart',
      git: { mainBranch: 'main' },
      tickets: { dir: 'tickets' },
      platform: { kind: 'local', boxes: 2, build: 'npm run build', healthCheck: '/health' },
      deploy: { test: 'npm test' },
      alerts: {
        checks: { path: '/products/linen-apron', interval: 5 },
        rules: [{ name: 'p95-latency', metric: 'p95_ms', above: 1000, for: '1m' }],
      },
    });
    expect((await readFile(path.join(demo, '.gitignore'), 'utf8')).split('\n')).toContain('.dynodeck/');
    const files = [
      'package.json',
      'Procfile',
      'server.js',
      'worker.js',
      'bin/migrate.js',
      'src/db.js',
      'src/products.js',
      'test/products.test.js',
      'README.md',
      DEMO_MARKER,
    ];
    for (const file of files) {
      expect((await stat(path.join(demo, file))).isFile()).toBe(true);
    }
    // Built next to the demo, then renamed: nothing else is left in the parent folder.
    expect(await readdir(path.dirname(demo))).toEqual(['demo']);
  });

  it('the merged branch is an ancestor of main through a merge commit', async () => {
    const tip = await git(demo, 'rev-parse', MERGED);
    await execa('git', ['merge-base', '--is-ancestor', MERGED, 'main'], { cwd: demo });
    expect((await git(demo, 'rev-list', '--first-parent', 'main')).split('\n')).not.toContain(tip);
    const merges = (await git(demo, 'rev-list', '--merges', '--parents', 'main')).split('\n');
    expect(merges.some((line) => line.split(' ')[2] === tip)).toBe(true);
  });

  it('the in-progress branches are ahead of main', async () => {
    const { ahead, behind } = await aheadBehind(demo, IN_PROGRESS);
    expect(ahead).toBeGreaterThanOrEqual(2);
    expect(ahead).toBeLessThanOrEqual(3);
    expect(behind).toBe(0);
    const changed = (await git(demo, 'diff', '--name-only', `main...${IN_PROGRESS}`)).split('\n');
    expect(changed).toEqual(
      expect.arrayContaining(['server.js', 'src/products.js', 'migrations/003-add-search-terms.js']),
    );

    for (const branch of [SLOW_PAGE, FAILING_MIGRATION]) {
      expect(await aheadBehind(demo, branch), branch).toEqual({ ahead: 2, behind: 0 });
    }
    expect((await git(demo, 'diff', '--name-only', `main...${FAILING_MIGRATION}`)).split('\n')).toContain(
      'migrations/003-create-order-history.js',
    );
  });

  it('the branch with no commits points at a main commit', async () => {
    expect(await git(demo, 'rev-parse', NO_COMMITS)).toBe(await git(demo, 'rev-parse', 'main'));
  });

  it('the stale branch has commits and is behind main, but forks after the database and build step', async () => {
    const { ahead, behind } = await aheadBehind(demo, BEHIND);
    expect(ahead).toBeGreaterThanOrEqual(1);
    expect(behind).toBeGreaterThanOrEqual(1);
    const files = (await git(demo, 'ls-tree', '-r', '--name-only', BEHIND)).split('\n');
    expect(files).toEqual(
      expect.arrayContaining(['Procfile', 'src/db.js', 'bin/migrate.js', 'scripts/build-assets.js']),
    );
  });

  it('a second call leaves an existing demo untouched', async () => {
    const dir = path.join(root, 'again');
    await createDemo({ dir });
    const head = await git(dir, 'rev-parse', 'HEAD');
    await writeFile(path.join(dir, 'notes.txt'), 'mine');

    expect(await createDemo({ dir })).toEqual({ dir, created: false });
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await git(dir, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('reset rebuilds it', async () => {
    const dir = path.join(root, 'reset');
    await createDemo({ dir });
    await writeFile(path.join(dir, 'notes.txt'), 'scratch');

    expect(await createDemo({ dir, reset: true })).toEqual({ dir, created: true });
    const entries = await readdir(dir);
    expect(entries).not.toContain('notes.txt');
    expect(entries).toContain(DEMO_MARKER);
    expect(await git(dir, 'status', '--porcelain')).toBe('');
    expect((await readdir(root)).filter((name) => name.includes('building'))).toEqual([]);
  });

  it('builds into an existing empty folder', async () => {
    const dir = path.join(root, 'empty');
    await mkdir(dir);
    expect(await createDemo({ dir })).toEqual({ dir, created: true });
    expect(await readdir(dir)).toContain(DEMO_MARKER);
  });

  it('a non-empty folder that is not a demo is refused and left intact', async () => {
    const dir = path.join(root, 'someone-else');
    await mkdir(dir);
    await writeFile(path.join(dir, 'thesis.tex'), 'years of work');

    for (const reset of [false, true]) {
      await expect(createDemo({ dir, reset })).rejects.toThrow(`${dir} already exists and is not a dynodeck demo`);
    }
    expect(await readdir(dir)).toEqual(['thesis.tex']);
    expect(await readFile(path.join(dir, 'thesis.tex'), 'utf8')).toBe('years of work');
  });

  it('works without any git identity or global git config', async () => {
    const dir = path.join(root, 'no-identity');
    // No identity anywhere, and a GIT_DIR like the one a git hook would pass down.
    const changes: Record<string, string | undefined> = {
      HOME: root,
      XDG_CONFIG_HOME: root,
      GIT_DIR: path.join(root, 'elsewhere'),
      GIT_AUTHOR_NAME: undefined,
      GIT_AUTHOR_EMAIL: undefined,
      GIT_COMMITTER_NAME: undefined,
      GIT_COMMITTER_EMAIL: undefined,
      EMAIL: undefined,
    };
    const saved = Object.fromEntries(Object.keys(changes).map((key) => [key, process.env[key]]));
    const apply = (values: Record<string, string | undefined>) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    };
    try {
      apply(changes);
      expect((await createDemo({ dir })).created).toBe(true);
    } finally {
      apply(saved);
    }
    expect(await git(dir, 'log', '-1', '--format=%an', 'main')).not.toBe('');
    expect(await readdir(root)).not.toContain('elsewhere');
  });
});
