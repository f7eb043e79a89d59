import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDemoDir } from '../../src/demo/demo-location.js';

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
});
