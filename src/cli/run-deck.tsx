// Opens the full-screen deck and owns the process's way out: every exit path
// stops the pollers, unmounts Ink and leaves the alternate screen before the process ends.
import { render } from 'ink';
import { createDirectLogRows, DirectLogRowsProvider } from '../screens/direct-log-rows.js';
import type { LoadedConfig } from '../config/load-config.js';
import { readOnlySetting } from '../store/read-only.js';
import { createDeckStore } from '../store/create-deck-store.js';
import { startPollers } from '../store/start-pollers.js';
import { systemClock } from '../services/ports.js';
import { enterFullscreen } from '../terminal/fullscreen.js';
import { DeckProvider } from '../screens/deck-context.js';
import { App } from '../screens/App.js';
import { createCommandTable } from '../screens/commands/command-table.js';
import { loadOutcomeReport } from './report-command.js';
import type { ReportRequest } from '../store/report-slice.js';
import { startCloudWatch } from './start-cloudwatch.js';
import { createAlertHistory } from '../services/history/alert-history.js';
import { recordAlertHistory } from '../store/alert-history-recorder.js';
import { commandHistoryFile } from '../services/command-history/command-history-file.js';
import { colorWanted, createTheme } from '../screens/theme.js';
import { buildServices } from './build-services.js';
import { followSelectionWithLogs } from '../store/follow-selection.js';
import { startHealthWatcher } from '../store/health-watcher.js';
import { rulesFromConfig } from '../alerts/rule-schema.js';
import { createTerminalNotifier } from '../services/notify/terminal-notify.js';
import { createTicketLocator } from '../store/locate-tickets.js';
import { ticketLocations } from '../services/git/ticket-locations.js';
import { whatShips } from '../services/git/shipping.js';
import { commitLocations } from '../services/git/commit-locations.js';
import { printError } from './output.js';
import { createTerminalHandoff } from '../terminal/terminal-handoff.js';
import { runEditor } from '../terminal/run-editor.js';
import { createDraftFile } from '../services/tickets/draft-file.js';
import { TerminalLink } from '../screens/TerminalLink.js';
import { escapeAtOnce } from './escape-at-once.js';

/**
 * `ready` is work that must finish before the screen is taken over (the demo's setup prints progress); data loading starts before it.
 * `engineStarting`: the local engine is still starting beside the open deck; CloudWatch is looked for once it answers
 * (before, cloudwatch.json may still name the last run's endpoint).
 */
/** On Heroku the budget is shared with every tool of the account: poll every 2 minutes unless told otherwise. */
function environmentsIntervalMs(loaded: LoadedConfig): number {
  return (loaded.config.refresh.environments ?? (loaded.config.platform?.kind === 'heroku' ? 120 : 5)) * 1000;
}

