import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDemoDir, demoResetCommand } from '../../src/demo/demo-location.js';

describe('defaultDemoDir', () => {
  it('uses $XDG_STATE_HOME when it is set', () => {
    expect(defaultDemoDir({ XDG_STATE_HOME: '/state', HOME: '/home/ana' }, 'linux')).toBe(
      path.join('/state', 'dynodeck', 'demo'),
    );
    expect(defaultDemoDir({ XDG_STATE_HOME: '/state', HOME: '/Users/ana' }, 'darwin')).toBe(
      path.join('/state', 'dynodeck', 'demo'),
    );
  });

  it('ignores a relative $XDG_STATE_HOME, as the XDG spec asks', () => {
    expect(defaultDemoDir({ XDG_STATE_HOME: 'state', HOME: '/home/ana' }, 'linux')).toBe(
      path.join('/home/ana', '.local', 'state', 'dynodeck', 'demo'),
    );
  });

  it('falls back to ~/.local/state, or Application Support on macOS', () => {
    expect(defaultDemoDir({ HOME: '/home/ana' }, 'linux')).toBe(
      path.join('/home/ana', '.local', 'state', 'dynodeck', 'demo'),
    );
    expect(defaultDemoDir({ HOME: '/Users/ana' }, 'darwin')).toBe(
      path.join('/Users/ana', 'Library', 'Application Support', 'dynodeck', 'demo'),
    );
  });

  it('the command that rebuilds a demo names its folder and example when they are not the default', () => {
    expect(demoResetCommand(undefined, 'brightcart')).toBe('dynodeck demo --reset');
    expect(demoResetCommand('/tmp/review-demo', 'brightcart')).toBe('dynodeck demo --dir /tmp/review-demo --reset');
    expect(demoResetCommand("/tmp/it's here", 'django')).toBe(
      "dynodeck demo --dir '/tmp/it'\\''s here' --example django --reset",
    );
  });
});
