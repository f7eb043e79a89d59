// The deck: header, four panes (or one zoomed), help, detail views and dialogs drawn
// over them, and the footer or the `:` line. Sized one row shorter than the terminal,
// because a full-height frame makes Ink clear the screen on every update.
import { useCallback } from 'react';
import { Box, useApp, useInput, type DOMElement } from 'ink';
import { useDeck, useDeckCommands, useDeckStore } from './deck-context.js';
import { useTerminalSize } from './use-terminal-size.js';
import { deckLayout, fitsTerminal, paneContentHeight, type DeckLayout } from './present/deck-layout.js';
import { splitKeys } from './commands/key-names.js';
import { dispatchKey } from './commands/dispatch-key.js';
import { Header } from './Header.js';
import { Footer } from './Footer.js';
import { CommandLineView } from './CommandLineView.js';
import { TicketsPane } from './TicketsPane.js';
import { AlertsPane } from './AlertsPane.js';
import { LogsPane } from './LogsPane.js';
import { EnvironmentsPane } from './EnvironmentsPane.js';
import { AlertDetailView, EnvironmentDetailView, HelpOverlay, TicketDetail } from './Overlays.js';
import { DialogView } from './DialogView.js';
import { ReportView } from './ReportView.js';
import { TooSmall } from './TooSmall.js';
import { STAGE_TITLES } from './present/environment-row.js';
import type { DeckState } from '../store/deck-state.js';
import { useDirectLogRows } from './direct-log-rows.js';
import { useWarmKeyList } from './warm-key-list.js';

/** Rows the top panes' content needs: the longer of the ticket list and the environment list. */
function topContentRows(s: DeckState): number {
  const stages = new Set(s.environments.map((e) => STAGE_TITLES[e.stage])).size;
  const environments = s.environments.length ? s.environments.length + stages + 3 : 0;
  return Math.max(s.tickets.length + s.ticketProblems.length, environments, 3);
}

export function App() {
  const { exit } = useApp();
  const store = useDeckStore();
  const commands = useDeckCommands();
  const { columns, rows } = useTerminalSize();
  const platform = useDeck((s) => s.platform !== undefined);
  const topRows = useDeck(topContentRows);
  const split = useDeck((s) => s.split);
  const zoomed = useDeck((s) => s.zoomed);
  const commandLine = useDeck((s) => s.commandLine !== undefined);
  const layout = deckLayout(columns, rows, { environments: platform, topContentRows: topRows, split, zoomed });

  useInput((chunk, chunkKey) => {
    for (const [input, key] of splitKeys(chunk, chunkKey)) {
      if (!fitsTerminal(columns, rows)) {
        if (input === 'q' || (key.ctrl && input === 'c')) exit();
        continue;
      }
      const focusBox = layout[store.getState().focus];
      dispatchKey(input, key, commands, {
        store,
        pageSize: Math.max(1, paneContentHeight(focusBox) - 2),
        split: layout.split,
        quit: () => exit(),
      });
    }
  });

  if (!fitsTerminal(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Header width={layout.width} />
      <Body layout={layout} />
      {commandLine ? <CommandLineView width={layout.width} /> : <Footer width={layout.width} />}
    </Box>
  );
}

function Body(props: { layout: DeckLayout }) {
  const { layout } = props;
  const zoomed = useDeck((s) => s.zoomed);
  const overlay = useDeck((s) => s.overlay);
  const dialog = useDeck((s) => s.dialog !== undefined);
  const direct = useDirectLogRows();
  // The overlay's box stays mounted (hidden while there is none), so the row writer knows it
  // before the frame that shows it: a ref is set only after Ink has written that frame.
  const coverRef = useCallback((element: DOMElement | null) => direct?.coverWith(element ?? undefined), [direct]);
  // In a real terminal (where the row writer draws), the key list's first opening is made as quick as later ones.
  useWarmKeyList(layout.overlay, layout.width, direct !== undefined);
  let panes;
  if (zoomed === 'tickets') panes = <TicketsPane box={layout.tickets} />;
  else if (zoomed === 'environments') panes = <EnvironmentsPane box={layout.environments} />;
  else if (zoomed === 'logs') panes = <LogsPane box={layout.logs} />;
  else if (zoomed === 'alerts') panes = <AlertsPane box={layout.alerts} />;
  else
    panes = (
      <>
        <Box>
          <TicketsPane box={layout.tickets} />
          <EnvironmentsPane box={layout.environments} />
        </Box>
        <Box>
          <LogsPane box={layout.logs} />
          <AlertsPane box={layout.alerts} />
        </Box>
      </>
    );
  let over;
  const box = layout.overlay;
  if (dialog) over = <DialogView box={box} />;
  else if (overlay.kind === 'help') over = <HelpOverlay box={box} />;
  else if (overlay.kind === 'report') over = <ReportView box={box} />;
  else if (overlay.kind === 'detail' && overlay.pane === 'environments')
    over = <EnvironmentDetailView box={box} index={overlay.index} />;
  else if (overlay.kind === 'detail' && overlay.pane === 'alerts')
    over = <AlertDetailView box={box} index={overlay.index} />;
  else if (overlay.kind === 'detail') over = <TicketDetail box={box} index={overlay.index} />;
  return (
    <Box flexDirection="column" height={layout.body.height} width={layout.body.width}>
      {panes}
      <Box
        ref={coverRef}
        display={over ? 'flex' : 'none'}
        position="absolute"
        marginTop={box.top}
        marginLeft={box.left}
        width={box.width}
        height={box.height}
      >
        {over}
      </Box>
    </Box>
  );
}
