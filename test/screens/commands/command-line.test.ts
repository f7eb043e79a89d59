import { describe, expect, it } from 'vitest';
import { createDeckStore, refreshAll, type DeckStore } from '../../../src/store/create-deck-store.js';
import { memoryPlatform, type MemoryPlatform } from '../../helpers/memory-platform.js';
import { makeTicket, memoryCodeHost, memoryTicketSource } from '../../helpers/render-deck.js';
import { createFakeClock } from '../../helpers/fake-clock.js';
import { keyPresser } from '../../helpers/press-key.js';
import { completeLine } from '../../../src/screens/commands/complete-line.js';
import { LINE_COMMANDS, parseDuration } from '../../../src/screens/commands/line-commands.js';
import { readOnlySetting, type ReadOnlySetting } from '../../../src/store/read-only.js';
import { createCommandTable } from '../../../src/screens/commands/command-table.js';

async function deck(opts: { readOnly?: ReadOnlySetting; history?: string[] } = {}) {
  const platform = memoryPlatform();
  const saved: string[] = [];
  const store = createDeckStore({
    project: 'shop',
    root: '/tmp/shop',
    platform: 'local',
    readOnly: opts.readOnly,
    services: {
      tickets: memoryTicketSource([makeTicket('BC-101'), makeTicket('BC-102')]),
      code: memoryCodeHost(),
      platform,
      commandHistory: { load: () => [...(opts.history ?? [])], append: (l) => void saved.push(l) },
    },
    clock: createFakeClock(),
  });
  await refreshAll(store);
  const press = keyPresser(store);
  /** Types a whole `:` line and presses Enter. */
  const run = (line: string) => {
    press(':');
    press(line);
    return press('', { return: true });
  };
  return { store, platform, press, run, saved };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the : line', () => {
  it('runs :scale with the CLI words, on a box at once, and remembers the line', async () => {
    const { store, platform, run, saved } = await deck();
    run('scale box-1 web=2 worker+1');
    await settle();
    expect(platform.calls).toEqual(['scale box-1 web=2 worker=1']);
    expect(store.getState().commandLine).toBeUndefined();
    expect(saved).toEqual(['scale box-1 web=2 worker+1']);
  });

  it('asks for the same confirmation as the key: :deploy staging waits for y', async () => {
    const { store, platform, run, press } = await deck();
    run('deploy staging --ref bc-102');
    expect(store.getState().dialog).toMatchObject({
      kind: 'confirm',
      action: { kind: 'deploy', env: 'staging', ref: 'bc-102' },
    });
    expect(platform.calls).toEqual([]);
    press('y');
    await settle();
    expect(platform.calls).toEqual(['deploy staging bc-102']);
  });

  it('keeps the line open with the reason when a command is refused or unknown', async () => {
    const { store, run } = await deck();
    run('deploy production');
    expect(store.getState().commandLine).toMatchObject({
      value: 'deploy production',
      error: 'production is deployed by promoting staging: :promote staging',
    });
    store.getState().closeCommandLine();
    run('delpoy staging');
    expect(store.getState().commandLine?.error).toBe(
      'unknown command "delpoy" — did you mean :deploy? (Tab lists them)',
    );
    store.getState().closeCommandLine();
    run('scale staging web=x');
    expect(store.getState().commandLine?.error).toBe('"web=x" is not like web=3, worker+1 or web-1');
  });

  it(':env selects an environment and tails it; :logs picks a source; :t opens a ticket', async () => {
    const { store, run } = await deck();
    store.setState({ tailLogs: (env: string) => store.setState({ logTarget: env }) } as never);
    run('env production');
    expect(store.getState().focus).toBe('logs');
    expect(store.getState().logTarget).toBe('production');
    expect(store.getState().selection.environments).toBe(2);
    run('t BC-102');
    expect(store.getState().overlay).toEqual({ kind: 'detail', pane: 'tickets', index: 1 });
  });

  it('runs any command by its id, and says why a disabled one cannot run', async () => {
    const { store, run } = await deck();
    run('zoom');
    expect(store.getState().zoomed).toBe('tickets');
    run('logs.next-match');
    expect(store.getState().commandLine?.error).toBe('match: no search yet (\\ starts one)');
  });

  it('recalls earlier lines with ↑ and ↓, the saved history first', async () => {
    const { store, press } = await deck({ history: ['restart staging', 'scale staging web=2'] });
    press(':');
    press('res');
    press('', { upArrow: true });
    expect(store.getState().commandLine?.value).toBe('scale staging web=2');
    press('', { upArrow: true });
    expect(store.getState().commandLine?.value).toBe('restart staging');
    press('', { downArrow: true });
    press('', { downArrow: true });
    expect(store.getState().commandLine?.value).toBe('res');
  });

  it('Tab completes commands, environments, process types and ticket ids', async () => {
    const { store, press } = await deck();
    press(':');
    press('mai');
    press('', { tab: true });
    expect(store.getState().commandLine?.value).toBe('maintenance ');
    store.getState().editCommandLine('scale st');
    press('', { tab: true });
    expect(store.getState().commandLine?.value).toBe('scale staging ');
    press('w');
    press('', { tab: true });
    expect(store.getState().commandLine?.value).toBe('scale staging w');
    expect(store.getState().commandLine?.hint).toBe('web  worker  web.1  web.2  worker.1');
  });
});

