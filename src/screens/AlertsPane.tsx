// Alerts: firing first, then acknowledged, then recently resolved.
import { Box } from 'ink';
import { Text } from './Text.js';
import { useRef, memo } from 'react';
import { useDeck, useDeckShown, useTheme } from './deck-context.js';
import { Pane } from './Pane.js';
import { EmptyState } from './EmptyState.js';
import { paneContentHeight, paneContentWidth, type PaneBox } from './present/deck-layout.js';
import { alertRow } from './present/alert-row.js';
import { fitText } from './present/fit-text.js';
import { sanitizeLine } from '../logs/sanitize.js';
import { visibleWindow } from './present/visible-window.js';
import type { DeckState } from '../store/deck-state.js';

export const AlertsPane = memo(function AlertsPane(props: { box: PaneBox }) {
  const theme = useTheme();
  const focused = useDeck((s) => s.focus === 'alerts');
  const alerts = useDeckShown(shownAlerts, (s) => [Math.floor(s.now / 10_000), s.alerts]);
  const selected = useDeck((s) => s.selection.alerts);
  const platform = useDeck((s) => s.platform !== undefined);
  const windowStart = useRef(0);
  const width = paneContentWidth(props.box);
  const height = paneContentHeight(props.box);
  const firing = alerts.filter((a) => a.firing).length;

  let body;
  if (alerts.length === 0) {
    body = platform ? (
      <EmptyState
        width={width}
        title="All quiet"
        lines={[
          'No alert has fired. Rules watch p95 latency, 5xx rate, crashed dynos, restart loops, memory, failed releases and health checks on every environment.',
        ]}
      />
    ) : (
      <EmptyState
        width={width}
        title="No alerts are evaluated"
        lines={['Alerts need environments: add a "platform:" section to dynodeck.yml.']}
      />
    );
  } else {
    const window = visibleWindow(alerts.length, selected, height, windowStart.current);
    windowStart.current = window.start;
    body = alerts.slice(window.start, window.end).map((row, i) => {
      const isSelected = window.start + i === selected;
      const color =
        row.tone === 'critical'
          ? theme.error
          : row.tone === 'warning'
            ? theme.warning
            : row.tone === 'ok'
              ? theme.ok
              : theme.muted;
      // Narrow panes drop the state column (the icon and colour still tell it).
      const envWidth = width >= 60 ? 12 : 11;
      const ruleWidth = width >= 60 ? 18 : 15;
      const stateWidth = width >= 76 ? 16 : 0;
      const readingWidth = Math.max(0, width - 2 - envWidth - ruleWidth - stateWidth);
      return (
        <Box key={row.id} width={width}>
          <Text inverse={isSelected && focused} color={color} wrap="truncate-end">
            {fitText(`${isSelected ? '›' : ' '}${row.icon}`, 2)}
            {fitText(` ${sanitizeLine(row.env)}`, envWidth)}
            {fitText(` ${sanitizeLine(row.rule)}`, ruleWidth)}
            {fitText(` ${sanitizeLine(row.reading)}`, readingWidth)}
            {stateWidth ? fitText(` ${row.state}`, stateWidth) : ''}
          </Text>
        </Box>
      );
    });
  }
  return (
    <Pane number={4} title="Alerts" info={firing ? `${firing} firing` : undefined} focused={focused} box={props.box}>
      {body}
    </Pane>
  );
});

/** The rows' words: ages move in 10 s steps, and the pane redraws only when a shown word changes. */
function shownAlerts(s: DeckState) {
  const now = Math.floor(s.now / 10_000) * 10_000;
  return s.alerts.map((alert) => {
    const row = alertRow(alert, now);
    return {
      id: alert.id,
      firing: alert.state === 'firing',
      icon: row.icon,
      tone: row.tone,
      env: row.env,
      rule: row.rule,
      reading: row.reading,
      state: row.state,
    };
  });
}
