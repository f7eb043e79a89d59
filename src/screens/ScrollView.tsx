// A framed view of lines over the deck that scrolls with the store's overlay offset.
import { useEffect } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { useDeck, useDeckStore, useTheme } from './deck-context.js';
import type { PaneBox } from './present/deck-layout.js';
import type { DetailLine, LineStyle } from './present/ticket-detail-lines.js';
import { OPAQUE, type Theme } from './theme.js';

export function ScrollView(props: { title: string; lines: DetailLine[]; box: PaneBox }) {
  const theme = useTheme();
  const store = useDeckStore();
  const scroll = useDeck((s) => s.overlayScroll);
  const height = Math.max(1, props.box.height - 2);
  const maxScroll = Math.max(0, props.lines.length - height);
  const offset = Math.min(scroll, maxScroll);
  useEffect(() => {
    // 'G' asks for the end without knowing how long the view is; settle on the real end.
    if (scroll > maxScroll) store.setState({ overlayScroll: maxScroll });
  }, [scroll, maxScroll, store]);
  const more =
    maxScroll > 0 ? ` ${offset + 1}-${Math.min(offset + height, props.lines.length)}/${props.lines.length}` : '';
  return (
    <Box
      flexDirection="column"
      width={props.box.width}
      height={props.box.height}
      borderStyle="bold"
      borderColor={theme.accent}
      backgroundColor={OPAQUE}
      paddingX={1}
    >
      {props.lines.slice(offset, offset + height).map((line, i) => (
        <Text key={i} wrap="truncate-end" {...styleOf(line.style, theme)}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
      <Box position="absolute" marginTop={-1} marginLeft={1}>
        <Text bold color={theme.accent}>
          {` ${props.title}${more} `}
        </Text>
      </Box>
    </Box>
  );
}

function styleOf(style: LineStyle, theme: Theme): { color?: string; bold?: boolean; dimColor?: boolean } {
  switch (style) {
    case 'title':
      return { bold: true };
    case 'heading':
      return { bold: true, color: theme.accent };
    case 'muted':
      return { color: theme.muted };
    case 'done':
      return { color: theme.ok };
    case 'warning':
      return { color: theme.warning, bold: true };
    default:
      return {};
  }
}
