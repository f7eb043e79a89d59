// The views drawn over the deck: the key list and a row's detail.
import { useMemo } from 'react';
import { useDeck, useDeckCommands } from './deck-context.js';
import { LINE_COMMANDS } from './commands/line-commands.js';
import { readOnlySummary } from '../store/read-only.js';
import { ScrollView } from './ScrollView.js';
import type { PaneBox } from './present/deck-layout.js';
import { helpLines } from './present/help-lines.js';
import { ticketRows } from './present/ticket-rows.js';
import { ticketDetailLines } from './present/ticket-detail-lines.js';
import { environmentDetailLines } from './present/environment-detail-lines.js';
import { alertDetailLines } from './present/alert-detail-lines.js';

export function HelpOverlay(props: { box: PaneBox }) {
  const table = useDeckCommands();
  const readOnly = useDeck((s) => readOnlySummary(s.readOnly));
  const lines = useMemo(() => helpLines(table, LINE_COMMANDS, readOnly), [table, readOnly]);
  return <ScrollView title="Keys" lines={lines} box={props.box} />;
}

export function TicketDetail(props: { box: PaneBox; index: number }) {
  const tickets = useDeck((s) => s.tickets);
  const problems = useDeck((s) => s.ticketProblems);
  const branches = useDeck((s) => s.branches);
  const mainBranch = useDeck((s) => s.mainBranch);
  const now = useDeck((s) => s.now);
  const locations = useDeck((s) => s.ticketLocations);
  const environments = useDeck((s) => s.environments);
  const pullRequests = useDeck((s) => s.pullRequests);
  const rows = useMemo(
    () =>
      ticketRows(
        tickets,
        problems,
        branches,
        locations,
        environments.map((e) => e.name),
        pullRequests,
      ),
    [tickets, problems, branches, locations, environments, pullRequests],
  );
  const row = rows[props.index];
  const lines = useMemo(() => {
    if (!row) return [{ text: 'This ticket is gone (its file was removed or renamed).', style: 'muted' as const }];
    const branch = row.kind === 'ticket' && row.ticket.branch ? branches[row.ticket.branch] : undefined;
    return ticketDetailLines(row, branch, mainBranch, now);
  }, [row, branches, mainBranch, now]);
  const title = row?.kind === 'ticket' ? `Ticket ${row.ticket.id}` : 'Ticket file';
  return <ScrollView title={title} lines={lines} box={props.box} />;
}

export function EnvironmentDetailView(props: { box: PaneBox; index: number }) {
  const env = useDeck((s) => s.environments[props.index]);
  const detail = useDeck((s) => s.environmentDetail);
  const health = useDeck((s) => (env ? s.envHealth[env.name] : undefined));
  const database = useDeck((s) => (env ? s.databases[env.name] : undefined));
  const operation = useDeck((s) => (env ? s.operations[env.name] : undefined));
  const now = useDeck((s) => s.now);
  const width = props.box.width - 4;
  const lines = useMemo(
    () =>
      env
        ? environmentDetailLines(
            env,
            detail?.env === env.name ? detail : undefined,
            now,
            health,
            database,
            operation,
            width,
          )
        : [{ text: 'This environment is gone.', style: 'muted' as const }],
    [env, detail, now, health, database, operation, width],
  );
  return <ScrollView title={env ? `Environment ${env.name}` : 'Environment'} lines={lines} box={props.box} />;
}

export function AlertDetailView(props: { box: PaneBox; index: number }) {
  const alert = useDeck((s) => s.alerts[props.index]);
  const context = useDeck((s) => (alert ? s.alertContext[alert.id] : undefined));
  const now = useDeck((s) => s.now);
  const lines = useMemo(
    () =>
      alert
        ? alertDetailLines(alert, context, now, props.box.width - 4)
        : [{ text: 'This alert is gone.', style: 'muted' as const }],
    [alert, context, now, props.box.width],
  );
  return <ScrollView title={alert ? `Alert ${alert.rule} on ${alert.env}` : 'Alert'} lines={lines} box={props.box} />;
}
