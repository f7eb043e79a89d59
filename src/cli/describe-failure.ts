// What the CLI says about an error that reached the top: a user error in its own words (and
// what to try), a failure of the outside world (a file, a network, a provider) as its
// message, and a programming error as a bug with its stack, so it gets reported, not guessed at.
import { ConfigError } from '../config/config-error.js';
import { UserError } from '../domain/user-error.js';

/** Exit code for "internal software error" (sysexits' EX_SOFTWARE). */
export const BUG_EXIT = 70;

const PROGRAMMING_ERRORS = [TypeError, ReferenceError, RangeError, EvalError, URIError];

export function describeFailure(error: unknown): { text: string; exitCode: number } {
  if (error instanceof ConfigError) return { text: error.format(), exitCode: 2 };
  if (error instanceof UserError)
    return {
      text: `dynodeck: ${error.message}${error.hint ? `\n  try: ${error.hint}` : ''}`,
      exitCode: error.exitCode,
    };
  if (PROGRAMMING_ERRORS.some((type) => error instanceof type) || !(error instanceof Error))
    return {
      text: [
        'dynodeck: internal error: this is a bug in dynodeck; please report it with the lines below.',
        error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error),
      ].join('\n'),
      exitCode: BUG_EXIT,
    };
  return { text: `dynodeck: ${error.message}`, exitCode: 1 };
}
