// Tickets with complexity, criteria progress, assignee, branch and the stage derived from git.
import { useMemo, useRef, memo } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { useDeck, useTheme } from './deck-context.js';
import { Pane } from './Pane.js';
import { EmptyState } from './EmptyState.js';
import { paneContentHeight, paneContentWidth, type PaneBox } from './present/deck-layout.js';
import { ticketRows, COMPLEXITY_BADGE, formatCriteria, type TicketRow } from './present/ticket-rows.js';
import { ticketColumns, type TicketColumns } from './present/ticket-columns.js';
import { pullRequestBadge } from './present/pull-request-badge.js';
import { visibleWindow } from './present/visible-window.js';
import { sanitizeLine } from '../logs/sanitize.js';
import { fitText } from './present/fit-text.js';
import type { Theme } from './theme.js';

export const TicketsPane = memo(function TicketsPane(props: { box: PaneBox }) {
  const theme = useTheme();
  const focused = useDeck((s) => s.focus === 'tickets');
  const selected = useDeck((s) => s.selection.tickets);
  const tickets = useDeck((s) => s.tickets);
  const problems = useDeck((s) => s.ticketProblems);
  const branches = useDeck((s) => s.branches);
  const locations = useDeck((s) => s.ticketLocations);
  const environments = useDeck((s) => s.environments);
  const pullRequests = useDeck((s) => s.pullRequests);
  const githubEnabled = useDeck((s) => s.githubEnabled);
  const fromGitHub = useDeck((s) => s.tickets.some((t) => t.number !== undefined));
  const loaded = useDeck((s) => s.sources.tickets?.lastSuccess !== undefined);
  const error = useDeck((s) => s.sources.tickets?.error);
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
  const windowStart = useRef(0);

  const height = paneContentHeight(props.box);
  const width = paneContentWidth(props.box);
  const info = `${tickets.length}${problems.length ? ` · ${problems.length} broken` : ''}`;

  let body;
  if (rows.length === 0) {
    body = error ? (
      <EmptyState
        width={width}
        title="Could not read tickets"
        lines={[
          sanitizeLine(error),
          fromGitHub || githubEnabled
            ? 'Tickets are read from GitHub issues when tickets.source is github in dynodeck.yml.'
            : 'Tickets are markdown files in the folder set by tickets.dir in dynodeck.yml.',
        ]}
      />
    ) : loaded ? (
      <EmptyState
        width={width}
        title="No tickets yet"
        lines={[
          'Add markdown files (front matter: id, title, complexity) to the tickets folder; they appear here within seconds.',
        ]}
      />
    ) : (
      <Text color={theme.muted}>Reading tickets…</Text>
    );
  } else {
    const columns = ticketColumns(width, Math.max(...tickets.map((t) => t.id.length), 2), githubEnabled);
    const window = visibleWindow(rows.length, selected, height - 1, windowStart.current);
    windowStart.current = window.start;
    body = (
      <>
        <HeaderRow columns={columns} theme={theme} />
        {rows.slice(window.start, window.end).map((row, i) => (
          <TicketLine
            key={row.kind === 'ticket' ? row.ticket.id : row.problem.file}
            row={row}
            columns={columns}
            width={width}
            selected={window.start + i === selected}
            focused={focused}
            theme={theme}
          />
        ))}
      </>
    );
  }
  return (
    <Pane number={1} title="Tickets" info={info} focused={focused} box={props.box}>
      {body}
    </Pane>
  );
});

function HeaderRow(props: { columns: TicketColumns; theme: Theme }) {
  const c = props.columns;
  return (
    <Box>
      <Cell width={2 + c.id} text="ID" color={props.theme.muted} />
      <Cell width={c.title} text="TITLE" color={props.theme.muted} />
      <Cell width={c.complexity} text="CPX" color={props.theme.muted} />
      <Cell width={c.criteria} text="AC" color={props.theme.muted} />
      {c.assignee ? <Cell width={c.assignee} text="WHO" color={props.theme.muted} /> : null}
      {c.branch ? <Cell width={c.branch} text="BRANCH" color={props.theme.muted} /> : null}
      {c.review ? <Cell width={c.review} text="PULL REQUEST" color={props.theme.muted} /> : null}
      <Cell width={c.stage} text="STAGE" color={props.theme.muted} last />
    </Box>
  );
}

function TicketLine(props: {
  row: TicketRow;
  columns: TicketColumns;
  width: number;
  selected: boolean;
  focused: boolean;
  theme: Theme;
}) {
  const { row, columns: c, theme } = props;
  const inverse = props.selected && props.focused;
  const marker = props.selected ? '› ' : '  ';
  if (row.kind === 'problem') {
    return (
      <Box width={props.width}>
        <Text inverse={inverse} color={theme.warning} wrap="truncate-end">
          {marker}⚠ {sanitizeLine(row.problem.file)}: {sanitizeLine(row.problem.message)}
        </Text>
      </Box>
    );
  }
  const t = row.ticket;
  const badge = pullRequestBadge(row.pullRequests);
  const branch = t.branch ? `${sanitizeLine(t.branch)}${row.branchNote ? ` ${row.branchNote}` : ''}` : '–';
  return (
    <Box width={props.width}>
      <Cell width={2 + c.id} text={`${marker}${sanitizeLine(t.id)}`} inverse={inverse} bold />
      <Cell width={c.title} text={sanitizeLine(t.title)} inverse={inverse} />
      <Cell
        width={c.complexity}
        text={COMPLEXITY_BADGE[t.complexity]}
        color={theme.complexity[t.complexity]}
        inverse={inverse}
      />
      <Cell
        width={c.criteria}
        text={formatCriteria(row.criteria)}
        color={row.criteria.total > 0 && row.criteria.done === row.criteria.total ? theme.ok : undefined}
        inverse={inverse}
      />
      {c.assignee ? (
        <Cell
          width={c.assignee}
          text={t.assignee ? sanitizeLine(t.assignee) : '–'}
          color={theme.muted}
          inverse={inverse}
        />
      ) : null}
      {c.branch ? <Cell width={c.branch} text={branch} color={theme.muted} inverse={inverse} /> : null}
      {c.review ? (
        <Cell
          width={c.review}
          text={badge?.text ?? '–'}
          color={badge ? theme[badge.tone] : theme.muted}
          inverse={inverse}
        />
      ) : null}
      <Cell
        width={c.stage}
        text={row.location ?? row.stage}
        color={row.location ? theme.accent : theme.stage[row.stage]}
        inverse={inverse}
        bold={row.location === 'in production'}
        last
      />
    </Box>
  );
}

function Cell(props: {
  width: number;
  text: string;
  color?: string;
  inverse?: boolean;
  bold?: boolean;
  last?: boolean;
}) {
  // The gap after a cell is part of its text, so a selected row reads as one solid bar.
  const gap = props.last ? '' : ' ';
  return (
    <Box width={props.width + gap.length}>
      <Text wrap="truncate-end" color={props.color} inverse={props.inverse} bold={props.bold}>
        {fitText(props.text, props.width) + gap}
      </Text>
    </Box>
  );
}
