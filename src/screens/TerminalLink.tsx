// Lends Ink's raw mode and a full redraw to the terminal handoff (src/terminal/terminal-handoff.ts),
// so the deck can give the terminal to the user's editor and take it back drawn.
import { useEffect } from 'react';
import { useStdin, useStdout } from 'ink';
import type { InkTerminal } from '../terminal/terminal-handoff.js';

export function TerminalLink(props: { connect: (ink: InkTerminal) => () => void }) {
  const { setRawMode } = useStdin();
  const { write } = useStdout();
  const { connect } = props;
  // Ink's write clears its last frame, writes the text and the frame again, inside a
  // synchronized update; the Logs pane's row writer redraws its rows after every such frame.
  useEffect(() => connect({ setRawMode, redraw: () => write('') }), [connect, setRawMode, write]);
  return null;
}
