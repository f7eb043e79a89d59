// Panes that later work fills. Until then each says plainly what will appear and why it is empty.
import { useDeck } from './deck-context.js';
import { Pane } from './Pane.js';
import { EmptyState } from './EmptyState.js';
import { paneContentWidth, type PaneBox } from './present/deck-layout.js';

export function AlertsPane(props: { box: PaneBox }) {
  const focused = useDeck((s) => s.focus === 'alerts');
  return (
    <Pane number={4} title="Alerts" focused={focused} box={props.box}>
      <EmptyState
        width={paneContentWidth(props.box)}
        title="No alerts are evaluated yet"
        lines={['Threshold alerts (p95 latency, 5xx rate, crashed dynos, failed releases) will be listed here, firing first.']}
      />
    </Pane>
  );
}
