// The `:` line, vim and k9s style, in place of the footer while it is open; a refusal
// or Tab's choices show after what is typed.
import { Box } from 'ink';
import { Text } from './Text.js';
import { useDeck, useTheme } from './deck-context.js';
import { sanitizeLine } from '../logs/sanitize.js';

export function CommandLineView(props: { width: number }) {
  const theme = useTheme();
  const line = useDeck((s) => s.commandLine);
  if (!line) return null;
  return (
    <Box width={props.width} height={1}>
      <Text wrap="truncate-start">
        <Text bold color={theme.accent}>
          :
        </Text>
        {sanitizeLine(line.value)}
        <Text inverse> </Text>
        {line.error ? <Text color={theme.error}>{`  ${sanitizeLine(line.error)}`}</Text> : null}
        {line.hint ? <Text color={theme.muted}>{`  ${sanitizeLine(line.hint)}`}</Text> : null}
      </Text>
    </Box>
  );
}
