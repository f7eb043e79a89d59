import { afterEach, describe, expect, it } from 'vitest';
import chalk from 'chalk';
import { cleanup } from 'ink-testing-library';
import { keys, renderDeck } from '../helpers/render-deck.js';
import { memoryPlatform } from '../helpers/memory-platform.js';
import { waitFor, waitForFrame } from '../helpers/wait-for-frame.js';
import type { Alert } from '../../src/alerts/alert-state.js';
import { notificationSequences } from '../../src/services/notify/terminal-notify.js';

afterEach(() => cleanup());

const now = Date.UTC(2026, 10, 26, 9, 0, 0);
const alert = (over: Partial<Alert>): Alert => ({
  id: 'crashed:staging',
  rule: 'crashed',
  env: 'staging',
  severity: 'critical',
  state: 'firing',
  since: now - 120_000,
  value: '1 crashed (web.2)',
  threshold: 'any crashed process',
  history: [{ at: now - 120_000, state: 'firing', value: '1 crashed (web.2)' }],
  ...over,
});

async function deckWithAlerts(alerts: Alert[], color = false) {
  const platform = memoryPlatform();
  const deck = await renderDeck({ platform, color });
  const calls: string[] = [];
  deck.store.getState().attachAlertControls({
    acknowledge: (id) => calls.push(`ack ${id}`),
    silence: (id, ms) => calls.push(`silence ${id} ${ms}`),
  });
  deck.store
    .getState()
    .publishHealth(
      alerts,
      {},
      { 'crashed:staging': ['2026-11-26T08:58:00.000000+00:00 heroku[web.2]: State changed from up to crashed'] },
    );
  await waitForFrame(deck.lastFrame, 'production');
  return { ...deck, platform, calls };
}

