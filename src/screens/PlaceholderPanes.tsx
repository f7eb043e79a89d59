// Panes that later work fills. Until then each says plainly what will appear and why it is empty.
import { useDeck } from './deck-context.js';
import { Pane } from './Pane.js';
import { EmptyState } from './EmptyState.js';
import { paneContentWidth, type PaneBox } from './present/deck-layout.js';

export function EnvironmentsPane(props: { box: PaneBox }) {
  const focused = useDeck((s) => s.focus === 'environments');
  const platform = useDeck((s) => s.platform);
  const lines = platform
    ? [
        'The local engine runs this project\'s feature boxes, staging and production ("dynodeck engine status" lists them and their URLs).',
        'This pane does not show them yet: release, formation, dyno states and what waits to ship will appear here.',
      ]
    : [
        'Feature boxes, staging and production will be listed here: release, formation, dyno states and what waits to ship.',
        'Add a "platform:" section to dynodeck.yml to run environments with the local engine.',
      ];
  return (
    <Pane number={2} title="Environments" focused={focused} box={props.box}>
      <EmptyState width={paneContentWidth(props.box)} title={platform ? 'Environments run on the local engine' : 'No platform configured'} lines={lines} />
    </Pane>
  );
}

export function LogsPane(props: { box: PaneBox }) {
  const focused = useDeck((s) => s.focus === 'logs');
  return (
    <Pane number={3} title="Logs" focused={focused} box={props.box}>
      <EmptyState
        width={paneContentWidth(props.box)}
        title="No log stream"
        lines={['The live logs of the selected environment (app, router and platform lines) will stream here once environments exist.']}
      />
    </Pane>
  );
}

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
