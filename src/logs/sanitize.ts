// Text from files, git or remote systems must not be able to drive the terminal.
// Strips CSI/OSC/other escape sequences and C0/C1 controls; tabs become spaces.
const ESCAPES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[@-Z\\-_])|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function sanitizeLine(text: string): string {
  return text.replace(ESCAPES, '').replace(/\t/g, '  ').replace(/\n/g, ' ').replace(CONTROLS, '');
}

/** Like sanitizeLine but keeps line breaks. */
export function sanitizeText(text: string): string {
  return text.split(/\r?\n/).map(sanitizeLine).join('\n');
}
