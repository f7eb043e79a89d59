import { describe, expect, it } from 'vitest';
import { buildDynoEnv } from '../../../src/engine/runtime/dyno-env.js';

describe('a dyno environment', () => {
  it('tells the app to listen on loopback with HOST, whatever the config vars say', () => {
    const env = buildDynoEnv(
      { name: 'web.1', env: { HOST: '0.0.0.0', DATABASE_URL: 'file:///tmp/db.json' }, port: 5001 },
      { PATH: '/usr/bin', HEROKU_API_KEY: 'secret' },
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      DATABASE_URL: 'file:///tmp/db.json',
      DYNO: 'web.1',
      PORT: '5001',
      HOST: '127.0.0.1',
    });
  });

  it('gives processes without a port (workers, the release phase) HOST too and no PORT', () => {
    const env = buildDynoEnv({ name: 'worker.1', env: {} }, {});
    expect(env).toEqual({ DYNO: 'worker.1', HOST: '127.0.0.1' });
  });
});
