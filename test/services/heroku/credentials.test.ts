import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findHerokuToken, netrcPassword } from '../../../src/services/heroku/credentials.js';

let home: string | undefined;
afterEach(async () => {
  if (home) await rm(home, { recursive: true, force: true });
  home = undefined;
});

describe('Heroku credentials', () => {
  it('HEROKU_API_KEY comes first', () => {
    expect(findHerokuToken({ HEROKU_API_KEY: ' abc ' }, { home: '/nonexistent' })).toEqual({
      token: 'abc',
      source: 'HEROKU_API_KEY',
    });
  });

  it('then ~/.netrc, machine api.heroku.com, as the Heroku CLI writes it', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-home-'));
    await writeFile(
      path.join(home, '.netrc'),
      'machine git.heroku.com\n  login me@example.com\n  password gitpass\nmachine api.heroku.com\n  login me@example.com\n  password apitoken\n',
    );
    expect(findHerokuToken({}, { home })).toEqual({ token: 'apitoken', source: '~/.netrc' });
  });

  it('the host follows HEROKU_API_URL, and nothing found is undefined', () => {
    expect(netrcPassword('machine api.example.test login x password t1', 'api.example.test')).toBe('t1');
    expect(netrcPassword('machine other password t2', 'api.heroku.com')).toBeUndefined();
    expect(findHerokuToken({}, { home: '/nonexistent' })).toBeUndefined();
  });
});
