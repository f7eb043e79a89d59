import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { tempProject } from './helpers.js';

async function problemsOf(cwd: string, opts: { path?: string } = {}): Promise<ConfigError> {
  const error = await loadConfig({ cwd, ...opts }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfig', () => {
  it('no file gives the defaults with the folder name as project', async () => {
    const cwd = await tempProject();
    const loaded = await loadConfig({ cwd });
    expect(loaded).toEqual({
      file: undefined,
      root: cwd,
      config: {
        project: path.basename(cwd),
        git: { mainBranch: 'main' },
        tickets: { source: 'markdown', dir: 'tickets' },
        refresh: { tickets: 2, git: 5 },
        deploy: {},
        alerts: { defaults: true, notify: { terminal: true, bell: true }, checks: { interval: 10 }, rules: [] },
        readOnly: false,
        keys: {},
      },
    });
  });

  it('an empty file or empty sections give the defaults', async () => {
    for (const yml of ['', '# nothing yet\n', 'git:\nrefresh:\n  # git: 10\n']) {
      const cwd = await tempProject(yml);
      const { config, file } = await loadConfig({ cwd });
      expect(file).toBe(path.join(cwd, 'dynodeck.yml'));
      expect(config.refresh).toEqual({ tickets: 2, git: 5 });
      expect(config.git.mainBranch).toBe('main');
    }
  });

  it('a full file is read as written', async () => {
    const cwd = await tempProject(
      [
        'project: shop',
        'git:',
        '  mainBranch: trunk',
        'tickets:',
        '  source: markdown',
        '  dir: docs/tickets',
        'refresh:',
        '  tickets: 0.5',
        '  git: 30',
        'deploy:',
        '  test: npm test',
        'platform:',
        '  boxes: 3',
        '',
      ].join('\n'),
    );
    const { config } = await loadConfig({ cwd });
    expect(config).toEqual({
      project: 'shop',
      git: { mainBranch: 'trunk' },
      tickets: { source: 'markdown', dir: 'docs/tickets' },
      refresh: { tickets: 0.5, git: 30 },
      deploy: { test: 'npm test' },
      platform: { kind: 'local', boxes: 3 },
      alerts: { defaults: true, notify: { terminal: true, bell: true }, checks: { interval: 10 }, rules: [] },
      readOnly: false,
      keys: {},
    });
  });

  it('--config reads the named file and makes its folder the project root', async () => {
    const cwd = await tempProject();
    await mkdir(path.join(cwd, 'deploy'));
    await writeFile(path.join(cwd, 'deploy', 'deck.yml'), 'git:\n  mainBranch: develop\n');
    const loaded = await loadConfig({ cwd, path: 'deploy/deck.yml' });
    expect(loaded.file).toBe(path.join(cwd, 'deploy', 'deck.yml'));
    expect(loaded.root).toBe(path.join(cwd, 'deploy'));
    expect(loaded.config.project).toBe('deploy');
    expect(loaded.config.git.mainBranch).toBe('develop');
  });

  it('a missing --config file is an error', async () => {
    const cwd = await tempProject();
    const error = await problemsOf(cwd, { path: 'nope.yml' });
    expect(error.format()).toBe('nope.yml:1:1: (file): file not found');
  });

  it('a file outside the working folder is shown by its absolute path', async () => {
    const cwd = await tempProject();
    const elsewhere = path.join(os.tmpdir(), `dynodeck-missing-${process.pid}.yml`);
    const error = await problemsOf(cwd, { path: elsewhere });
    expect(error.problems[0]?.file).toBe(elsewhere);
  });

  it('an unknown key names its line and suggests the closest key', async () => {
    const cwd = await tempProject('project: shop\n\ntickets:\n  dri: docs\n');
    const error = await problemsOf(cwd);
    expect(error.format()).toBe('dynodeck.yml:4:3: tickets.dri: unknown key (did you mean "dir"?)');
    expect(error.message).toBe(error.format());
  });

  it('an unknown key with no value is still reported', async () => {
    const cwd = await tempProject('tickets:\n  dri:\n');
    expect((await problemsOf(cwd)).format()).toBe('dynodeck.yml:2:3: tickets.dri: unknown key (did you mean "dir"?)');
  });

  it('an alias to nothing is reported instead of crashing', async () => {
    const cwd = await tempProject('project: *nowhere\n');
    expect((await problemsOf(cwd)).problems[0]).toMatchObject({ field: '(syntax)' });
  });

  it('an unknown key with no close match lists the keys that are allowed', async () => {
    const cwd = await tempProject('colour: blue\n');
    const error = await problemsOf(cwd);
    expect(error.format()).toBe(
      'dynodeck.yml:1:1: colour: unknown key (known keys: project, git, tickets, platform, deploy, alerts, readOnly, keys, cloudwatch, github, refresh)',
    );
  });

  it('a value of the wrong type names the field, line and what was expected', async () => {
    const cwd = await tempProject(
      'project: shop\ngit:\n  mainBranch: main\ntickets:\n  dir: tickets\nrefresh:\n  git: soon\n',
    );
    const error = await problemsOf(cwd);
    // The column is the value's ("soon"), not the key's.
    expect(error.format()).toBe('dynodeck.yml:7:8: refresh.git: expected a number of seconds (1 to 3600), got "soon"');
    expect(error.problems).toEqual([
      {
        file: 'dynodeck.yml',
        line: 7,
        column: 8,
        field: 'refresh.git',
        message: 'expected a number of seconds (1 to 3600), got "soon"',
      },
    ]);
  });

  it('out-of-range numbers, wrong choices and wrong shapes say what was expected in plain words', async () => {
    const cwd = await tempProject(
      'project: ""\ngit: main\ntickets:\n  source: jira\nrefresh:\n  tickets: 0.1\n  git: 99999\n',
    );
    const lines = (await problemsOf(cwd)).format().split('\n');
    expect(lines).toEqual([
      'dynodeck.yml:1:10: project: expected text (1 to 60 characters), got ""',
      'dynodeck.yml:2:6: git: expected a mapping (key: value), got "main"',
      'dynodeck.yml:4:11: tickets.source: expected one of markdown, github, got "jira"',
      'dynodeck.yml:6:12: refresh.tickets: expected a number of seconds (0.5 to 3600), got 0.1',
      'dynodeck.yml:7:8: refresh.git: expected a number of seconds (1 to 3600), got 99999',
    ]);
  });

  it('a file that is not a mapping is refused at the root', async () => {
    const cwd = await tempProject('- just\n- a list\n');
    expect((await problemsOf(cwd)).format()).toBe(
      'dynodeck.yml:1:1: (root): expected a mapping (key: value), got a list',
    );
  });

  it('a YAML syntax error points at its line', async () => {
    const cwd = await tempProject('project: shop\ngit:\n  mainBranch: main\n bad: indent\n');
    const error = await problemsOf(cwd);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ line: 4, field: '(syntax)' });
    expect(error.format()).toMatch(/^dynodeck\.yml:4:\d+: \(syntax\): /);
  });

  it('a key written twice is a syntax error at the second one', async () => {
    const cwd = await tempProject('project: a\nproject: b\n');
    expect((await problemsOf(cwd)).format()).toBe(
      'dynodeck.yml:2:1: (syntax): a key appears twice in the same mapping',
    );
  });

  it('a token in the file is refused without echoing it', async () => {
    const secret = 'ghp_VerySecretValue123';
    const cwd = await tempProject(
      `project: shop\ngit:\n  token: ${secret}\nheroku_api_key: "${secret}"\nPassword: [${secret}]\n`,
    );
    const error = await problemsOf(cwd);
    const advice =
      'secrets do not belong in dynodeck.yml; set HEROKU_API_KEY / GITHUB_TOKEN in the environment instead';
    expect(error.format().split('\n')).toEqual([
      `dynodeck.yml:3:3: git.token: ${advice}`,
      `dynodeck.yml:4:1: heroku_api_key: ${advice}`,
      `dynodeck.yml:5:1: Password: ${advice}`,
    ]);
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error.problems)).not.toContain(secret);
  });

  it('a secret is refused even when the rest of the file has a syntax error', async () => {
    const secret = 'hunter2hunter2';
    const cwd = await tempProject(`apiKey: ${secret}\nproject: "unclosed\n`);
    const error = await problemsOf(cwd);
    expect(error.problems.map((p) => p.field)).toEqual(['apiKey', '(syntax)']);
    expect(error.message).not.toContain(secret);
  });

  it('a long bad value is quoted at most 40 characters', async () => {
    const long = 'x'.repeat(100);
    const cwd = await tempProject(`refresh:\n  git: ${long}\n`);
    const message = (await problemsOf(cwd)).problems[0]?.message ?? '';
    expect(message).toBe(`expected a number of seconds (1 to 3600), got "${'x'.repeat(40)}…"`);
  });

  it('every problem is reported, sorted by line', async () => {
    const cwd = await tempProject(
      'refresh:\n  git: 0\n  tickts: 3\nproject: 42\ngit:\n  mainBranch: ""\n  branch: x\n',
    );
    const error = await problemsOf(cwd);
    expect(error.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'refresh.git'],
      [3, 'refresh.tickts'],
      [4, 'project'],
      [6, 'git.mainBranch'],
      [7, 'git.branch'],
    ]);
    expect(error.problems[1]?.message).toBe('unknown key (did you mean "tickets"?)');
  });

  it('keys the local engine reads are errors with kind: heroku, each at its line', async () => {
    const cwd = await tempProject(
      [
        'platform:',
        '  kind: heroku',
        '  pipeline: shop',
        '  boxes: 3',
        '  build: npm run build',
        '  basePort: 5100',
        '  healthCheck: /health',
        '',
      ].join('\n'),
    );
    const error = await problemsOf(cwd);
    expect(error.format().split('\n')).toEqual([
      "dynodeck.yml:4:3: platform.boxes: means nothing with kind: heroku (on Heroku the feature boxes are the pipeline's review and development apps); remove it, or set kind: local",
      "dynodeck.yml:5:3: platform.build: means nothing with kind: heroku (Heroku builds with the app's buildpacks); remove it, or set kind: local",
      'dynodeck.yml:6:3: platform.basePort: means nothing with kind: heroku (Heroku apps are reached at their own URLs); remove it, or set kind: local',
    ]);
  });

  it('keys only Heroku reads are errors on the local engine, also when kind is left to its default', async () => {
    for (const kind of ['  kind: local\n', '']) {
      const cwd = await tempProject(`platform:\n${kind}  pipeline: shop\n  apps:\n    staging: shop-staging\n`);
      const error = await problemsOf(cwd);
      const first = kind ? 3 : 2;
      expect(error.problems.map((p) => [p.line, p.column, p.field])).toEqual([
        [first, 3, 'platform.pipeline'],
        [first + 1, 3, 'platform.apps'],
      ]);
      expect(error.problems[0]!.message).toBe(
        'means nothing with kind: local (the local engine runs the environments this file describes); remove it, or set kind: heroku',
      );
    }
  });

  it('each kind takes its own keys without complaint', async () => {
    const local = await tempProject('platform:\n  kind: local\n  boxes: 1\n  build: make\n  basePort: 5100\n');
    expect((await loadConfig({ cwd: local })).config.platform).toMatchObject({
      boxes: 1,
      build: 'make',
      basePort: 5100,
    });
    const heroku = await tempProject('platform:\n  kind: heroku\n  apps:\n    staging: shop-staging\n');
    expect((await loadConfig({ cwd: heroku })).config.platform).toMatchObject({ kind: 'heroku' });
  });
});

describe('keys and readOnly', () => {
  it('reads remapped keys (one or a list) and readOnly as true or a list', async () => {
    const cwd = await tempProject('keys:\n  deploy: D\n  logs.follow: [F, f]\nreadOnly: [production]\n');
    const { config } = await loadConfig({ cwd });
    expect(config.keys).toEqual({ deploy: ['D'], 'logs.follow': ['F', 'f'] });
    expect(config.readOnly).toEqual(['production']);
  });

  it('a check the schema cannot make reports at the key, with its line', async () => {
    const cwd = await tempProject('project: shop\nkeys:\n  deplo: D\n');
    const error = await loadConfig({
      cwd,
      checks: [(c) => Object.keys(c.keys).map((id) => ({ path: ['keys', id], message: `no command "${id}"` }))],
    }).catch((e: unknown) => e as ConfigError);
    expect((error as ConfigError).format()).toBe('dynodeck.yml:3:3: keys.deplo: no command "deplo"');
  });

  it('readOnly that is neither true/false nor a list is an error', async () => {
    const error = await problemsOf(await tempProject('readOnly: production\n'));
    expect(error.format()).toMatch(/^dynodeck.yml:1:11: readOnly: expected true, false, or a list/);
  });
});
