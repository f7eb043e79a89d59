// The dynodeck command: parses the command line, runs one command, returns its exit code.
import { parseCommandLine, USAGE, type Command, type DemoExample } from './parse-args.js';
import type { LoadedConfig } from '../config/load-config.js';
import { loadDeckConfig } from './load-deck-config.js';
import { configJsonSchema } from '../config/json-schema.js';
import { readOnlySetting } from '../store/read-only.js';
import { createDeckStore, refreshAll } from '../store/create-deck-store.js';
import { systemClock } from '../services/ports.js';
import { buildServices } from './build-services.js';
import { databaseSummary } from '../domain/database-health.js';
import { statusReport } from './status-report.js';
import { formatStatus } from './print-status.js';
import { packageVersion } from '../package-root.js';
import { createTicketLocator } from '../store/locate-tickets.js';
import { ticketLocations } from '../services/git/ticket-locations.js';
import { whatShips } from '../services/git/shipping.js';
import { commitLocations } from '../services/git/commit-locations.js';
import { printError, printJson, printLine } from './output.js';
import { describeFailure } from './describe-failure.js';

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    printError(`dynodeck: ${parsed.error}\nRun "dynodeck --help" for usage.`);
    return 2;
  }
  try {
    return await run(parsed.command);
  } catch (error) {
    const failure = describeFailure(error);
    printError(failure.text);
    return failure.exitCode;
  }
}

async function run(command: Command): Promise<number> {
  switch (command.name) {
    case 'help':
      printLine(USAGE);
      return 0;
    case 'version':
      printLine(packageVersion());
      return 0;
    case 'config-schema':
      printJson(configJsonSchema());
      return 0;
    case 'status':
      return status(await loadDeckConfig({ cwd: process.cwd(), path: command.config }), command.json);
    case 'deck':
      return openDeck(await loadDeckConfig({ cwd: process.cwd(), path: command.config, readOnly: command.readOnly }));
    case 'demo':
      return demo(command.dir, command.reset, command.readOnly, command.example);
    case 'deploy':
    case 'promote':
    case 'scale':
    case 'restart':
    case 'rollback':
    case 'maintenance':
    case 'logs': {
      const { actionCommand } = await import('./action-commands.js');
      const readOnly = command.name === 'logs' ? false : command.readOnly;
      return actionCommand(command, await loadDeckConfig({ cwd: process.cwd(), path: command.config, readOnly }));
    }
    case 'merge': {
      const { mergeCommand } = await import('./merge-command.js');
      return mergeCommand(
        command.ticket,
        await loadDeckConfig({ cwd: process.cwd(), path: command.config, readOnly: command.readOnly }),
      );
    }
    case 'alerts': {
      const { alertsCommand } = await import('./alerts-command.js');
      return alertsCommand(await loadDeckConfig({ cwd: process.cwd(), path: command.config }), command);
    }
    case 'report': {
      const { reportCommand } = await import('./report-command.js');
      return reportCommand(await loadDeckConfig({ cwd: process.cwd(), path: command.config }), command);
    }
    case 'db': {
      const { dbCommand } = await import('./db-command.js');
      return dbCommand(command, await loadDeckConfig({ cwd: process.cwd(), path: command.config }));
    }
    case 'engine': {
      const { engineCommand } = await import('./engine-command.js');
      return engineCommand(command.action, await loadDeckConfig({ cwd: process.cwd(), path: command.config }));
    }
    case 'engine-apps': {
      const { engineAppsCommand } = await import('./engine-apps-command.js');
      return engineAppsCommand(await loadDeckConfig({ cwd: process.cwd(), path: command.config }), command.change);
    }
  }
}

async function status(loaded: LoadedConfig, json: boolean): Promise<number> {
  const services = buildServices(loaded);
  const store = createDeckStore({
    project: loaded.config.project,
    root: loaded.root,
    readOnly: readOnlySetting(loaded.config.readOnly),
    services,
    clock: systemClock,
  });
  await refreshAll(store);
  await createTicketLocator(store, {
    repo: loaded.root,
    mainBranch: loaded.config.git.mainBranch,
    locate: ticketLocations,
    ships: whatShips,
    locateCommits: commitLocations,
  })().catch(() => undefined);
  const report = statusReport(store.getState());
  if (services.platform) {
    const { statusAlerts } = await import('./current-alerts.js');
    const { alerts, databases } = await statusAlerts(loaded, services.platform, store.getState());
    report.alerts = alerts;
    for (const env of report.environments) {
      const health = databases[env.name];
      if (health) env.database = databaseSummary(health);
    }
  }
  if (json) printJson(report);
  else printLine(formatStatus(report));
  return 0;
}

async function openDeck(loaded: LoadedConfig, ready?: Promise<void>, engineStarting?: Promise<void>): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    await ready;
    printError('dynodeck: the deck needs a terminal; for scripts use "dynodeck status --json"');
    return 2;
  }
  const { runDeck } = await import('./run-deck.js');
  return runDeck(loaded, ready, engineStarting);
}

async function demo(
  dir: string | undefined,
  reset: boolean,
  readOnly: boolean,
  example: DemoExample = 'brightcart',
): Promise<number> {
  const { createDemo, exampleTemplateDir } = await import('../demo/create-demo.js');
  const { defaultDemoDir, demoResetCommand } = await import('../demo/demo-location.js');
  const { prepareDemo } = await import('./demo-bootstrap.js');
  const { stopEngine } = await import('../engine/engine-control.js');
  const target = dir ?? (example === 'brightcart' ? defaultDemoDir() : `${defaultDemoDir()}-${example}`);
  // A reset rebuilds the repository, so the environments made from the old one go first.
  if (reset) await stopEngine(target);
  const made = await createDemo({ dir: target, reset, templateDir: exampleTemplateDir(example) });
  const loaded = await loadDeckConfig({ cwd: made.dir, readOnly });
  const say = (line: string) => printError(line);
  if (made.created) say(`Created the demo project in ${made.dir}.`);
  const prepared = prepareDemo(loaded, say);
  const code = await openDeck(loaded, prepared.beforeScreen, prepared.engineStarting);
  if (code === 0) {
    say(
      `The demo project lives in ${made.dir}; its environments keep running ("dynodeck engine stop" there stops them,`,
    );
    say(`"${demoResetCommand(dir, example)}" rebuilds everything).`);
  }
  return code;
}
