// What an alert rule says, independent of where it came from (built-in defaults or dynodeck.yml).

export type Severity = 'critical' | 'warning';

/** `env` undefined means the rule watches every environment. */
export type AlertRule =
  | { name: string; kind: 'p95'; env?: string; aboveMs: number; forMs: number; severity: Severity }
  | {
      name: string;
      kind: 'error-rate';
      env?: string;
      abovePercent: number;
      forMs: number;
      severity: Severity;
      minRequests?: number;
    }
  /** Any dyno in state crashed, or a crash event. */
  | { name: string; kind: 'crashed'; env?: string; severity: Severity }
  | { name: string; kind: 'restart-loop'; env?: string; crashes: number; withinMs: number; severity: Severity }
  /** R14/R15 seen, or rss above quota. */
  | { name: string; kind: 'memory'; env?: string; severity: Severity }
  /** A failed deploy or release phase. */
  | { name: string; kind: 'release-failed'; env?: string; severity: Severity }
  /** N consecutive failed synthetic checks. */
  | { name: string; kind: 'health-check'; env?: string; failures: number; severity: Severity }
  | {
      name: string;
      kind: 'log-pattern';
      env?: string;
      pattern: string;
      count: number;
      withinMs: number;
      severity: Severity;
    };

export type RuleKind = AlertRule['kind'];

export function ruleWatches(rule: AlertRule, env: string): boolean {
  return rule.env === undefined || rule.env === env;
}
