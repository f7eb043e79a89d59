// The headless commands, run as a user runs them: the built CLI in a child process.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../src/demo/create-demo.js';
import { CLI } from '../helpers/pty-deck.js';

let work: string;
let demo: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-cli-'));
  demo = (await createDemo({ dir: path.join(work, 'demo') })).dir;
});
afterAll(() => rm(work, { recursive: true, force: true }));

const dynodeck = (args: string[], cwd: string) =>
  execa(process.execPath, [CLI, ...args], { cwd, reject: false, env: { CI: 'true' } });

describe('dynodeck status --json', () => {
  it('prints the project, every ticket with its derived stage, and the sources', async () => {
    const { stdout, exitCode } = await dynodeck(['status', '--json'], demo);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.project).toBe('brightcart');
    const stages = Object.fromEntries(report.tickets.map((t: { id: string; stage: string }) => [t.id, t.stage]));
    expect(stages).toEqual({
      'BC-101': 'merged',
      'BC-102': 'in progress',
      'BC-103': 'todo',
      'BC-104': 'in progress',
      'BC-105': 'todo',
      'BC-106': 'todo',
      'BC-107': 'in progress',
      'BC-108': 'in progress',
    });
    expect(report.tickets[0]).toMatchObject({
      id: 'BC-101',
      complexity: 'trivial',
      criteria: { done: 4, total: 4 },
      branch: 'bc-101-price-decimals',
    });
    expect(report.sources.map((s: { name: string; state: string }) => `${s.name}:${s.state}`).sort()).toEqual([
      'engine:error',
      'git:ok',
      'tickets:ok',
    ]);
    // status only reads: it never starts the demo's engine
    expect(report.sources.find((s: { name: string }) => s.name === 'engine').error).toBe(
      'the local engine is not running ("dynodeck engine start")',
    );
    expect(report.environments).toEqual([]);
  });

  it('a broken ticket is listed as a problem and a failing source as an error, and the command still answers', async () => {
    const project = await mkdtemp(path.join(work, 'nogit-'));
    await mkdir(path.join(project, 'tickets'));
    await writeFile(path.join(project, 'tickets', 'X-1.md'), '---\nid: X-1\ntitle: ok\ncomplexity: trivial\n---\n');
    await writeFile(path.join(project, 'tickets', 'X-2.md'), 'no front matter\n');
    const { stdout, exitCode } = await dynodeck(['status', '--json'], project);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.tickets.map((t: { id: string }) => t.id)).toEqual(['X-1']);
    expect(report.ticketProblems).toEqual([
      { file: path.join('tickets', 'X-2.md'), message: expect.stringContaining('no front matter') },
    ]);
    expect(report.sources.find((s: { name: string }) => s.name === 'git')).toMatchObject({
      state: 'error',
      error: `not a git repository: ${project}`,
    });
  });
});

describe('usage and configuration errors', () => {
  it('exit with 2 and name the problem', async () => {
    const bad = await mkdtemp(path.join(work, 'badcfg-'));
    await writeFile(path.join(bad, 'dynodeck.yml'), 'refresh:\n  git: soon\n');
    const config = await dynodeck(['status'], bad);
    expect(config.exitCode).toBe(2);
    expect(config.stderr).toBe('dynodeck.yml:2:8: refresh.git: expected a number of seconds (1 to 3600), got "soon"');
    expect(config.stdout).toBe('');

    const usage = await dynodeck(['frobnicate'], bad);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain('unknown command "frobnicate"');
  });

  it('the deck refuses to start without a terminal and says what to use instead', async () => {
    const { exitCode, stderr } = await dynodeck([], demo);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('dynodeck status --json');
  });

  it('config schema prints a JSON Schema that forbids unknown keys', async () => {
    const { stdout, exitCode } = await dynodeck(['config', 'schema'], work);
    expect(exitCode).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['project', 'git', 'tickets', 'refresh']));
  });

  it('--version prints the package version', async () => {
    const { stdout } = await dynodeck(['--version'], work);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
