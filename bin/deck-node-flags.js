// Node options for the deck's own process, which only take effect on node's command line.
// Plain JavaScript that any Node parses.

/**
 * V8's memory reducer runs full collections once a process seems idle, to give memory back.
 * For the deck, which keeps its log lines outside the heap, that is work for nothing: right
 * after launch it was two thirds of the deck's CPU with no lines arriving (bench/README.md,
 * log-flood.sh idle pass: 0.29-0.37 s in 20 s with it, 0.13 s without), and the resident
 * memory was the same.
 */
const NO_MEMORY_REDUCER = '--no-memory-reducer';

/**
 * V8's young generation at 2 MB semispaces instead of the 1 MB it starts with (the launcher
 * stops it growing, see dynodeck.js). With 1 MB, a flood's lines, held from one read to the
 * next (250 ms), outlived two scavenges and were copied into the old generation, which then
 * needed a full collection every ~5 s: at 5,000 lines/s the deck used 0.53-0.56 s of CPU in
 * 20 s with 1 MB and 0.38-0.41 s with 2 MB; 100,000 retained lines took the same memory
 * (bench/README.md, 2026-12-03 afternoon).
 */
const YOUNG_GENERATION = '--min-semi-space-size=2';

export const DECK_NODE_FLAGS = [NO_MEMORY_REDUCER, YOUNG_GENERATION];

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