describe('completeLine', () => {
  const sources = {
    commands: LINE_COMMANDS,
    commandIds: ['zoom', 'logs.wrap'],
    environments: ['box-1', 'box-2', 'staging', 'production'],
    tickets: ['BC-101', 'BC-102'],
    processes: () => ['web', 'worker'],
    sources: ['all', 'app', 'router'],
  };
  it('extends to the common prefix and lists the choices', () => {
    expect(completeLine('box', { ...sources, commands: [] })).toEqual({ value: 'box', options: [] });
    expect(completeLine('env box', sources)).toEqual({ value: 'env box-', options: ['box-1', 'box-2'] });
    expect(completeLine('t BC-1', sources)).toEqual({ value: 't BC-10', options: ['BC-101', 'BC-102'] });
    expect(completeLine('maintenance staging o', sources)).toEqual({
      value: 'maintenance staging o',
      options: ['on', 'off'],
    });
    expect(completeLine('zo', sources)).toEqual({ value: 'zoom ', options: [] });
  });
});

describe('parseDuration', () => {
  it('reads s, m, h and d', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('0m')).toBeUndefined();
  });
});

describe('read-only', () => {
  it('refuses keys that change an environment with the reason in the footer, and lets the rest work', async () => {
    const { store, press, platform } = await deck({ readOnly: readOnlySetting(true) });
    store.getState().focusPane('environments');
    expect(press('r')).toEqual({ refused: 'restart', reason: 'read-only deck' });
    expect(store.getState().message).toEqual({ text: 'restart: read-only deck', tone: 'warning' });
    expect(press('j')).toEqual({ ran: 'select.down' });
    expect(press('+')).toEqual({ refused: 'scale.up', reason: 'read-only deck' });
    expect(platform.calls).toEqual([]);
  });

  it('refuses only the listed environments, from keys, the : line and the store actions alike', async () => {
    const { store, press, run, platform } = await deck({ readOnly: readOnlySetting(['production']) });
    store.getState().focusPane('environments');
    store.getState().moveSelection('last', 3);
    expect(press('m')).toEqual({
      refused: 'maintenance',
      reason: 'production is read-only (readOnly in dynodeck.yml)',
    });
    run('scale production web=3');
    expect(store.getState().commandLine?.error).toBe('production is read-only (readOnly in dynodeck.yml)');
    store.getState().closeCommandLine();
    expect(await store.getState().scaleEnvironment('production', { web: 3 })).toMatchObject({
      ok: false,
      stoppedBy: 'refused',
    });
    run('scale staging web=1');
    press('y');
    await settle();
    expect(platform.calls).toEqual(['scale staging web=1']);
  });
});

describe('disabled commands say why', () => {
  it('p on production names the reason instead of doing nothing', async () => {
    const { store, press } = await deck();
    store.getState().focusPane('environments');
    store.getState().moveSelection('last', 3);
    expect(press('p')).toEqual({
      refused: 'promote',
      reason: 'production is the last stage: there is nothing to promote it to',
    });
  });

  it('remapped keys run their command and free the old key', async () => {
    const { store } = await deck();
    const press = keyPresser(store, createCommandTable({ deploy: ['D'] }));
    store.getState().focusPane('environments');
    expect(press('d')).toBeUndefined();
    expect(press('D')).toEqual({ ran: 'deploy' });
    expect(store.getState().dialog?.kind).toBe('pick-ref');
  });
});

export type { DeckStore, MemoryPlatform };
