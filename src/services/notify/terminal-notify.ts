// Desktop notifications through the terminal itself: OSC 9 (iTerm2, Windows Terminal,
// kitty, WezTerm...) and OSC 777 (rxvt, foot, VTE), with a bell as the fallback.
// Terminals that know neither ignore the sequences.
export interface NotifyOptions {
  terminal: boolean;
  bell: boolean;
}

export type Notifier = (title: string, body: string) => void;

/** Text inside an OSC sequence must not end it early or carry other controls. */
function clean(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/;/g, ',')
    .slice(0, 200);
}

export function notificationSequences(title: string, body: string, opts: NotifyOptions): string {
  let out = '';
  if (opts.terminal) {
    out += `\u001b]9;${clean(`${title}: ${body}`)}\u0007`;
    out += `\u001b]777;notify;${clean(title)};${clean(body)}\u0007`;
  }
  if (opts.bell) out += '\u0007';
  return out;
}

export function createTerminalNotifier(write: (text: string) => void, opts: NotifyOptions): Notifier {
  return (title, body) => {
    const text = notificationSequences(title, body, opts);
    if (text) write(text);
  };
}
