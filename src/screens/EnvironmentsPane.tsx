// Feature boxes, staging and production: release, formation, dyno states, and the
// running operation or what waits to ship. Production is always drawn in its own colour.
import { Box } from 'ink';
import { Text } from './Text.js';
import { useRef, memo } from 'react';
import { useDeck, useDeckShown, useTheme } from './deck-context.js';
import { Pane } from './Pane.js';
import { EmptyState } from './EmptyState.js';
import { paneContentHeight, paneContentWidth, type PaneBox } from './present/deck-layout.js';
import { wrapWords } from './present/wrap-words.js';
import { visibleWindow } from './present/visible-window.js';
import { sanitizeLine } from '../logs/sanitize.js';
import { environmentRow, STAGE_TITLES, type EnvironmentRowView } from './present/environment-row.js';
import { fitText } from './present/fit-text.js';
import type { DeckState } from '../store/deck-state.js';
import type { Theme } from './theme.js';
import type { EnvHealth } from '../store/health-slice.js';
import { sparkline } from '../metrics/sparkline.js';
import { environmentColumns, type EnvironmentColumns } from './present/environment-columns.js';
import { databaseFigure } from './present/database-figures.js';

export const EnvironmentsPane = memo(function EnvironmentsPane(props: { box: PaneBox }) {
  const theme = useTheme();
  const focused = useDeck((s) => s.focus === 'environments');
  const platform = useDeck((s) => s.platform !== undefined);
  const selected = useDeck((s) => s.selection.environments);
  const cursor = useDeck((s) => s.formationCursor);
  const error = useDeck((s) => (s.sources.engine ? s.sources.engine.error : undefined));
  const width = paneContentWidth(props.box);
  const shown = useDeckShown(
    (s) => shownEnvironments(s, width),
    (s) => shownEnvironmentsInputs(s, width),
  );
  const environments = shown.rows;
  const windowStart = useRef(0);

  let body;
  if (!platform) {
    body = (
      <EmptyState
        width={width}
        title="No platform configured"
        lines={[
          'Feature boxes, staging and production will be listed here: release, formation, dyno states and what waits to ship.',
          'Add a "platform:" section to dynodeck.yml to run environments with the local engine.',
        ]}
      />
    );
  } else if (environments.length === 0) {
    body = error ? (
      <EmptyState width={width} title="Cannot reach the environments" lines={[error]} />
    ) : (
      <Text color={theme.muted}>Starting the local engine…</Text>
    );
  } else {
    const rows: React.ReactNode[] = [];
    let rowLines = 0;
    const views = environments.map((env) => env.view);
    const columns = shown.columns;
    const cost = (i: number) => (columns.note === 0 && views[i]!.note !== '' ? 2 : 1);
    const groups = new Set(environments.map((e) => e.group)).size;
    const total = views.reduce((sum, _v, i) => sum + cost(i), 0) + groups;
    const height = paneContentHeight(props.box);
    // Too many environments for the pane: drop the stage headings and show a window that
    // keeps the selected one in view (production still shows by its colour).
    const windowed = total > height;
    const window = windowed
      ? visibleWindow(
          environments.length,
          selected,
          Math.max(1, Math.floor(height / (columns.note === 0 ? 2 : 1))),
          windowStart.current,
        )
      : { start: 0, end: environments.length };
    windowStart.current = window.start;
    let lastGroup = '';
    environments.slice(window.start, window.end).forEach((env, offset) => {
      const i = window.start + offset;
      const group = env.group;
      if (!windowed && group !== lastGroup) {
        lastGroup = group;
        rowLines += 1;
        rows.push(
          <Text key={`g-${group}`} wrap="truncate-end" color={env.production ? theme.production : theme.muted} bold>
            {group}
          </Text>,
        );
      }
      const view = views[i]!;
      rowLines += cost(i);
      rows.push(
        <EnvironmentLine
          key={env.name}
          production={env.production}
          view={view}
          health={env.health}
          database={env.database}
          columns={columns}
          selected={i === selected}
          focused={focused}
          cursor={i === selected && focused ? cursor : -1}
          width={width}
          theme={theme}
        />,
      );
    });
    const result = shown.result
      ? { text: shown.result.text, color: shown.result.failed ? theme.error : theme.ok }
      : undefined;
    // Rows never shrink (a squeezed Ink row draws over its neighbour); the result gets what is left.
    const used = rowLines;
    const room = paneContentHeight(props.box) - used - 1;
    const resultLines =
      result && room > 0 ? wrapWords(sanitizeLine(result.text), width).slice(0, Math.min(3, room)) : [];
    body = (
      <Box flexDirection="column">
        {rows}
        {resultLines.length ? (
          <Box flexDirection="column" marginTop={1} flexShrink={0}>
            {resultLines.map((line, i) => (
              <Text key={i} color={result!.color}>
                {line}
              </Text>
            ))}
          </Box>
        ) : null}
      </Box>
    );
  }
  return (
    <Pane
      number={2}
      title="Environments"
      info={environments.length ? String(environments.length) : undefined}
      focused={focused}
      box={props.box}
    >
      {body}
    </Pane>
  );
});

