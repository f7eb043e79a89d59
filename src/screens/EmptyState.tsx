import { Box } from 'ink';
import { Text } from './Text.js';
import { useTheme } from './deck-context.js';
import { wrapWords } from './present/wrap-words.js';

/** What a pane says when it has nothing to show: what will appear, and why it is not here yet. */
export function EmptyState(props: { title: string; lines: string[]; width: number }) {
  const theme = useTheme();
  const body = props.lines.flatMap((line) => wrapWords(line, props.width));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {props.title}
      </Text>
      {body.map((line, i) => (
        <Text key={i} color={theme.muted}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
