// Feature boxes, staging and production: release, formation, dyno states, and the
// running operation or what waits to ship. Production is always drawn in its own colour.
import { Box, Text } from 'ink';
import { useDeck, useTheme } from './deck-context.js';
import { Pane } from './Pane.js';
import { EmptyState } from './EmptyState.js';
import { paneContentWidth, type PaneBox } from './present/deck-layout.js';
import { environmentRow, STAGE_TITLES } from './present/environment-row.js';
import { fitText } from './present/fit-text.js';
import type { EnvironmentSnapshot } from '../services/ports.js';
import type { Theme } from './theme.js';

export function EnvironmentsPane(props: { box: PaneBox }) {
  const theme = useTheme();
  const focused = useDeck((s) => s.focus === 'environments');
  const platform = useDeck((s) => s.platform);
  const environments = useDeck((s) => s.environments);
  const operations = useDeck((s) => s.operations);
  const waiting = useDeck((s) => s.waiting);
  const selected = useDeck((s) => s.selection.environments);
  const cursor = useDeck((s) => s.formationCursor);
  const now = useDeck((s) => Math.floor(s.now / 60_000) * 60_000);
  const error = useDeck((s) => (s.sources.engine ? s.sources.engine.error : undefined));
  const width = paneContentWidth(props.box);

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
    let lastGroup = '';
    environments.forEach((env, i) => {
      const group = STAGE_TITLES[env.stage];
      if (group !== lastGroup) {
        lastGroup = group;
        rows.push(
          <Text key={`g-${group}`} color={env.stage === 'production' ? theme.production : theme.muted} bold>
            {group}
          </Text>,
        );
      }
      rows.push(
        <EnvironmentLine
          key={env.name}
          env={env}
          view={environmentRow(env, operations[env.name], waiting[env.name], now)}
          selected={i === selected}
          focused={focused}
          cursor={i === selected && focused ? cursor : -1}
          width={width}
          theme={theme}
        />,
      );
    });
    body = <>{rows}</>;
  }
  return (
    <Pane number={2} title="Environments" info={environments.length ? String(environments.length) : undefined} focused={focused} box={props.box}>
      {body}
    </Pane>
  );
}

function EnvironmentLine(props: {
  env: EnvironmentSnapshot;
  view: ReturnType<typeof environmentRow>;
  selected: boolean;
  focused: boolean;
  cursor: number;
  width: number;
  theme: Theme;
}) {
  const { env, view, theme, width } = props;
  const production = env.stage === 'production';
  const inverse = props.selected && props.focused;
  const nameWidth = 13;
  const releaseWidth = width >= 64 ? 21 : 11;
  const formationWidth = width >= 56 ? 17 : 0;
  const dynosWidth = 11;
  const noteWidth = Math.max(0, width - nameWidth - releaseWidth - formationWidth - dynosWidth);
  const noteColor = view.noteTone === 'error' ? theme.error : view.noteTone === 'progress' ? theme.warning : view.noteTone === 'ok' ? theme.ok : theme.muted;
  return (
    <Box width={width}>
      <Text inverse={inverse} bold color={production ? theme.production : undefined}>
        {fitText(`${props.selected ? '›' : ' '} ${view.name}`, nameWidth)}
      </Text>
      <Text inverse={inverse}>{fitText(view.release, releaseWidth)}</Text>
      <Box width={formationWidth} display={formationWidth ? 'flex' : 'none'}>
        <Text inverse={inverse} wrap="truncate-end">
          {view.formation.length === 0
            ? fitText('–', formationWidth)
            : view.formation.map((f, i) => (
                <Text key={f.type} underline={i === props.cursor} bold={i === props.cursor}>
                  {`${f.type}=${f.quantity}`}
                  {i < view.formation.length - 1 ? ' ' : ''}
                </Text>
              ))}
        </Text>
      </Box>
      <Text inverse={inverse} color={view.crashed ? theme.error : undefined}>
        {fitText(view.dynos, dynosWidth)}
      </Text>
      {noteWidth > 4 ? (
        <Text inverse={inverse} color={noteColor}>
          {fitText(view.note, noteWidth)}
        </Text>
      ) : null}
    </Box>
  );
}