describe('the Alerts pane', () => {
  it('lists firing alerts first with value and threshold, and the header counts them', async () => {
    const deck = await deckWithAlerts([
      alert({}),
      alert({
        id: 'p95:box-1',
        rule: 'p95-latency',
        env: 'box-1',
        severity: 'warning',
        state: 'resolved',
        resolvedAt: now - 60_000,
      }),
    ]);
    const frame = await waitForFrame(deck.lastFrame, '1 alert firing');
    expect(frame).toContain('4 Alerts · 1 firing');
    expect(frame).toMatch(/● staging\s+crashed\s+1 crashed \(web\.2/);
    expect(frame).toMatch(/✓ box-1\s+p95-latency/);
  });

  it('the header counts firing alerts in the colour of the worst severity: red for a critical one', async () => {
    // The suite runs with FORCE_COLOR=0; this test turns colour on for itself.
    const level = chalk.level;
    chalk.level = 1;
    try {
      const critical = await deckWithAlerts([alert({})], true);
      const frame = await waitForFrame(critical.lastFrame, '1 alert firing');
      expect(frame).toMatch(/\u001b\[31m\s*● 1 alert firing/);
      cleanup();
      const warning = await deckWithAlerts([alert({ severity: 'warning' })], true);
      expect(await waitForFrame(warning.lastFrame, '1 alert firing')).toMatch(/\u001b\[33m\s*▲ 1 alert firing/);
    } finally {
      chalk.level = level;
    }
  });

  it('a acknowledges and x silences the selected alert', async () => {
    const deck = await deckWithAlerts([alert({})]);
    deck.stdin.write('4');
    await waitFor(() => deck.store.getState().focus === 'alerts', 'focus on alerts');
    deck.stdin.write('a');
    await waitFor(() => deck.calls.includes('ack crashed:staging'), 'the acknowledgement');
    deck.stdin.write('x');
    await waitForFrame(deck.lastFrame, 'Silence crashed on staging for:');
    deck.stdin.write('j');
    deck.stdin.write(keys.enter);
    await waitFor(() => deck.calls.includes('silence crashed:staging 3600000'), 'a one-hour silence');
  });

  it('Enter shows the history and the log lines from before it fired', async () => {
    const deck = await deckWithAlerts([alert({})]);
    deck.stdin.write('4');
    await waitFor(() => deck.store.getState().focus === 'alerts', 'focus on alerts');
    deck.stdin.write(keys.enter);
    const frame = await waitForFrame(deck.lastFrame, 'Log lines before it fired');
    // As the Logs pane shows a line.
    expect(frame).toContain('08:58:00.000 heroku[web.2] State changed from up to crashed');
  });

  it("Enter on a CloudWatch alarm shows the alarm's own reason, wrapped, and no log section", async () => {
    const deck = await deckWithAlerts([]);
    const reason =
      'Threshold Crossed: 5 out of the last 5 datapoints [91.2 (26/11/26 08:55:00), 93.0 (26/11/26 08:54:00), ' +
      '90.4 (26/11/26 08:53:00)] were greater than the threshold (80.0) (minimum 5 datapoints for OK -> ALARM transition).';
    deck.store.getState().publishCloudAlerts([
      alert({
        id: 'shop-prod-db-cpu@production',
        rule: 'shop-prod-db-cpu',
        env: 'production',
        value: '91.2%',
        threshold: 'CPUUtilization > 80% for 5 of 5 × 1m',
        source: 'cloudwatch',
        detail: reason,
      }),
    ]);
    deck.stdin.write('4');
    await waitFor(() => deck.store.getState().focus === 'alerts', 'focus on alerts');
    deck.stdin.write(keys.enter);
    const frame = await waitForFrame(deck.lastFrame, 'source      CloudWatch alarm');
    const rows = frame.split('\n').map((row) => /┃ (.*?) *┃/.exec(row)?.[1] ?? '');
    const first = rows.findIndex((row) => row.startsWith('reason      Threshold Crossed:'));
    expect(first).toBeGreaterThan(0);
    const reasonRows = [rows[first]!];
    for (let i = first + 1; rows[i]!.startsWith(' '.repeat(12)) && rows[i]!.trim(); i++) reasonRows.push(rows[i]!);
    expect(reasonRows.length).toBeGreaterThan(1);
    expect(reasonRows.map((row) => row.slice(12)).join(' ')).toBe(reason);
    expect(frame).not.toContain('Log lines before it fired');
  });

  it('promoting to production over a critical alert wants "override" typed, not just the name', async () => {
    const deck = await deckWithAlerts([alert({})]);
    deck.stdin.write('2');
    deck.store.setState({ selection: { ...deck.store.getState().selection, environments: 2 } });
    await waitForFrame(deck.lastFrame, '› production');
    deck.stdin.write('d');
    await waitForFrame(deck.lastFrame, 'Critical alerts are firing:');
    deck.stdin.write('production');
    deck.stdin.write(keys.enter);
    await waitForFrame(deck.lastFrame, 'production ');
    expect(deck.platform.calls).toEqual([]);
    deck.store.getState().typeInDialog('\b'.repeat(0));
    for (let i = 0; i < 'production'.length; i++) deck.store.getState().typeInDialog('\b');
    deck.stdin.write('override');
    deck.stdin.write(keys.enter);
    await waitFor(() => deck.platform.calls.includes('promote staging production'), 'the promotion');
  });
});

describe('a CloudWatch alarm in ALARM on production', () => {
  it('holds promoting to production like a firing critical rule: it is named, and only "override" goes ahead', async () => {
    const deck = await deckWithAlerts([]);
    deck.store.getState().publishCloudAlerts([
      alert({
        id: 'shop-prod-cpu@production',
        rule: 'shop-prod-cpu',
        env: 'production',
        value: '91.2%',
        threshold: 'CPUUtilization > 80% for 5 of 5 × 1m',
        source: 'cloudwatch',
      }),
    ]);
    deck.stdin.write('2');
    deck.store.setState({ selection: { ...deck.store.getState().selection, environments: 2 } });
    await waitForFrame(deck.lastFrame, '› production');
    deck.stdin.write('d');
    const frame = await waitForFrame(deck.lastFrame, 'Critical alerts are firing:');
    expect(frame).toMatch(/● shop-prod-cpu on production/);
    deck.stdin.write('production');
    deck.stdin.write(keys.enter);
    await waitForFrame(deck.lastFrame, 'production ');
    expect(deck.platform.calls).toEqual([]);
    for (let i = 0; i < 'production'.length; i++) deck.store.getState().typeInDialog('\b');
    deck.stdin.write('override');
    deck.stdin.write(keys.enter);
    await waitFor(() => deck.platform.calls.includes('promote staging production'), 'the promotion');
  });
});

describe('terminal notifications', () => {
  it('use OSC 9 and OSC 777 with a bell, and keep control characters out of the text', () => {
    const text = notificationSequences('dynodeck: staging', 'crashed\u001b]0;x\u0007; 1 crashed', {
      terminal: true,
      bell: true,
    });
    expect(text).toBe(
      '\u001b]9;dynodeck: staging: crashed ]0,x , 1 crashed\u0007\u001b]777;notify;dynodeck: staging;crashed ]0,x , 1 crashed\u0007\u0007',
    );
    expect(notificationSequences('t', 'b', { terminal: false, bell: false })).toBe('');
  });
});
