// The only log lines the alert rules read as text are those a `log-pattern` rule may count.
// The health watcher keeps just those between two evaluations: holding every line of a
// flood for two seconds made V8 copy and promote megabytes of strings per evaluation
// (bench/log-flood.sh: most of the deck's garbage-collection time at 5,000 lines/s).
import { ruleWatches, type AlertRule } from './rules.js';

/** Picks, from lines of `env`, those a log-pattern rule watching it matches (none when no rule does). */
export function patternLineFilter(rules: readonly AlertRule[], env: string): (lines: readonly string[]) => string[] {
  const patterns = rules.flatMap((rule) =>
    rule.kind === 'log-pattern' && ruleWatches(rule, env) ? [new RegExp(rule.pattern)] : [],
  );
  if (patterns.length === 0) return () => [];
  return (lines) => lines.filter((line) => patterns.some((pattern) => pattern.test(line)));
}
