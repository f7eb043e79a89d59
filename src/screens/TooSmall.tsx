import { Box } from 'ink';
import { Text } from './Text.js';
import { MIN_COLUMNS, MIN_ROWS } from './present/deck-layout.js';

export function TooSmall(props: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column" width={props.columns} height={Math.max(1, props.rows - 1)}>
      <Text wrap="truncate-end">
        dynodeck needs a terminal of at least {MIN_COLUMNS}x{MIN_ROWS}; this one is {props.columns}x{props.rows}.
      </Text>
      <Text wrap="truncate-end">Make the window larger, or press q to quit.</Text>
    </Box>
  );
}