export async function runDeck(
  loaded: LoadedConfig,
  ready?: Promise<void>,
  engineStarting?: Promise<void>,
): Promise<number> {
  // Everything the deck draws goes through the handoff, so nothing is drawn while the user's editor has the terminal.
  const handoff =
    process.stdout.isTTY && process.stdin.isTTY
      ? createTerminalHandoff({ stdin: process.stdin, stdout: process.stdout })
      : undefined;
  const services = {
    ...buildServices(loaded, {
      startEngine: true,
      followEngine: true,
      // Stderr is under the deck's screen: an entry that could not be written shows in the header instead.
      onAuditFailure: (message) => store.getState().sourceFailed('audit log', message),
    }),
    commandHistory: commandHistoryFile(loaded.root),
    editor: handoff ? { edit: (file: string) => handoff.handOver(() => runEditor(file)) } : undefined,
    ticketDraft: createDraftFile(loaded.root),
    report: async (request: ReportRequest) => {
      const result = await loadOutcomeReport(loaded, request);
      if (!result.ok) throw new Error(result.message);
      return result.report;
    },
  };
  const store = createDeckStore({
    project: loaded.config.project,
    root: loaded.root,
    readOnly: readOnlySetting(loaded.config.readOnly),
    platform: loaded.config.platform?.kind,
    services,
    clock: systemClock,
  });
  const theme = createTheme(colorWanted(process.env));
  const stopPollers = startPollers(store, {
    clock: systemClock,
    tickets: services.tickets,
    codeHostName: services.code.name,
    platformName: services.platform?.name,
    locateTickets: createTicketLocator(store, {
      repo: loaded.root,
      mainBranch: loaded.config.git.mainBranch,
      locate: ticketLocations,
      ships: whatShips,
      locateCommits: commitLocations,
    }),
    intervals: {
      // Issues are read on GitHub's schedule (conditional requests, measured by bench/github-budget).
      ticketsMs:
        loaded.config.tickets.source === 'github' && services.github
          ? services.github.schedule.ticketsMs
          : loaded.config.refresh.tickets * 1000,
      pullRequestsMs: services.github?.schedule.pullRequestsMs,
      gitMs: loaded.config.refresh.git * 1000,
      environmentsMs: environmentsIntervalMs(loaded),
    },
  });

  try {
    await ready;
  } catch (error) {
    stopPollers();
    throw error;
  }
  const stopFollowing = followSelectionWithLogs(store, systemClock);
  const alerts = loaded.config.alerts;
  const notify = createTerminalNotifier((text) => process.stdout.write(text), alerts.notify);
  let closed = false;
  let stopCloudWatch = () => undefined as void;
  const beginCloudWatch = () => {
    if (!closed) stopCloudWatch = startCloudWatch(store, loaded, { clock: systemClock, notify });
  };
  if (engineStarting) void engineStarting.then(beginCloudWatch, beginCloudWatch);
  else beginCloudWatch();
  const alertHistory = createAlertHistory({
    root: loaded.root,
    onError: (error) => store.getState().sourceFailed('alert history', error),
  });
  const stopRecording = recordAlertHistory(store, alertHistory, systemClock);
  // The health watcher and the Logs pane share each environment's log stream (services.logStreams).
  const logStreams = services.logStreams;
  const stopWatching = logStreams
    ? startHealthWatcher(store, {
        clock: systemClock,
        logStreams,
        rules: rulesFromConfig(alerts),
        checkPath: alerts.checks.path ?? loaded.config.platform?.healthCheck,
        checkIntervalMs: alerts.checks.interval * 1000,
        startDelayMs: 1500,
        notify,
      })
    : () => undefined;
  const screen = enterFullscreen(process.stdout);
  // The Logs pane's rows go straight to the terminal (DYNODECK_ROW_WRITER=0: Ink draws them, for comparison).
  const drawTo = handoff?.stdout ?? process.stdout;
  const direct =
    process.stdout.isTTY && process.env.DYNODECK_ROW_WRITER !== '0' ? createDirectLogRows(drawTo) : undefined;
  const instance = render(
    <DeckProvider store={store} theme={theme} commands={createCommandTable(loaded.config.keys)}>
      <DirectLogRowsProvider value={direct}>
        <App />
        {handoff ? <TerminalLink connect={handoff.connect} /> : null}
      </DirectLogRowsProvider>
    </DeckProvider>,
    {
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 30,
      incrementalRendering: true,
      stdout: direct?.stdout ?? drawTo,
      // Escape closes an overlay or cancels a prompt at once, not 20 ms later.
      stdin: process.stdin.isTTY ? escapeAtOnce(process.stdin) : process.stdin,
    },
  );

  const shutdown = () => {
    stopPollers();
    stopFollowing();
    stopWatching();
    closed = true;
    stopCloudWatch();
    stopRecording();
    store.getState().stopLogs();
    instance.unmount();
    screen.leave();
  };
  const onSignal = () => {
    shutdown();
    process.exit(130);
  };
  // Ctrl+C while the user's editor has the terminal is the editor's to handle, not a reason to quit.
  const onInterrupt = () => {
    if (handoff?.interruptBelongsToProgram()) return;
    onSignal();
  };
  const onCrash = (error: unknown) => {
    shutdown();
    printError(`dynodeck crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  };
  process.on('SIGINT', onInterrupt);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  try {
    await instance.waitUntilExit();
    return 0;
  } catch (error) {
    onCrash(error);
    return 1;
  } finally {
    shutdown();
    await alertHistory.flush();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
}
