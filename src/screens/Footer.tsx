// The bottom line: where the user is, the last message (why a key did nothing, what a
// `:` command did), and the keys that work right now, from the command table.
import { memo } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { useDeck, useDeckCommands, useTheme } from './deck-context.js';
import { ACTIVE_SCOPES, type CommandTable, type InputMode } from './commands/command-table.js';
import { disabledReason } from './commands/disabled-reason.js';
import type { DeckState } from '../store/deck-state.js';
import { inputMode } from './commands/dispatch-key.js';
import { showKey } from './commands/key-names.js';
import { sanitizeLine } from '../logs/sanitize.js';
import { fitFooter, type FooterKey } from './present/fit-footer.js';

const MODE_TITLES: Record<InputMode, string> = {
  tickets: 'Tickets',
  environments: 'Environments',
  logs: 'Logs',
  alerts: 'Alerts',
  overlay: 'Detail',
  dialog: 'Dialog',
  prompt: 'Prompt',
};

/**
 * The footer's keys: those that work right now (a disabled command is left out; its key
 * says why when pressed), the most specific scope first, pane switching left out of overlays.
 */
export function footerKeys(table: CommandTable, state: DeckState): Array<{ label: string; text: string }> {
  const mode = inputMode(state);
  const seen = new Set<string>();
  return ACTIVE_SCOPES[mode].flatMap((scope) =>
    table.commands
      .filter((c) => c.footer && c.scope === scope && c.keys.length > 0)
      .filter((c) => !(mode === 'overlay' && c.id.startsWith('focus.')))
      .filter((c) => disabledReason(c, state) === undefined)
      .flatMap((c) => {
        if (seen.has(c.title)) return [];
        seen.add(c.title);
        return [{ label: c.keys.slice(0, 2).map(showKey).join('/'), text: c.title }];
      }),
  );
}

export const Footer = memo(function Footer(props: { width: number }) {
  const theme = useTheme();
  const table = useDeckCommands();
  const mode = useDeck(inputMode);
  // A string, so the footer redraws only when the keys shown change.
  const keys = useDeck((s) => JSON.stringify(footerKeys(table, s)));
  const help = useDeck((s) => s.overlay.kind === 'help');
  const message = useDeck((s) => s.message);
  const where = help ? 'Keys' : MODE_TITLES[mode];
  const messageText = message ? `  ${sanitizeLine(message.text)}` : '';
  const shown = fitFooter(JSON.parse(keys) as FooterKey[], props.width - where.length - 2 - messageText.length);
  return (
    <Box width={props.width} height={1}>
      <Text wrap="truncate-end">
        <Text inverse bold>
          {` ${where} `}
        </Text>
        {message ? (
          <Text
            bold
            color={message.tone === 'info' ? theme.accent : message.tone === 'error' ? theme.error : theme.warning}
          >
            {messageText}
          </Text>
        ) : null}
        {shown.map((k) => (
          <Text key={k.label + k.text}>
            {'  '}
            <Text bold color={theme.accent}>
              {k.label}
            </Text>
            <Text color={theme.muted}> {k.text}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
});
