// The note at the end of an environment's row: a finished operation's result for 5 minutes,
// except that maintenance mode (visitors get an error page) outranks a success.
import { describe, expect, it } from 'vitest';
import { environmentRow } from '../../../src/screens/present/environment-row.js';
import type { Operation } from '../../../src/store/environments-slice.js';
import type { EnvironmentSnapshot } from '../../../src/services/ports.js';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const env = (maintenance: boolean): EnvironmentSnapshot => ({
  name: 'box-1',
  app: 'shop-box-1',
  stage: 'development',
  url: 'http://box-1.example',
  maintenance,
  formation: { web: 1 },
  dynos: [],
});
const op = (over: Partial<Operation>): Operation => ({
  id: 1,
  kind: 'maintenance',
  env: 'box-1',
  steps: ['maintenance'],
  step: 1,
  detail: 'on',
  state: 'succeeded',
  startedAt: NOW - 2_000,
  finishedAt: NOW - 1_000,
  ...over,
});

describe("an environment row's note", () => {
  it('maintenance turned on shows as maintenance mode, not as a success', () => {
    expect(environmentRow(env(true), op({}), undefined, NOW)).toMatchObject({
      note: 'maintenance mode',
      noteTone: 'error',
    });
  });

  it('a success says what it did, from its last step when the platform gave no release', () => {
    expect(environmentRow(env(false), op({ detail: 'off' }), undefined, NOW).note).toBe('✓ maintenance done (off)');
  });

  it('a failure outranks maintenance mode', () => {
    expect(
      environmentRow(env(true), op({ state: 'failed', reason: '422 invalid_params: no' }), undefined, NOW).note,
    ).toBe('✗ maintenance failed: 422 invalid_params: no');
  });
});
