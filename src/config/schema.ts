// The shape of dynodeck.yml. Every error text here is what the user reads, so it says
// what was expected in plain words; the loader appends what it got.
import * as z from 'zod';
import { alertsSchema, type AlertsConfig } from '../alerts/rule-schema.js';
import { cloudwatchSchema, type CloudWatchConfig } from './cloudwatch-schema.js';

export const TICKET_SOURCES = ['markdown', 'github'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

export const PLATFORM_KINDS = ['local', 'heroku'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

export interface PlatformConfig {
  kind: PlatformKind;
  boxes: number;
  build?: string;
  healthCheck?: string;
  basePort?: number;
  /** Local engine: time limits (a duration like "15m", or seconds); past one, the build or release fails. */
  timeouts?: { build?: Duration; release?: Duration; boot?: Duration };
  /** Heroku: the pipeline whose couplings are the environments. */
  pipeline?: string;
  /** Heroku: apps named per stage instead of (or as well as) a pipeline's couplings. */
  apps?: { boxes?: string[]; staging?: string; production?: string };
}

export interface GitHubConfig {
  /** owner/name; read from the `origin` remote when left out. */
  repo?: string;
  /** Tag of the release made after a promotion to production: {version}, {sha}, {date}. */
  releaseTag: string;
  labels: { complexity: { trivial: string; standard: string; complex: string } };
}

export interface DeckConfig {
  project: string;
  git: { mainBranch: string };
  tickets: { source: TicketSource; dir: string };
  refresh: { tickets: number; git: number; environments?: number };
  platform?: PlatformConfig;
  deploy: { test?: string };
  alerts: AlertsConfig;
  /** `true` (the whole deck) or the environment names or stages that may not be changed. */
  readOnly: boolean | string[];
  /** Command id → keys, replacing the command's default keys. */
  keys: Record<string, string[]>;
  cloudwatch?: CloudWatchConfig;
  github?: GitHubConfig;
}

/** Shown for a key whose name looks like it holds a secret, whatever section it is in. */
export const SECRET_KEY = /token|secret|password|api[_-]?key|credential/i;
export const SECRET_MESSAGE =
  'secrets do not belong in dynodeck.yml; set HEROKU_API_KEY / GITHUB_TOKEN in the environment instead';

const MAPPING = 'expected a mapping (key: value)';
const RELEASE_TAG = 'expected a tag with {version} or {sha} in it, without spaces (e.g. production-v{version})';

/** A section that may be left out; its fields' defaults then apply. */
function section<T extends z.ZodRawShape>(shape: T) {
  const object = z.strictObject(shape, { error: MAPPING });
  // Every field has a default, so an empty mapping is valid input; TS cannot see that through the generic.
  return object.prefault({} as z.input<typeof object>);
}

function text(expected: string) {
  return z.string({ error: expected }).min(1, { error: expected });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.join(', ')}` });
}

/** A duration as written in dynodeck.yml: "90s", "15m", "1h", or a number of seconds (the alert rules' "5m" reads the same). */
export type Duration = string | number;
const DURATION_TEXT = /^([1-9][0-9]*)(s|m|h)$/;
const DURATION_UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Milliseconds of a duration the schema accepted. */
export function durationMs(value: Duration): number {
  if (typeof value === 'number') return value * 1000;
  const [, amount, unit] = DURATION_TEXT.exec(value) ?? [];
  return Number(amount) * DURATION_UNIT_MS[unit as keyof typeof DURATION_UNIT_MS];
}

function duration(maxHours: number) {
  const expected = `expected a duration like 90s, 15m or 1h, or a number of seconds (1 to ${maxHours * 3600})`;
  return z
    .union(
      [
        z.string({ error: expected }).regex(DURATION_TEXT, { error: expected }),
        z.number({ error: expected }).min(1, { error: expected }),
      ],
      { error: expected },
    )
    .refine((value) => durationMs(value) <= maxHours * 3_600_000, { error: expected });
}

function seconds(min: number, max: number) {
  const expected = `expected a number of seconds (${min} to ${max})`;
  return z.number({ error: expected }).min(min, { error: expected }).max(max, { error: expected });
}

export const configSchema = z.strictObject(
  {
    project: z
      .string({ error: 'expected text (1 to 60 characters)' })
      .min(1, { error: 'expected text (1 to 60 characters)' })
      .max(60, { error: 'expected text (1 to 60 characters)' })
      .optional()
      .describe('Name shown in the header. Defaults to the name of the folder holding dynodeck.yml.'),
    git: section({
      mainBranch: text('expected a branch name (text)')
        .default('main')
        .describe('The branch ticket branches are compared with and merged into.'),
    }).describe('How the git repository is read.'),
    tickets: section({
      source: oneOf(TICKET_SOURCES)
        .default('markdown')
        .describe(
          'Where tickets come from: "markdown" files in a folder, or "github" issues of the repository (see github:).',
        ),
      dir: text('expected a folder path (text)')
        .default('tickets')
        .describe('Folder holding the ticket files, relative to the folder of dynodeck.yml.'),
    }).describe('Where tickets are read from.'),
    platform: z
      .strictObject(
        {
          kind: oneOf(PLATFORM_KINDS)
            .default('local')
            .describe('Where environments run: "local" runs them on this machine (the local engine).'),
          boxes: z
            .int({ error: 'expected a whole number of feature boxes (0 to 9)' })
            .min(0, { error: 'expected a whole number of feature boxes (0 to 9)' })
            .max(9, { error: 'expected a whole number of feature boxes (0 to 9)' })
            .default(2)
            .describe('How many feature boxes (box-1, box-2, ...) sit before staging and production.'),
          build: text('expected a command line (text)')
            .optional()
            .describe(
              'Command run in a fresh export of the code before a release, e.g. "npm run build". Runs with /bin/sh, like a Procfile entry.',
            ),
          healthCheck: z
            .string({ error: 'expected a path starting with /' })
            .regex(/^\/[^\s]*$/, { error: 'expected a path starting with /' })
            .optional()
            .describe('Path every new web process must answer (status below 500) before the router sends it traffic.'),
          pipeline: text('expected a pipeline name (text)')
            .optional()
            .describe(
              'Heroku: the pipeline whose apps are the environments (review and development apps become boxes).',
            ),
          apps: z
            .strictObject(
              {
                boxes: z
                  .array(text('expected an app name (text)'), { error: 'expected a list of app names' })
                  .optional(),
                staging: text('expected an app name (text)').optional(),
                production: text('expected an app name (text)').optional(),
              },
              { error: MAPPING },
            )
            .optional()
            .describe('Heroku: apps named per stage, when there is no pipeline (promotion then needs one).'),
          basePort: z
            .int({ error: 'expected a port number (1024 to 65000)' })
            .min(1024, { error: 'expected a port number (1024 to 65000)' })
            .max(65000, { error: 'expected a port number (1024 to 65000)' })
            .optional()
            .describe(
              'Router port of staging; production gets the next one, box-N the ones after. Free ports are picked (and kept) when left out.',
            ),
          timeouts: z
            .strictObject(
              {
                build: duration(24)
                  .optional()
                  .describe('Longest a build (extract and build command) may run; default 15m, as on Heroku.'),
                release: duration(24)
                  .optional()
                  .describe(
                    "Longest the release phase (the Procfile's release: process) may run; default 1h, as on Heroku.",
                  ),
                boot: duration(1)
                  .optional()
                  .describe(
                    'Longest a new web process may take to answer on $PORT (error R10 after); default 60s, as on Heroku.',
                  ),
              },
              { error: MAPPING },
            )
            .optional()
            .describe(
              'Local engine: time limits, each a duration like 90s, 15m or 1h (or a number of seconds). Past one, the process is stopped, the build or release fails and the old release keeps serving.',
            ),
        },
        { error: MAPPING },
      )
      .superRefine((p, ctx) => {
        if (p.kind === 'heroku' && !p.pipeline && !p.apps) {
          ctx.addIssue({
            code: 'custom',
            path: ['pipeline'],
            message: "expected the pipeline's name (or apps: per stage) when kind is heroku",
            input: undefined,
          });
        }
      })
      .optional()
      .describe('The environments: staging, production and feature boxes. Leave out to read tickets and git only.'),
    deploy: section({
      test: text('expected a command line (text)')
        .optional()
        .describe(
          'The test gate: run in a clean export of the ref before every deploy (e.g. "npm ci && npm test"); a failure stops the deploy. Runs with /bin/sh.',
        ),
    }).describe('How deploys are guarded.'),
    alerts: alertsSchema,
    readOnly: z
      .union([z.boolean(), z.array(text('expected an environment name or stage (text)'))], {
        error: 'expected true, false, or a list of environment names or stages (e.g. [production])',
      })
      .default(false)
      .describe(
        'true makes the whole deck read-only (the on-call screen); a list (e.g. [production]) makes those environments read-only. Commands that change an environment are then refused with the reason, in the deck and the headless commands.',
      ),
    keys: z
      .record(
        z.string(),
        z
          .union([text('expected a key (text)'), z.array(text('expected a key (text)'))], {
            error: 'expected a key or a list of keys (e.g. D, Ctrl+F, [F, f])',
          })
          .transform((k) => (Array.isArray(k) ? k : [k])),
        { error: 'expected a mapping of command ids to keys (e.g. deploy: D)' },
      )
      .default({})
      .describe(
        'Remapped keys: command id → key or list of keys, replacing the defaults (e.g. deploy: D, logs.follow: [F, f]). The ids are listed by ? in the deck and in the README.',
      ),
    cloudwatch: cloudwatchSchema.optional(),
    github: z
      .strictObject(
        {
          repo: z
            .string({ error: 'expected owner/name (e.g. acme/shop)' })
            .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { error: 'expected owner/name (e.g. acme/shop)' })
            .optional()
            .describe('The GitHub repository, owner/name. Read from the "origin" remote when left out.'),
          releaseTag: z
            .string({ error: RELEASE_TAG })
            .regex(/^[^\s~^:?*[\\]*\{(?:version|sha)\}[^\s~^:?*[\\]*$/, { error: RELEASE_TAG })
            .default('production-v{version}')
            .describe(
              'Tag of the GitHub release made after each promotion to production: {version} is the release number, {sha} the short commit, {date} the day (YYYY-MM-DD).',
            ),
          labels: section({
            complexity: section({
              trivial: text('expected a label name (text)')
                .default('complexity: trivial')
                .describe('Label of trivial issues.'),
              standard: text('expected a label name (text)')
                .default('complexity: standard')
                .describe('Label of standard issues.'),
              complex: text('expected a label name (text)')
                .default('complexity: complex')
                .describe('Label of complex issues.'),
            }).describe('Issue labels that give a ticket its complexity; an issue with none shows as unknown.'),
          }).describe('Label names dynodeck reads.'),
        },
        { error: MAPPING },
      )
      .optional()
      .describe(
        'GitHub: issues as tickets, pull requests with review and checks, deployments and releases. The token comes from GITHUB_TOKEN, GH_TOKEN or "gh auth token", never from this file.',
      ),
    refresh: section({
      tickets: seconds(0.5, 3600).default(2).describe('Seconds between re-reading the tickets.'),
      git: seconds(1, 3600).default(5).describe('Seconds between re-reading branch status from git.'),
      environments: seconds(1, 3600)
        .optional()
        .describe(
          'Seconds between reading the environments (releases, formation, dynos) from the platform; default 5 on the local engine, 120 on Heroku (its API budget is 4,500 calls an hour).',
        ),
    }).describe('How often each source is read again, in seconds.'),
  },
  { error: MAPPING },
);

export type ParsedConfig = z.output<typeof configSchema>;

// Fails to compile if the schema and the hand-written DeckConfig drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesDeckConfig: Same<Omit<DeckConfig, 'project'>, Omit<ParsedConfig, 'project'>> = true;
