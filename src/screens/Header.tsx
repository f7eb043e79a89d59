// Project name and the freshness of each data source, one line.
import { Box, Text } from 'ink';
import { useDeck, useTheme } from './deck-context.js';
import { freshnessKey, type Freshness } from './present/source-freshness.js';

export function Header(props: { width: number }) {
  const theme = useTheme();
  const project = useDeck((s) => s.project);
  const key = useDeck((s) => freshnessKey(s.sources, s.now));
  const freshness = JSON.parse(key) as Freshness[];
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
