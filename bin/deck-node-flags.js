// Node options for the deck's own process, which only take effect on node's command line.
// Plain JavaScript that any Node parses.

/**
 * V8's memory reducer runs full collections once a process seems idle, to give memory back.
 * For the deck, which keeps its log lines outside the heap, that is work for nothing: right
 * after launch it was two thirds of the deck's CPU with no lines arriving (bench/README.md,
 * log-flood.sh idle pass: 0.29-0.37 s in 20 s with it, 0.13 s without), and the resident
 * memory was the same.
 */
export const DECK_NODE_FLAGS = ['--no-memory-reducer'];

/** Options that take the next word as their value (that word is not a command). */
const VALUED = new Set(['--config', '-c', '--dir', '--example']);
const ONE_SHOT = new Set(['--help', '-h', '--version', '-v']);

/** Whether these command-line words open the deck (as `dynodeck`, `dynodeck deck` or `dynodeck demo` do). */
export function opensTheDeck(args) {
  if (args.some((word) => ONE_SHOT.has(String(word)))) return false;
  let command;
  for (let i = 0; i < args.length; i++) {
    const word = String(args[i]);
    if (VALUED.has(word)) {
      i++;
      continue;
    }
    if (!word.startsWith('-')) {
      command = word;
      break;
    }
  }
  return command === undefined || command === 'deck' || command === 'demo';
}

/** The flags this process still lacks (none once it was started with them). */
export function missingDeckFlags(execArgv) {
  return DECK_NODE_FLAGS.filter((flag) => !execArgv.includes(flag));
}
