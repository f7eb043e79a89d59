// The launcher refuses an older Node with a sentence naming both versions, before it loads
// the bundle (which would crash on it with an error that says nothing about the version).
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const LAUNCHER = path.resolve(import.meta.dirname, '../../bin/dynodeck.js');
/** Node started as if it were another version (process.versions.node is what the launcher reads). */
const asVersion = (version: string) =>
  `data:text/javascript,Object.defineProperty(process.versions,"node",{value:${JSON.stringify(version)}})`;

describe('bin/dynodeck.js', () => {
  it('on Node 20 says dynodeck needs Node 22 and which Node it found, and exits 2', async () => {
    const run = await execa(process.execPath, ['--import', asVersion('20.20.2'), LAUNCHER, '--version'], {
      reject: false,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('dynodeck needs Node ≥ 22 (you have 20.20.2)');
  });

  it('on Node 22 runs the CLI', async () => {
    const run = await execa(process.execPath, ['--import', asVersion('22.0.0'), LAUNCHER, '--version'], {
      reject: false,
    });
    expect(run.stderr).not.toContain('needs Node');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
