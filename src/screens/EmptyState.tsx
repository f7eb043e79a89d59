import { Box, Text } from 'ink';
import { useTheme } from './deck-context.js';

/** What a pane says when it has nothing to show: what will appear, and why it is not here yet. */
export function EmptyState(props: { title: string; lines: string[] }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold>{props.title}</Text>
      {props.lines.map((line, i) => (
        <Text key={i} color={theme.muted} wrap="wrap">
          {line}
        </Text>
      ))}
    </Box>
  );
}
