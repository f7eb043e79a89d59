// Keys of the focused Logs pane and of its filter/search prompt.
import type { Key } from 'ink';
import type { DeckStore } from '../store/create-deck-store.js';
import type { LogsSlice } from '../store/logs-slice.js';

const NONE: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

function logs(store: DeckStore): LogsSlice {
  return store.getState() as unknown as LogsSlice;
}

/**
 * Handles a key for the Logs pane; true when it used it. Call it first while a logs
 * prompt is open (it takes every key but Ctrl+C then), and when the Logs pane has focus.
 */
export function handleLogsKey(input: string, key: Key, store: DeckStore): boolean {
  // Several keys in one chunk (typed fast, pasted, or sent by tmux): each one counts.
  if (input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001b')) {
    let used = false;
    for (const ch of input) {
      const single =
        ch === '\r' || ch === '\n'
          ? { input: '', key: { ...NONE, return: true } }
          : ch === '\u007f' || ch === '\b'
            ? { input: '', key: { ...NONE, backspace: true } }
            : { input: ch, key: /[A-Z]/.test(ch) ? { ...NONE, shift: true } : NONE };
      if (!handleOne(single.input, single.key, store)) {
        if (!used) return false;
        break;
      }
      used = true;
    }
    return used;
  }
  return handleOne(input, key, store);
}

function handleOne(input: string, key: Key, store: DeckStore): boolean {
  const s = logs(store);
  if (s.logPrompt) return handlePromptKey(input, key, s);

  if (key.ctrl) {
    if (input === 'd' || input === 'f') s.scrollLogs('page-down');
    else if (input === 'u' || input === 'b') s.scrollLogs('page-up');
    else return false;
    return true;
  }
  if (key.meta && !key.escape) return false;
  if (key.escape) {
    // k9s habit: Esc drops what narrows the view, search first, then the filter.
    if (s.logs.search) s.setLogSearch('');
    else if (s.logs.filter) s.setLogFilter('');
    else return false;
    return true;
  }
  if (key.upArrow) return (s.scrollLogs(-1), true);
  if (key.downArrow) return (s.scrollLogs(1), true);
  if (key.pageUp) return (s.scrollLogs('page-up'), true);
  if (key.pageDown) return (s.scrollLogs('page-down'), true);
  if (key.home) return (s.scrollLogs('first'), true);
  if (key.end) return (s.scrollLogs('last'), true);
  switch (input) {
    case 'j':
      s.scrollLogs(1);
      return true;
    case 'k':
      s.scrollLogs(-1);
      return true;
    case 'g':
      s.scrollLogs('first');
      return true;
    case 'G':
      s.scrollLogs('last');
      return true;
    case 'f':
      s.toggleLogFollow();
      return true;
    case 'w':
      s.toggleLogWrap();
      return true;
    case 's':
      s.cycleLogSource();
      return true;
    case '/':
      s.openLogPrompt('filter');
      return true;
    case '\\':
      s.openLogPrompt('search');
      return true;
    case 'n':
      s.nextLogMatch();
      return true;
    case 'N':
      s.prevLogMatch();
      return true;
    default:
      return false;
  }
}

function handlePromptKey(input: string, key: Key, s: LogsSlice): boolean {
  const prompt = s.logPrompt!;
  if (key.ctrl && input === 'c') return false; // quitting always works
  if (key.escape) {
    s.cancelLogPrompt();
    return true;
  }
  if (key.return) {
    s.submitLogPrompt();
    return true;
  }
  if (key.backspace || key.delete) {
    s.editLogPrompt([...prompt.value].slice(0, -1).join(''));
    return true;
  }
  if (key.ctrl) {
    if (input === 'u') s.editLogPrompt('');
    else if (input === 'w') s.editLogPrompt(prompt.value.replace(/\S*\s*$/, ''));
    return true;
  }
  if (key.meta || key.tab) return true;
  // Printable text only: a pasted escape sequence or control character never reaches the prompt.
  const text = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  if (text) s.editLogPrompt(prompt.value + text);
  return true;
}
