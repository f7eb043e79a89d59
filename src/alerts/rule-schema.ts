// The `alerts:` section of dynodeck.yml. Error texts are what the user reads: they say what was
// expected in plain words, and the config loader appends what it got.
import * as z from 'zod';
import { DEFAULT_RULES } from './default-rules.js';
import type { AlertRule, Severity } from './rules.js';

export const ALERT_METRICS = [
  'p95_ms',
  'error_rate_percent',
  'crashed',
  'restart_loop',
  'memory',
  'release_failed',
  'health_check',
  'log_pattern',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** Heroku's own alert sensitivity windows. */
export const ALERT_WINDOWS = ['1m', '5m', '10m'] as const;
const WINDOW_MS: Record<(typeof ALERT_WINDOWS)[number], number> = { '1m': 60_000, '5m': 300_000, '10m': 600_000 };

/** Heroku will not alert on p95 below this, so neither do we: lower values are noise. */
export const MIN_P95_MS = 50;

const MAPPING = 'expected a mapping (key: value)';
const DURATION = `expected one of ${ALERT_WINDOWS.join(', ')}, or a number of seconds (1 to 86400)`;

/** Defaults for what a configured rule leaves out, matching the built-in rule of the same metric. */
const METRIC_DEFAULTS: Record<AlertMetric, { severity: Severity; above?: number; count?: number; within?: number }> = {
  p95_ms: { severity: 'warning', above: 1000 },
  error_rate_percent: { severity: 'critical', above: 5 },
  crashed: { severity: 'critical' },
  restart_loop: { severity: 'critical', count: 3, within: 600_000 },
  memory: { severity: 'warning' },
  release_failed: { severity: 'warning' },
  health_check: { severity: 'critical', count: 3 },
  log_pattern: { severity: 'warning', count: 1, within: 300_000 },
};
const DEFAULT_FOR_MS = 300_000;
const DEFAULT_MIN_REQUESTS = 20;

/** Which optional keys each metric reads; any other is a mistake worth pointing at. */
const USES: Record<'above' | 'for' | 'pattern' | 'count' | 'within', readonly AlertMetric[]> = {
  above: ['p95_ms', 'error_rate_percent'],
  for: ['p95_ms', 'error_rate_percent'],
  pattern: ['log_pattern'],
  count: ['restart_loop', 'health_check', 'log_pattern'],
  within: ['restart_loop', 'log_pattern'],
};

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.join(', ')}` });
}

function flag(what: string) {
  return z.boolean({ error: 'expected true or false' }).default(true).describe(what);
}

function duration() {
  const seconds = z.number({ error: DURATION }).min(1, { error: DURATION }).max(86_400, { error: DURATION });
  return z.union([z.enum(ALERT_WINDOWS), seconds], { error: DURATION });
}

/** A section that may be left out; its fields' defaults then apply. */
function section<T extends z.ZodRawShape>(shape: T) {
  const object = z.strictObject(shape, { error: MAPPING });
  // Every field has a default, so an empty mapping is valid input; TS cannot see that through the generic.
  return object.prefault({} as z.input<typeof object>);
}

export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (err) {
    const reason = (err as Error).message.split(': ').at(-1) ?? 'invalid';
    return `expected a valid regular expression (${reason.toLowerCase()})`;
  }
}

const ruleSchema = z
  .strictObject(
    {
      name: z
        .string({ error: 'expected a rule name (text, 1 to 60 characters)' })
        .min(1, { error: 'expected a rule name (text, 1 to 60 characters)' })
        .max(60, { error: 'expected a rule name (text, 1 to 60 characters)' })
        .describe('Names the alert; a rule named like a built-in one (e.g. "p95-latency") replaces it.'),
      metric: oneOf(ALERT_METRICS).describe('What the rule watches.'),
      above: z
        .number({ error: 'expected a number' })
        .optional()
        .describe(
          `p95_ms: milliseconds (at least ${MIN_P95_MS}, default 1000); error_rate_percent: percent of 5xx responses (default 5).`,
        ),
      for: duration()
        .optional()
        .describe('How long the value must stay above (and then below) before the alert fires (resolves). Default 5m.'),
      env: z
        .string({ error: 'expected an environment name (text)' })
        .min(1, { error: 'expected an environment name (text)' })
        .optional()
        .describe('Only this environment; every environment when left out.'),
      severity: oneOf(['critical', 'warning'])
        .optional()
        .describe('Default: that of the built-in rule for the same metric.'),
      pattern: z
        .string({ error: 'expected a regular expression (text)' })
        .min(1, { error: 'expected a regular expression (text)' })
        .optional()
        .describe('log_pattern: a JavaScript regular expression matched against each log line.'),
      count: z
        .int({ error: 'expected a whole number (1 to 1000)' })
        .min(1, { error: 'expected a whole number (1 to 1000)' })
        .max(1000, { error: 'expected a whole number (1 to 1000)' })
        .optional()
        .describe(
          'restart_loop: crashes (default 3); health_check: failed checks in a row (default 3); log_pattern: matches (default 1).',
        ),
      within: duration()
        .optional()
        .describe('restart_loop (default 10m), log_pattern (default 5m): the window counted in.'),
    },
    { error: MAPPING },
  )
  .superRefine((rule, ctx) => {
    const problem = (key: keyof typeof rule, message: string) =>
      ctx.addIssue({ code: 'custom', path: [key], message, input: rule[key] });
    for (const [key, metrics] of Object.entries(USES) as Array<[keyof typeof USES, readonly AlertMetric[]]>) {
      if (rule[key] !== undefined && !metrics.includes(rule.metric)) {
        problem(key, `expected no ${key} on a ${rule.metric} rule (only ${metrics.join(', ')} use it)`);
      }
    }
    if (rule.metric === 'p95_ms' && rule.above !== undefined && rule.above < MIN_P95_MS) {
      problem('above', `expected milliseconds, at least ${MIN_P95_MS} (Heroku's minimum)`);
    }
    if (rule.metric === 'error_rate_percent' && rule.above !== undefined && (rule.above < 0 || rule.above > 100)) {
      problem('above', 'expected a percentage (0 to 100)');
    }
    if (rule.metric === 'log_pattern') {
      if (rule.pattern === undefined)
        problem('pattern', 'expected a regular expression (text): log_pattern rules need one');
      else {
        const bad = regexProblem(rule.pattern);
        if (bad) problem('pattern', bad);
      }
    }
  });

