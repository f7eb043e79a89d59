import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTemplateDir } from '../../src/demo/create-demo.js';
import { loadDemoHistory } from '../../src/demo/demo-history.js';

let root: string;
let count = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-demo-history-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A throwaway template: history.yml plus step files given as "step/path" → content. */
async function template(history: string, files: Record<string, string> = {}): Promise<string> {
  const dir = path.join(root, `t${++count}`);
  await mkdir(dir);
  await writeFile(path.join(dir, 'history.yml'), history);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, 'steps', file)), { recursive: true });
    await writeFile(path.join(dir, 'steps', file), content);
  }
  return dir;
}

const AUTHORS = 'authors:\n  ana: { name: Ana, email: ana@example.com }\n';

describe('loadDemoHistory', () => {
  it('resolves the shipped template into commits with parents and contents', async () => {
    const history = await loadDemoHistory(defaultTemplateDir());
    const merge = history.commits.find((c) => c.parents.length === 2);
    expect(merge?.files.map((f) => f.path).sort()).toEqual([
      'server.js',
      'src/products.js',
      'test/products.test.js',
      'tickets/BC-101-price-decimals.md',
    ]);
    expect([...history.branches.keys()].sort()).toEqual([
      'bc-101-price-decimals',
      'bc-102-product-search',
      'bc-103-health-details',
      'bc-104-stock-levels',
      'bc-107-related-products',
      'bc-108-order-history',
      'main',
    ]);
    const first = history.commits[0];
    expect(first?.files.find((f) => f.path === '.gitignore')?.content.toString()).toContain('.dynodeck/');
  });

  it('names a listed file that is missing', async () => {
    const dir = await template(
      `${AUTHORS}commits:\n  - { id: one, author: ana, ago: 2d, message: Start, files: [a.txt, b.txt] }\n`,
      { 'one/a.txt': 'a' },
    );
    await expect(loadDemoHistory(dir)).rejects.toThrow('commit one lists b.txt');
  });

  it('refuses unknown authors, odd ages and paths that leave the repository', async () => {
    const commit = (fields: string) =>
      template(`${AUTHORS}commits:\n  - { id: one, message: Start, files: [a.txt], ${fields} }\n`, {
        'one/a.txt': 'a',
      });
    await expect(loadDemoHistory(await commit('author: bob, ago: 2d'))).rejects.toThrow('author not listed');
    await expect(loadDemoHistory(await commit('author: ana, ago: yesterday'))).rejects.toThrow('`ago` must look like');
    const escape = await template(
      `${AUTHORS}commits:\n  - { id: one, author: ana, ago: 2d, message: Start, files: [../a.txt] }\n`,
    );
    await expect(loadDemoHistory(escape)).rejects.toThrow('plain relative paths');
  });

  it('refuses a merge that a real merge would see as a conflict', async () => {
    const dir = await template(
      `${AUTHORS}branches:\n  topic: one\ncommits:\n` +
        '  - { id: one, author: ana, ago: 3d, message: Start, files: [a.txt] }\n' +
        '  - { id: two, branch: topic, author: ana, ago: 2d, message: Topic, files: [a.txt] }\n' +
        '  - { id: three, author: ana, ago: 2d, message: Main, files: [a.txt] }\n' +
        '  - { id: four, author: ana, ago: 1d, message: Merge, merge: topic }\n',
      { 'one/a.txt': '1', 'two/a.txt': '2', 'three/a.txt': '3' },
    );
    await expect(loadDemoHistory(dir)).rejects.toThrow('topic and main both changed a.txt');
  });

  it('accepts that merge once the merge step resolves the file itself', async () => {
    const dir = await template(
      `${AUTHORS}branches:\n  topic: one\ncommits:\n` +
        '  - { id: one, author: ana, ago: 3d, message: Start, files: [a.txt] }\n' +
        '  - { id: two, branch: topic, author: ana, ago: 2d, message: Topic, files: [a.txt, b.txt] }\n' +
        '  - { id: three, author: ana, ago: 2d, message: Main, files: [a.txt] }\n' +
        '  - { id: four, author: ana, ago: 1d, message: Merge, merge: topic, files: [a.txt] }\n',
      { 'one/a.txt': '1', 'two/a.txt': '2', 'two/b.txt': 'b', 'three/a.txt': '3', 'four/a.txt': '2+3' },
    );
    const merge = (await loadDemoHistory(dir)).commits[3];
    expect(merge?.parents).toEqual(['three', 'two']);
    expect(merge?.files.map((f) => [f.path, f.content.toString()])).toEqual([
      ['b.txt', 'b'],
      ['a.txt', '2+3'],
    ]);
  });

  it('refuses a commit dated before its parent', async () => {
    const dir = await template(
      `${AUTHORS}commits:\n  - { id: one, author: ana, ago: 2d, message: Start, files: [a.txt] }\n  - { id: two, author: ana, ago: 3d, message: Next, files: [a.txt] }\n`,
      { 'one/a.txt': '1', 'two/a.txt': '2' },
    );
    await expect(loadDemoHistory(dir)).rejects.toThrow('older than its parent one');
  });
});
