// Types for deck-node-flags.js (plain JavaScript, so the launcher runs on any Node).
export declare const DECK_NODE_FLAGS: readonly string[];
export declare function opensTheDeck(args: readonly string[]): boolean;
export declare function missingDeckFlags(execArgv: readonly string[]): string[];