export const alertsSchema = section({
  defaults: flag(
    'Turn on the built-in rules (p95 latency, 5xx rate, crashes, restart loops, memory, failed releases, health checks).',
  ),
  notify: section({
    terminal: flag('Show new and resolved alerts on screen.'),
    bell: flag('Ring the terminal bell when an alert fires.'),
  }).describe('How alerts make themselves noticed.'),
  checks: section({
    interval: z
      .number({ error: 'expected a number of seconds (1 to 3600)' })
      .min(1, { error: 'expected a number of seconds (1 to 3600)' })
      .max(3600, { error: 'expected a number of seconds (1 to 3600)' })
      .default(10)
      .describe('Seconds between synthetic health checks.'),
    path: z
      .string({ error: 'expected a path starting with /' })
      .regex(/^\/\S*$/, { error: 'expected a path starting with /' })
      .optional()
      .describe('Path each environment is checked on, like an uptime monitor; defaults to platform.healthCheck.'),
  }).describe('Synthetic health checks, as read by health_check rules.'),
  rules: z
    .array(ruleSchema, { error: 'expected a list of rules' })
    .default([])
    .superRefine((rules, ctx) => {
      const seen = new Set<string>();
      for (const [i, rule] of rules.entries()) {
        if (seen.has(rule.name)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: 'expected a name no other rule here uses',
            input: rule.name,
          });
        }
        seen.add(rule.name);
      }
    })
    .describe('Your own rules; one named like a built-in rule replaces it.'),
}).describe('Alert rules and how alerts notify.');

export type AlertsConfig = z.output<typeof alertsSchema>;
export type AlertsConfigInput = z.input<typeof alertsSchema>;
export type ConfiguredRule = AlertsConfig['rules'][number];

function windowMs(value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return typeof value === 'number' ? value * 1000 : WINDOW_MS[value as keyof typeof WINDOW_MS];
}

export function ruleFromConfig(rule: ConfiguredRule): AlertRule {
  const d = METRIC_DEFAULTS[rule.metric];
  const base = {
    name: rule.name,
    severity: rule.severity ?? d.severity,
    ...(rule.env !== undefined && { env: rule.env }),
  };
  const count = rule.count ?? d.count ?? 1;
  const within = windowMs(rule.within, d.within ?? DEFAULT_FOR_MS);
  const forMs = windowMs(rule.for, DEFAULT_FOR_MS);
  switch (rule.metric) {
    case 'p95_ms':
      return { ...base, kind: 'p95', aboveMs: rule.above ?? d.above ?? 1000, forMs };
    case 'error_rate_percent':
      return {
        ...base,
        kind: 'error-rate',
        abovePercent: rule.above ?? d.above ?? 5,
        forMs,
        minRequests: DEFAULT_MIN_REQUESTS,
      };
    case 'crashed':
      return { ...base, kind: 'crashed' };
    case 'restart_loop':
      return { ...base, kind: 'restart-loop', crashes: count, withinMs: within };
    case 'memory':
      return { ...base, kind: 'memory' };
    case 'release_failed':
      return { ...base, kind: 'release-failed' };
    case 'health_check':
      return { ...base, kind: 'health-check', failures: count };
    case 'log_pattern':
      return { ...base, kind: 'log-pattern', pattern: rule.pattern ?? '', count, withinMs: within };
  }
}

/** The built-in rules (unless turned off) with configured ones of the same name put in their place, then the rest. */
export function rulesFromConfig(section: AlertsConfig | undefined): AlertRule[] {
  const config = section ?? alertsSchema.parse({});
  const configured = config.rules.map(ruleFromConfig);
  const byName = new Map(configured.map((r) => [r.name, r]));
  const defaults = config.defaults ? DEFAULT_RULES.map((r) => byName.get(r.name) ?? { ...r }) : [];
  const taken = new Set(defaults.map((r) => r.name));
  return [...defaults, ...configured.filter((r) => !taken.has(r.name))];
}
