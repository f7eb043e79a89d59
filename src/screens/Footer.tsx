// The keys that work right now, from the one key table.
import { Box, Text } from 'ink';
import { useDeck, useTheme } from './deck-context.js';
import { KEY_BINDINGS, type KeyScope } from './keymap.js';

const PANE_TITLES = { tickets: 'Tickets', environments: 'Environments', logs: 'Logs', alerts: 'Alerts' } as const;

/** The footer's keys: the most specific scope first, pane switching left out inside an overlay. */
export function footerKeys(scopes: readonly KeyScope[]): Array<{ label: string; text: string }> {
  const inOverlay = scopes.includes('overlay');
  return scopes.flatMap((scope) =>
    KEY_BINDINGS.filter((b) => b.footer && b.scope === scope && !(inOverlay && b.action.startsWith('focus-'))).map(
      (b) => ({
        label: b.footerLabel ?? b.label,
        text: b.footer ?? '',
      }),
    ),
  );
}

export function Footer(props: { width: number }) {
  const theme = useTheme();
  const focus = useDeck((s) => s.focus);
  const overlay = useDeck((s) => s.overlay.kind);
  const scopes: KeyScope[] = overlay === 'none' ? [focus, 'lists', 'global'] : ['overlay', 'global'];
  const where = overlay === 'help' ? 'Keys' : overlay === 'detail' ? 'Detail' : PANE_TITLES[focus];
  return (
    <Box width={props.width} height={1}>
      <Text wrap="truncate-end">
        <Text inverse bold>
          {` ${where} `}
        </Text>
        {footerKeys(scopes).map((k) => (
          <Text key={k.label}>
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
}
