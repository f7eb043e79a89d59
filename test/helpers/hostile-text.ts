// Strings a remote system or an app could send to take over a terminal, and a check that
// none of them (nor any other control) survived on its way to the screen.

/** OSC 52 (write the clipboard), OSC 8 (a hyperlink), CSI 2J (clear the screen), C1 CSI/OSC, DCS and a lone ESC. */
export const HOSTILE = [
  '\u001b',
  '\u001b]52;c;cm0gLXJmIH4=\u0007',
  '\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  '\u001b[2J\u001b[H',
  '\u009b31m',
  '\u009d52;c;cm0gLXJmIH4=\u009c',
  '\u001bPq#0;2;0;0;0\u001b\\',
].join('');

/** A label wrapped in every hostile sequence, so a test can look for the label and for leftovers. */
export function hostile(label: string): string {
  return `${HOSTILE}${label}${HOSTILE}`;
}

/** The escape sequences and payloads that must never reach the output. */
const LEFTOVERS = [/\u001b\]/, /\u001b\[2J/, /\u001bP/, /[\u0080-\u009f]/, /\u0007/, /cm0gLXJmIH4=/, /evil\.example/];

/**
 * What in `output` is not plain text: a control character or escape sequence other than
 * colour (SGR), which Ink itself writes. Empty when the output is clean.
 */
export function terminalControls(output: string): string[] {
  const found: string[] = [];
  for (const pattern of LEFTOVERS) {
    const m = pattern.exec(output);
    if (m) found.push(JSON.stringify(output.slice(Math.max(0, m.index - 20), m.index + 20)));
  }
  const withoutColour = output.replace(/\u001b\[[0-9;]*m/g, '');
  const control = /[\u0000-\u0008\u000b-\u001f\u007f]/.exec(withoutColour);
  if (control) found.push(JSON.stringify(withoutColour.slice(Math.max(0, control.index - 20), control.index + 20)));
  return found;
}
