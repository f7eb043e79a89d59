import { mkdtemp, readFile, readdir, rm, stat, writeFile, mkdir, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ALERT_HISTORY_PATH,
  alertTransition,
  createAlertHistory,
  readAlertHistory,
} from '../../../src/services/history/alert-history.js';
import type { AlertTransition } from '../../../src/outcomes/outcome-types.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-history-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const T = Date.UTC(2026, 10, 26, 9);
const transition = (i: number, extra: Partial<AlertTransition> = {}): AlertTransition => ({
  at: T + i * 1000,
  transition: 'fired',
  rule: `rule-${i}`,
  env: 'production',
  severity: 'critical',
  ...extra,
});

function collectErrors() {
  const errors: Error[] = [];
  return { errors, onError: (e: Error) => errors.push(e) };
}

describe('the alert history', () => {
  it('appends each transition as a JSON line and reads them back in order', async () => {
    const { errors, onError } = collectErrors();
    const history = createAlertHistory({ root, onError });
    history.recordAlertTransition(transition(1, { value: '1,840 ms' }));
    history.recordAlertTransition(transition(2, { transition: 'acknowledged', severity: 'warning' }));
    history.recordAlertTransition(transition(3, { transition: 'resolved', env: 'staging' }));
    await history.flush();

    const text = await readFile(path.join(root, ALERT_HISTORY_PATH), 'utf8');
    expect(text.split('\n')[0]).toBe(
      '{"at":"2026-11-26T09:00:01.000Z","transition":"fired","env":"production","severity":"critical","rule":"rule-1","value":"1,840 ms"}',
    );
    const read = await readAlertHistory(root);
    expect(read.problems).toEqual([]);
    expect(read.transitions).toEqual([
      transition(1, { value: '1,840 ms' }),
      transition(2, { transition: 'acknowledged', severity: 'warning' }),
      transition(3, { transition: 'resolved', env: 'staging' }),
    ]);
    expect(errors).toEqual([]);
  });

  it('keeps the file private to the user', async () => {
    const history = createAlertHistory({ root, onError: () => undefined });
    history.recordAlertTransition(transition(1));
    await history.flush();
    expect((await stat(path.join(root, ALERT_HISTORY_PATH))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(root, '.dynodeck', 'history'))).mode & 0o777).toBe(0o700);
  });

  it('rotates by size and reads the rotated files first, dropping only the oldest beyond those kept', async () => {
    const history = createAlertHistory({ root, onError: () => undefined, maxBytes: 400, keep: 2 });
    for (let i = 0; i < 20; i++) history.recordAlertTransition(transition(i));
    await history.flush();

    const dir = path.join(root, '.dynodeck', 'history');
    expect((await readdir(dir)).sort()).toEqual(['alerts.jsonl', 'alerts.jsonl.1', 'alerts.jsonl.2']);
    for (const name of await readdir(dir)) expect((await stat(path.join(dir, name))).size).toBeLessThanOrEqual(400);

    const { transitions, problems } = await readAlertHistory(root, 2);
    expect(problems).toEqual([]);
    const rules = transitions.map((t) => t.rule);
    // the newest are all there, in order, and the oldest went first
    expect(rules.at(-1)).toBe('rule-19');
    expect(rules).toEqual(Array.from({ length: rules.length }, (_, i) => `rule-${20 - rules.length + i}`));
    expect(rules.length).toBeLessThan(20);
  });

  it('reports a write failure through the callback instead of throwing', async () => {
    await writeFile(path.join(root, '.dynodeck'), 'a file where the folder should be');
    const { errors, onError } = collectErrors();
    const history = createAlertHistory({ root, onError });
    expect(() => history.recordAlertTransition(transition(1))).not.toThrow();
    await history.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(`could not write ${path.join(root, ALERT_HISTORY_PATH)}`);
    // and it carries on once the problem is gone
    await rm(path.join(root, '.dynodeck'));
    history.recordAlertTransition(transition(2));
    await history.flush();
    expect((await readAlertHistory(root)).transitions.map((t) => t.rule)).toEqual(['rule-2']);
  });

  it('tolerates a last line cut short by a crash, and the next write starts on a line of its own', async () => {
    const file = path.join(root, ALERT_HISTORY_PATH);
    await mkdir(path.dirname(file), { recursive: true });
    const history = createAlertHistory({ root, onError: () => undefined });
    history.recordAlertTransition(transition(1));
    await history.flush();
    await appendFile(file, '{"at":"2026-11-26T09:00:0');

    const cut = await readAlertHistory(root);
    expect(cut).toEqual({ transitions: [transition(1)], problems: [] });

    history.recordAlertTransition(transition(3));
    await history.flush();
    const after = await readAlertHistory(root);
    expect(after.transitions.map((t) => t.rule)).toEqual(['rule-1', 'rule-3']);
    expect(after.problems).toEqual(['alerts.jsonl:2: not a JSON line']);
  });

  it('names the line and the field of a record it cannot use', async () => {
    const file = path.join(root, ALERT_HISTORY_PATH);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(
      file,
      [
        '{"at":"2026-11-26T09:00:00Z","transition":"fired","env":"production","severity":"critical","rule":"a"}',
        '{"at":"yesterday","transition":"fired","env":"production","severity":"critical","rule":"b"}',
        '{"at":"2026-11-26T09:00:00Z","transition":"exploded","env":"production","severity":"critical","rule":"c"}',
        '{"at":"2026-11-26T09:00:00Z","transition":"fired","env":"production","severity":"critical"}',
        '',
      ].join('\n'),
    );
    const { transitions, problems } = await readAlertHistory(root);
    expect(transitions.map((t) => t.rule)).toEqual(['a']);
    expect(problems).toEqual([
      'alerts.jsonl:2: "at" is not a time',
      'alerts.jsonl:3: "transition" must be fired, acknowledged, resolved',
      'alerts.jsonl:4: "rule" is missing',
    ]);
  });

  it('reads nothing, and no problem, when there is no history yet', async () => {
    expect(await readAlertHistory(root)).toEqual({ transitions: [], problems: [] });
  });

  it('builds a transition from an alert of the deck', () => {
    const alert = {
      id: 'error-rate@production',
      rule: 'error-rate',
      env: 'production',
      severity: 'critical' as const,
      state: 'firing' as const,
      since: T,
      value: '12 %',
      threshold: '> 5 %',
      history: [],
    };
    expect(alertTransition(alert, 'fired', T)).toEqual({
      at: T,
      transition: 'fired',
      rule: 'error-rate',
      env: 'production',
      severity: 'critical',
      value: '12 %',
    });
  });
});
