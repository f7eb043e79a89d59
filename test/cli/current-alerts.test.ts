import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { currentAlerts, statusAlerts } from '../../src/cli/current-alerts.js';
import { loadConfig } from '../../src/config/load-config.js';
import { memoryPlatform } from '../helpers/memory-platform.js';

describe('the alerts as of now, for headless commands', () => {
  it('a log that cannot be read leaves every log rule unknown on each environment, not quiet', async () => {
    const loaded = await loadConfig({ cwd: os.tmpdir() });
    const platform = memoryPlatform(); // its log sessions fail: "no logs in memory"
    const envs = await platform.environments();
    const { alerts, unknown } = await currentAlerts(loaded, platform, envs);
    // staging has a crashed dyno right now: that is known without a log.
    expect(alerts.filter((a) => a.state === 'firing').map((a) => `${a.rule}@${a.env}`)).toEqual(['crashed@staging']);
    const production = unknown.filter((u) => u.env === 'production');
    expect(production.map((u) => u.rule).sort()).toEqual(
      ['crashed', 'error-rate', 'memory', 'p95-latency', 'release-failed', 'restart-loop'].sort(),
    );
    expect(production[0]!.reason).toBe('the log could not be read: no logs in memory');
    expect(unknown.some((u) => u.env === 'staging' && u.rule === 'crashed')).toBe(false);
  });

  it("status --json's alerts say unknown when the platform's environments could not be read", async () => {
    const loaded = await loadConfig({ cwd: os.tmpdir() });
    const platform = memoryPlatform();
    const sources = {
      engine: { name: 'engine', intervalMs: 0, failures: 1, error: 'connect ECONNREFUSED 127.0.0.1:1' },
    };
    const { alerts, databases } = await statusAlerts(loaded, platform, { sources, environments: [] });
    expect(databases).toEqual({});
    expect(alerts).toEqual([
      {
        rule: null,
        env: null,
        severity: null,
        state: 'unknown',
        since: null,
        value: null,
        threshold: null,
        reason: 'cannot read the environments: connect ECONNREFUSED 127.0.0.1:1',
      },
    ]);
  });
});
