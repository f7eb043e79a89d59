// The `:` line, vim and k9s style, in place of the footer while it is open; a refusal
// or Tab's choices show after what is typed.
import { Box } from 'ink';
import { Text } from './Text.js';
import { useDeck, useTheme } from './deck-context.js';
import { sanitizeLine } from '../logs/sanitize.js';
import { fitText } from './present/fit-text.js';

export function CommandLineView(props: { width: number }) {
  const theme = useTheme();
  const line = useDeck((s) => s.commandLine);
  if (!line) return null;
  const typed = sanitizeLine(line.value);
  // What is typed and the cursor stay in view (a long line loses its start); after them, the
  // refusal or Tab's choices get the room left, cut at their end.
  let room = props.width - 1 - [...typed].length - 1;
  const after = (text: string | undefined) => {
    if (!text || room <= 3) return '';
    const spaced = `  ${sanitizeLine(text)}`;
    const shown = [...spaced].length <= room ? spaced : fitText(spaced, room);
    room -= [...shown].length;
    return shown;
  };
  const error = after(line.error);
  const hint = after(line.hint);
  return (
    <Box width={props.width} height={1}>
      <Text wrap="truncate-start">
        <Text bold color={theme.accent}>
          :
        </Text>
        {typed}
        <Text inverse> </Text>
        {error ? <Text color={theme.error}>{error}</Text> : null}
        {hint ? <Text color={theme.muted}>{hint}</Text> : null}
      </Text>
    </Box>
  );
}
