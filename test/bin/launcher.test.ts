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

  it('starts node again with the flags of the deck for the deck, in the same process, and not for other commands', async () => {
    // Each start of node says which options it has, its pid and the size of V8's young generation's semispace.
    const sayStart =
      'data:text/javascript,import v8 from "node:v8";process.stderr.write("start "+JSON.stringify(process.execArgv.filter(a=>!a.startsWith("data:")&&a!=="--import"))+" "+process.pid+" "+v8.getHeapSpaceStatistics().find(s=>s.space_name==="new_space").space_size+"\\n")';
    const deck = await execa(
      process.execPath,
      ['--import', sayStart, LAUNCHER, 'deck', '--config', '/nonexistent/dynodeck.yml'],
      {
        reject: false,
        env: { CI: 'true' },
      },
    );
    const starts = deck.stderr.split('\n').filter((line) => line.startsWith('start '));
    expect(starts).toHaveLength(2);
    expect(starts[0]).toMatch(/^start \[\] \d+ \d+$/);
    expect(starts[1]).toMatch(/^start \["--no-memory-reducer","--min-semi-space-size=2"\] \d+ 2097152$/);
    expect(starts[1]!.split(' ')[2]).toBe(starts[0]!.split(' ')[2]); // execve: the same process
    const version = await execa(process.execPath, ['--import', sayStart, LAUNCHER, '--version'], { reject: false });
    expect(version.stderr.split('\n').filter((line) => line.startsWith('start '))).toHaveLength(1);
    expect(version.exitCode).toBe(0);
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
