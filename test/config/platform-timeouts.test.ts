// platform.timeouts in dynodeck.yml: durations written like the alert rules' ("15m"), or seconds.
import { describe, expect, it } from 'vitest';
import { durationMs } from '../../src/config/schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { tempProject } from './helpers.js';

const yml = (timeouts: string) => `platform:\n  kind: local\n  timeouts: ${timeouts}\n`;

describe('platform.timeouts', () => {
  it('reads durations in seconds, minutes or hours, and plain numbers as seconds', async () => {
    const cwd = await tempProject(yml('{ build: 15m, release: 1h, boot: 90 }'));
    const { config } = await loadConfig({ cwd });
    const t = config.platform!.timeouts!;
    expect([durationMs(t.build!), durationMs(t.release!), durationMs(t.boot!)]).toEqual([900_000, 3_600_000, 90_000]);
    expect(durationMs('45s')).toBe(45_000);
  });

  it('a duration it cannot read is a config error naming the key, the line and what was expected', async () => {
    for (const [value, key] of [
      ['{ release: soon }', 'release'],
      ['{ build: 0s }', 'build'],
      ['{ build: 25h }', 'build'],
      ['{ boot: 2h }', 'boot'],
      ['{ boot: -5 }', 'boot'],
    ] as const) {
      const cwd = await tempProject(yml(value));
      const error = (await loadConfig({ cwd }).catch((e: unknown) => e)) as Error;
      expect(error.message, value).toMatch(
        new RegExp(`dynodeck\\.yml:3:\\d+: platform\\.timeouts\\.${key}: expected a duration like 90s, 15m or 1h`),
      );
    }
  });

  it('an unknown limit is refused with the keys that exist', async () => {
    const cwd = await tempProject(yml('{ deploy: 5m }'));
    const error = (await loadConfig({ cwd }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/platform\.timeouts\.deploy: unknown key/);
  });
});
