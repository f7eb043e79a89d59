// The headless actions: the same store actions the deck's keys call, printed for a terminal
// or a script. Exit codes: 0 done, 1 the action failed, 2 bad usage or configuration.
import { createInterface } from 'node:readline/promises';
import type { LoadedConfig } from '../config/load-config.js';
import type { Command } from './parse-args.js';
import type { DeckStore } from '../store/create-deck-store.js';
import { openPlatformStore } from './platform-store.js';
import { parseScaleArgs } from '../domain/scale-args.js';
import type { Outcome } from '../store/actions-slice.js';
import { readOnlyReason } from '../store/read-only.js';
import { printError, printLine } from './output.js';
import type { PendingAction } from '../store/dialog-slice.js';
import { busyEnvironmentOn } from '../store/github-ledger.js';
import { formatAge } from '../screens/present/format-age.js';
import { printDryRun } from './dry-run.js';

type ActionCommand = Extract<
  Command,
  { name: 'deploy' | 'promote' | 'scale' | 'restart' | 'rollback' | 'maintenance' | 'logs' }
>;

export async function actionCommand(command: ActionCommand, loaded: LoadedConfig): Promise<number> {
  const opened = await openPlatformStore(loaded, { startEngine: true });
  if (!opened.ok) return opened.code;
  const { store, services } = opened;
  const envName = command.name === 'promote' ? command.from : command.env;
  const env = store.getState().environments.find((e) => e.name === envName || e.app === envName);
  if (!env) {
    printError(
      `dynodeck: no environment named "${envName}" (known: ${store
        .getState()
        .environments.map((e) => e.name)
        .join(', ')})`,
    );
    return 2;
  }
  if (command.name === 'logs') {
    const { logsCommand } = await import('./logs-command.js');
    return logsCommand(services.platform!, env.name, command);
  }

  const print = (line: string) => printLine(line);
  const opts = { onLine: print, via: 'cli' as const };
  const target = command.name === 'promote' ? (command.to ?? nextName(store, env.name)) : env.name;
  if ((command.name === 'deploy' || command.name === 'promote') && target) {
    // The tickets name what ships (and go into a release's notes).
    await store
      .getState()
      .refreshTickets()
      .catch(() => undefined);
    if (command.dryRun) {
      const ref = command.name === 'deploy' ? (command.ref ?? store.getState().mainBranch) : undefined;
      const action: PendingAction =
        command.name === 'deploy'
          ? { kind: 'deploy', env: env.name, ref: ref!, skipTests: command.skipTests }
          : { kind: 'promote', from: env.name, to: target };
      let preflight;
      try {
        preflight = await store.getState().previewShipment(action);
      } catch (error) {
        printError(`dynodeck: cannot tell what ships: ${(error as Error).message}`);
        return 1;
      }
      const header = command.name === 'deploy' ? { ref, to: target } : { from: env.name, to: target };
      printDryRun({ action: command.name, ...header }, preflight, command.json, Date.now());
      return 0;
    }
  }
  // Refused before anyone is asked to type production's name.
  const locked = readOnlyReason(
    store.getState().readOnly,
    store.getState().environments.find((e) => e.name === target),
  );
  if (locked) {
    printError(`dynodeck: ${locked}; nothing was done`);
    return 2;
  }
  if (target && isProduction(store, target) && !command.yes && !(await typedConfirmation(target))) {
    printError(`dynodeck: not confirmed; nothing was done to ${target}`);
    return 1;
  }

  // Shipping to production over a critical alert needs an explicit override, as in the deck; so does
  // shipping while a critical rule cannot be told (the check fails closed: unknown is not quiet).
  if (target && isProduction(store, target) && (command.name === 'deploy' || command.name === 'promote')) {
    const { currentAlerts } = await import('./current-alerts.js');
    const guarded = (name: string) =>
      store.getState().environments.some((e) => e.name === name && (e.stage === 'staging' || e.stage === 'production'));
    const { alerts, unknown } = await currentAlerts(loaded, services.platform!, store.getState().environments);
    const critical = alerts.filter((a) => a.state === 'firing' && a.severity === 'critical' && guarded(a.env));
    const untold = unknown.filter((u) => u.severity === 'critical' && guarded(u.env));
    if ((critical.length || untold.length) && !command.override) {
      for (const a of critical)
        printError(`dynodeck: critical alert firing: ${a.rule} on ${a.env}: ${a.value} (${a.threshold})`);
      for (const u of untold) printError(`dynodeck: cannot tell whether ${u.rule} fires on ${u.env}: ${u.reason}`);
      printError(
        `dynodeck: not shipping to production over a critical alert${critical.length ? '' : ' that cannot be told'}; pass --override to do it anyway (recorded)`,
      );
      return 1;
    }
  }

  // Someone else's deck or CI deploying to the target (GitHub's deployments): --yes does not skip this, --force does.
  const shipping = command.name === 'deploy' || command.name === 'promote' || command.name === 'rollback';
  if (shipping && target && services.github && !command.force) {
    const busy = await busyEnvironmentOn(services.github)(target).catch(() => undefined);
    if (busy) {
      printError(
        `dynodeck: ${busy.who} is deploying ${busy.ref.slice(0, 12)} to ${target} (GitHub: ${busy.state} since ${formatAge(Math.max(0, Date.now() - busy.since))}); pass --force to go ahead anyway (recorded)`,
      );
      return 1;
    }
  }

  let outcome: Outcome;
  switch (command.name) {
    case 'deploy':
      outcome = await store.getState().deployEnvironment(env.name, {
        ...opts,
        ref: command.ref,
        skipTests: command.skipTests,
        override: command.override,
        force: command.force,
      });
      break;
    case 'promote':
      outcome = await store
        .getState()
        .promoteEnvironment(env.name, command.to, { ...opts, override: command.override, force: command.force });
      break;
    case 'scale': {
      const quantities = parseScaleArgs(command.changes, env.formation);
      if (typeof quantities === 'string') {
        printError(`dynodeck: ${quantities}`);
        return 2;
      }
      outcome = await store.getState().scaleEnvironment(env.name, quantities, opts);
      break;
    }
    case 'restart':
      outcome = await store.getState().restartEnvironment(env.name, command.target, opts);
      break;
    case 'rollback':
      outcome = await store
        .getState()
        .rollbackEnvironment(env.name, command.release, { ...opts, force: command.force });
      break;
    case 'maintenance':
      outcome = await store.getState().setMaintenanceMode(env.name, command.on, opts);
      break;
  }
  if (!outcome.ok) {
    printError(`dynodeck: ${outcome.reason}`);
    return outcome.stoppedBy === 'refused' ? 2 : 1;
  }
  return 0;
}

function isProduction(store: DeckStore, name: string): boolean {
  return store.getState().environments.find((e) => e.name === name)?.stage === 'production';
}

function nextName(store: DeckStore, name: string): string | undefined {
  const envs = store.getState().environments;
  const env = envs.find((e) => e.name === name);
  return envs.find((e) =>
    env?.stage === 'staging' ? e.stage === 'production' : env?.stage === 'production' ? false : e.stage === 'staging',
  )?.name;
}

/** Production asks for its name to be typed, so a stray Enter or a wrong shell history line does nothing. */
async function typedConfirmation(name: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    printError(`dynodeck: ${name} is production: pass --yes, or run this in a terminal to confirm by typing its name`);
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${name} is production. Type its name to go ahead: `);
    return answer.trim() === name;
  } finally {
    rl.close();
  }
}
