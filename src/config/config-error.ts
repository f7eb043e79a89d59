// What went wrong in dynodeck.yml, in a form both people and editors can read.
import { UserError } from '../domain/user-error.js';

export interface ConfigProblem {
  /** The file as shown to the user: relative to the working folder when inside it, else absolute. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted path such as "refresh.git", or "(root)", "(syntax)", "(file)". */
  field: string;
  message: string;
}

export class ConfigError extends UserError {
  override name = 'ConfigError';
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(formatProblems(problems), { exitCode: 2 });
    this.problems = problems;
  }

  /** One `file:line:column: field: message` line per problem, the shape compilers use so terminals and editors link it. */
  format(): string {
    return formatProblems(this.problems);
  }
}

function formatProblems(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.field}: ${p.message}`).join('\n');
}
