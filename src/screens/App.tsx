// The deck: header, four panes (or an overlay), footer. Sized one row shorter than
// the terminal, because a full-height frame makes Ink clear the screen on every update.
import { Box, useApp, useInput, type Key } from 'ink';
import { useDeck, useDeckStore } from './deck-context.js';
import { useTerminalSize } from './use-terminal-size.js';
import { deckLayout, fitsTerminal, paneContentHeight } from './present/deck-layout.js';
import { actionForKey, splitKeys } from './keymap.js';
import { applyAction } from './apply-action.js';
import { Header } from './Header.js';
import { Footer } from './Footer.js';
import { TicketsPane } from './TicketsPane.js';
import { AlertsPane } from './AlertsPane.js';
import { LogsPane } from './LogsPane.js';
import { EnvironmentsPane } from './EnvironmentsPane.js';
import { AlertDetailView, EnvironmentDetailView, HelpOverlay, TicketDetail } from './Overlays.js';
import { DialogView } from './DialogView.js';
import { handleAlertsKey, handleDialogKey, handleEnvironmentsKey } from './environment-keys.js';
import { handleLogsKey } from './logs-keys.js';
import { TooSmall } from './TooSmall.js';

export function App() {
  const { exit } = useApp();
  const store = useDeckStore();
  const { columns, rows } = useTerminalSize();
  const overlay = useDeck((s) => s.overlay);
  const dialog = useDeck((s) => s.dialog !== undefined);
  const platform = useDeck((s) => s.platform !== undefined);
  const layout = deckLayout(columns, rows, platform);

  useInput((chunk, chunkKey) => {
    for (const [input, key] of splitKeys(chunk, chunkKey)) handleKey(input, key);
  });

  function handleKey(input: string, key: Key) {
    const state = store.getState();
    if (key.ctrl && input === 'c') return exit();
    if (!fitsTerminal(columns, rows)) {
      if (input === 'q') exit();
      return;
    }
    if (state.dialog) {
      handleDialogKey(input, key, store);
      return;
    }
    if (state.overlay.kind === 'none') {
      if (state.focus === 'environments' && handleEnvironmentsKey(input, key, store)) return;
      if (state.focus === 'alerts' && handleAlertsKey(input, key, store)) return;
      if ((state.focus === 'logs' || state.logPrompt) && handleLogsKey(input, key, store)) return;
    }
    const action = actionForKey(input, key);
    if (action)
      applyAction(action, store, { pageSize: Math.max(1, paneContentHeight(layout.tickets) - 2), quit: () => exit() });
  }

  if (!fitsTerminal(columns, rows)) return <TooSmall columns={columns} rows={rows} />;

  let body;
  if (overlay.kind === 'help') body = <HelpOverlay box={layout.body} />;
  else if (overlay.kind === 'detail' && overlay.pane === 'environments')
    body = <EnvironmentDetailView box={layout.body} index={overlay.index} />;
  else if (overlay.kind === 'detail' && overlay.pane === 'alerts')
    body = <AlertDetailView box={layout.body} index={overlay.index} />;
  else if (overlay.kind === 'detail') body = <TicketDetail box={layout.body} index={overlay.index} />;
  else {
    body = (
      <Box flexDirection="column" height={layout.body.height}>
        <Box>
          <TicketsPane box={layout.tickets} />
          <EnvironmentsPane box={layout.environments} />
        </Box>
        <Box>
          <LogsPane box={layout.logs} />
          <AlertsPane box={layout.alerts} />
        </Box>
      </Box>
    );
  }
  if (dialog) body = <DialogView box={layout.body} />;
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Header width={layout.width} />
      {body}
      <Footer width={layout.width} />
    </Box>
  );
}
