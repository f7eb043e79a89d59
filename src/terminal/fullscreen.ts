// The alternate screen: entered before the first frame, left exactly once on every way out
// (quit, Ctrl+C, SIGTERM, a crash), so the user's scrollback is always given back.
const ENTER = '\u001b[?1049h\u001b[H';
const LEAVE = '\u001b[?25h\u001b[?1049l';

export interface Fullscreen {
  leave(): void;
}

export function enterFullscreen(stdout: NodeJS.WriteStream): Fullscreen {
  stdout.write(ENTER);
  let left = false;
  return {
    leave() {
      if (left) return;
      left = true;
      stdout.write(LEAVE);
    },
  };
}
