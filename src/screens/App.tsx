// The deck: header, four panes (or an overlay), footer. Sized one row shorter than
// the terminal, because a full-height frame makes Ink clear the screen on every update.
import { Box, useApp, useInput } from 'ink';
import { useDeck, useDeckStore } from './deck-context.js';
import { useTerminalSize } from './use-terminal-size.js';
import { deckLayout, fitsTerminal, paneContentHeight } from './present/deck-layout.js';
import { actionsForInput } from './keymap.js';
import { applyAction } from './apply-action.js';
import { Header } from './Header.js';
import { Footer } from './Footer.js';
import { TicketsPane } from './TicketsPane.js';
import { AlertsPane, EnvironmentsPane, LogsPane } from './PlaceholderPanes.js';
import { HelpOverlay, TicketDetail } from './Overlays.js';
import { TooSmall } from './TooSmall.js';

export function App() {
  const { exit } = useApp();
  const store = useDeckStore();
  const { columns, rows } = useTerminalSize();
  const overlay = useDeck((s) => s.overlay);
  const layout = deckLayout(columns, rows);

  useInput((input, key) => {
    for (const action of actionsForInput(input, key)) {
      if (!fitsTerminal(columns, rows) && action !== 'quit') continue;
      applyAction(action, store, { pageSize: Math.max(1, paneContentHeight(layout.tickets) - 2), quit: () => exit() });
    }
  });

  if (!fitsTerminal(columns, rows)) return <TooSmall columns={columns} rows={rows} />;

  let body;
  if (overlay.kind === 'help') body = <HelpOverlay box={layout.body} />;
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
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Header width={layout.width} />
      {body}
      <Footer width={layout.width} />
    </Box>
  );
}
