// A framed pane with its number and title set into the top border, k9s style.
// The focused pane gets a heavy frame, so focus shows even without colour.
import type { ReactNode } from 'react';
import { Box } from 'ink';
import { Text } from './Text.js';
import { useTheme } from './deck-context.js';
import type { PaneBox } from './present/deck-layout.js';

export function Pane(props: {
  number: number;
  title: string;
  info?: string;
  focused: boolean;
  box: PaneBox;
  children: ReactNode;
}) {
  const theme = useTheme();
  const { width, height } = props.box;
  const border = props.focused ? theme.accent : theme.muted;
  const [left, fill, right] = props.focused ? ['┏', '━', '┓'] : ['╭', '─', '╮'];
  const label = ` ${props.number} ${props.title}${props.info ? ` · ${props.info}` : ''} `;
  const fillWidth = Math.max(0, width - 3 - label.length);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={border} wrap="truncate-end">
        {left}
        {fill}
        <Text bold={props.focused} color={props.focused ? theme.accent : undefined}>
          {label.slice(0, width - 3)}
        </Text>
        {fill.repeat(fillWidth)}
        {right}
      </Text>
      <Box
        flexDirection="column"
        borderStyle={props.focused ? 'bold' : 'round'}
        borderTop={false}
        borderColor={border}
        paddingX={1}
        height={height - 1}
        overflow="hidden"
      >
        {props.children}
      </Box>
    </Box>
  );
}
