// Text from files, git or remote systems must not be able to drive the terminal.
// Removes whole escape sequences (so an OSC 52 clipboard write or an OSC 8 link leaves no
// payload behind), in their 7-bit (ESC …) and 8-bit (C1: U+0080–U+009F) forms, then every
// control character left over (a lone ESC, BEL, CR, DEL, C1); tabs become spaces.
// Bidi and zero-width characters are out of scope: they move text but drive nothing.
const ST = '(?:\\u001b\\\\|\\u009c|\\u0007)';
const ESCAPES = new RegExp(
  [
    // CSI: ESC [ or U+009B, parameters, intermediates, one final byte (e.g. ESC[2J).
    '(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]',
    // OSC: ESC ] or U+009D, up to BEL or ST; unterminated, to the end (a terminal would swallow it too).
    `(?:\\u001b\\]|\\u009d)[^\\u0007\\u001b\\u009c]*${ST}?`,
    // DCS, SOS, PM, APC: ESC P/X/^/_ or U+0090/U+0098/U+009E/U+009F, up to ST.
    `(?:\\u001b[PX^_]|[\\u0090\\u0098\\u009e\\u009f])[^\\u001b\\u009c]*${ST}?`,
    // Any other escape: ESC, intermediates, one final byte (ESC c, ESC ( B, ESC 7, ESC # 8).
    '\\u001b[ -/]*[0-~]',
  ].join('|'),
  'g',
);
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Most lines hold no control at all; one scan settles them. */
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function sanitizeLine(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(ESCAPES, '').replace(/\t/g, '  ').replace(/\n/g, ' ').replace(CONTROLS, '');
}

/** Like sanitizeLine but keeps line breaks. */
export function sanitizeText(text: string): string {
  return text.split(/\r?\n/).map(sanitizeLine).join('\n');
}
