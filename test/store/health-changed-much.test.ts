import { describe, expect, it } from 'vitest';
import { healthChangedMuch } from '../../src/store/health-watcher.js';
import type { EnvHealth } from '../../src/store/health-slice.js';

const history: number[] = [];
const base = (over: Partial<EnvHealth> = {}): EnvHealth => ({
  rps: 0.2,
  p95: 251,
  errorRate: 0,
  hCodes: {},
  rpsHistory: history,
  p95History: history,
  check: { ok: true, status: 200, latencyMs: 12, at: 1000 },
  ...over,
});

describe('which health changes are shown at once', () => {
  it('figures that drift, a check that passes again, wait for the next round', () => {
    const shown = { staging: base() };
    expect(healthChangedMuch(shown, { staging: base({ rps: 0.3, p95: 260 }) })).toBe(false);
    expect(
      healthChangedMuch(shown, { staging: base({ check: { ok: true, status: 200, latencyMs: 30, at: 6000 } }) }),
    ).toBe(false);
  });

  it('an environment, a figure or a failure that appears or goes is shown at once', () => {
    const shown = { staging: base() };
    expect(healthChangedMuch(shown, { staging: base(), production: base() })).toBe(true);
    expect(healthChangedMuch(shown, { staging: base({ p95: undefined }) })).toBe(true);
    expect(healthChangedMuch(shown, { staging: base({ rps: 0 }) })).toBe(true);
    expect(healthChangedMuch(shown, { staging: base({ errorRate: 0.05 }) })).toBe(true);
    expect(healthChangedMuch(shown, { staging: base({ hCodes: { H12: 1 } }) })).toBe(true);
    expect(
      healthChangedMuch(shown, { staging: base({ check: { ok: false, status: 500, latencyMs: 30, at: 6000 } }) }),
    ).toBe(true);
    expect(healthChangedMuch(shown, { staging: base({ stream: { downSince: 5 } }) })).toBe(true);
    expect(healthChangedMuch(shown, { staging: base({ rpsHistory: [1] }) })).toBe(true);
  });
});
