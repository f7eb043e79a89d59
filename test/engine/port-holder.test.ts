// Naming what holds a port, so "port in use" says what to stop.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describePortHolder, findPortHolder } from '../../src/engine/port-holder.js';

describe('port holder', () => {
  it('finds the process listening on a port, and nothing on a free one', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const holder = findPortHolder(port);
      expect(holder?.pid).toBe(process.pid);
      expect(holder?.cwd).toBe(process.cwd());
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(findPortHolder(port)).toBeUndefined();
  });

  it("names another project's dynodeck engine by its project folder, and other programs by pid and command", () => {
    expect(
      describePortHolder({ pid: 42, command: 'node /opt/dynodeck/bin/dynodeck.js engine run', cwd: '/work/shop' }),
    ).toBe('the dynodeck engine of /work/shop (pid 42)');
    expect(describePortHolder({ pid: 7, command: 'python3 -m http.server 5100' })).toBe(
      'pid 7 (python3 -m http.server 5100)',
    );
  });
});
