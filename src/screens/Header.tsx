// Project name and the freshness of each data source, one line.
import { Box, Text } from 'ink';
import { useDeck, useTheme } from './deck-context.js';
import { describeSource } from './present/source-freshness.js';

export function Header(props: { width: number }) {
  const theme = useTheme();
  const project = useDeck((s) => s.project);
  const sources = useDeck((s) => s.sources);
  const now = useDeck((s) => s.now);
  const freshness = Object.values(sources).map((source) => describeSource(source, now));
  return (
    <Box width={props.width} height={1} justifyContent="space-between">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          dynodeck
        </Text>
        <Text color={theme.muted}> │ </Text>
        <Text bold>{project}</Text>
      </Text>
      <Box flexShrink={1} marginLeft={2}>
        <Text wrap="truncate-start">
          {freshness.map((f, i) => (
            <Text key={i}>
              {i > 0 ? <Text color={theme.muted}> · </Text> : null}
              <Text color={theme.tone[f.tone]}>{f.text}</Text>
            </Text>
          ))}
        </Text>
      </Box>
    </Box>
  );
}