function EnvironmentLine(props: {
  production: boolean;
  view: EnvironmentRowView;
  selected: boolean;
  focused: boolean;
  cursor: number;
  width: number;
  columns: EnvironmentColumns;
  theme: Theme;
  health: string;
  database: string;
}) {
  const { view, theme, columns: c, production } = props;
  const inverse = props.selected && props.focused;
  const noteColor =
    view.noteTone === 'error'
      ? theme.error
      : view.noteTone === 'progress'
        ? theme.warning
        : view.noteTone === 'ok'
          ? theme.ok
          : theme.muted;
  const note = (
    <Text inverse={inverse && c.note > 0} color={noteColor}>
      {fitText(view.note, c.note || props.width - 4)}
    </Text>
  );
  const line = (
    <Box width={props.width} flexShrink={0}>
      <Text inverse={inverse} bold color={production ? theme.production : undefined}>
        {fitText(`${props.selected ? '›' : ' '} ${view.name}`, c.name)}
      </Text>
      <Text inverse={inverse}>{fitText(c.releaseLong ? view.release : view.releaseShort, c.release)}</Text>
      <Box width={c.formation} display={c.formation ? 'flex' : 'none'}>
        <Text inverse={inverse} wrap="truncate-end">
          {view.formation.length === 0
            ? fitText('–', c.formation)
            : view.formation.map((f, i) => (
                <Text key={f.type} underline={i === props.cursor} bold={i === props.cursor}>
                  {`${f.type}=${f.quantity}`}
                  {i < view.formation.length - 1 ? ' ' : ''}
                </Text>
              ))}
        </Text>
      </Box>
      <Text inverse={inverse} color={view.crashed ? theme.error : undefined}>
        {fitText(view.dynos, c.dynos)}
      </Text>
      {c.health ? (
        <Text inverse={inverse} color={theme.accent}>
          {fitText(props.health, c.health)}
        </Text>
      ) : null}
      {c.database ? <Text inverse={inverse}>{fitText(props.database, c.database)}</Text> : null}
      {c.note ? note : null}
    </Box>
  );
  if (c.note || view.note === '') return line;
  return (
    <Box flexDirection="column" flexShrink={0}>
      {line}
      <Box paddingLeft={4} flexShrink={0}>
        {note}
      </Box>
    </Box>
  );
}

/**
 * What the pane shows, in words: the rows (ages move by the minute), the columns for the
 * width, and the selected environment's last result. Environments and health figures are
 * published every few seconds with the same words (a check's time, a count behind a rate):
 * the pane redraws only when these change.
 */
function shownEnvironments(s: DeckState, width: number) {
  // Ages on the rows move by the minute; redrawing every second would cost CPU for nothing.
  const now = Math.floor(s.now / 60_000) * 60_000;
  const columns = environmentColumns(width, {
    health: Object.keys(s.envHealth).length > 0,
    database: Object.keys(s.databases).length > 0,
  });
  const rows = s.environments.map((env) => {
    const health = s.envHealth[env.name];
    return {
      name: env.name,
      group: STAGE_TITLES[env.stage],
      production: env.stage === 'production',
      view: environmentRow(env, s.operations[env.name], s.waiting[env.name], now, health),
      health: columns.health && health ? healthCell(health, columns.sparklines) : '',
      database: columns.database ? databaseFigure(s.databases[env.name]) : '',
    };
  });
  const chosen = s.environments[s.selection.environments];
  const op = chosen ? s.operations[chosen.name] : undefined;
  // The selected environment's last result in full: a row only has room for its start.
  const result =
    op && op.state !== 'running' && op.finishedAt !== undefined && now - op.finishedAt < 5 * 60_000
      ? op.state === 'failed'
        ? { text: `${chosen!.name}: ✗ ${op.kind} failed: ${op.reason ?? ''}`, failed: true }
        : { text: `${chosen!.name}: ✓ ${op.kind} done${op.detail ? ` (${op.detail})` : ''}`, failed: false }
      : undefined;
  return { rows, columns, result };
}

/** Everything shownEnvironments reads: while these are the same values, so are its words. */
function shownEnvironmentsInputs(s: DeckState, width: number): readonly unknown[] {
  return [
    width,
    Math.floor(s.now / 60_000),
    s.environments,
    s.operations,
    s.waiting,
    s.envHealth,
    s.databases,
    s.selection.environments,
  ];
}

/** `2.5 req/s p95 840ms`, with the last 15 minutes as sparklines before each when there is room. */
function healthCell(h: EnvHealth, sparklines: boolean): string {
  const rate = `${formatRate(h.rps)} req/s`;
  const p95 = `p95 ${h.p95 === undefined ? '–' : `${h.p95}ms`}`;
  return sparklines ? `${sparkline(h.rpsHistory, 4)} ${rate} ${sparkline(h.p95History, 4)} ${p95}` : `${rate} ${p95}`;
}

function formatRate(rps: number): string {
  return rps >= 100 ? String(Math.round(rps)) : rps.toFixed(1);
}
