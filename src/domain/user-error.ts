// An expected failure: something the user can fix (a missing file, a refused token, a port in
// use). It carries the words to show and, when there is one, what to try; anything thrown that
// is not one of these and looks like a programming error is reported as a bug, with its stack.
export class UserError extends Error {
  override name = 'UserError';
  readonly hint?: string;
  /** 2 for bad input (usage, config), 1 for a failure. */
  readonly exitCode: number;

  constructor(message: string, opts: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 1;
  }
}
