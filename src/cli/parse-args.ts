// Command-line words to a command. Pure: no I/O, so every usage error is testable.
import { parseArgs } from 'node:util';

export type Command =
  | { name: 'deck'; config?: string; readOnly: boolean }
  | { name: 'demo'; dir?: string; reset: boolean; readOnly: boolean; example?: DemoExample }
  | { name: 'status'; json: boolean; config?: string }
  | { name: 'config-schema' }
  | { name: 'engine'; action: 'start' | 'stop' | 'status' | 'run'; config?: string }
  | {
      name: 'engine-apps';
      change?: { kind: 'rename'; from: string; to?: string } | { kind: 'remove'; what: string };
      config?: string;
    }
  | {
      name: 'deploy';
      dryRun: boolean;
      force: boolean;
      json: boolean;
      env: string;
      ref?: string;
      yes: boolean;
      skipTests: boolean;
      override: boolean;
      readOnly: boolean;
      config?: string;
    }
  | {
      name: 'promote';
      from: string;
      to?: string;
      yes: boolean;
      override: boolean;
      readOnly: boolean;
      config?: string;
      dryRun: boolean;
      force: boolean;
      json: boolean;
    }
  | { name: 'scale'; env: string; changes: string[]; yes: boolean; readOnly: boolean; config?: string }
  | { name: 'restart'; env: string; target?: string; yes: boolean; readOnly: boolean; config?: string }
  | {
      name: 'rollback';
      env: string;
      release?: string;
      yes: boolean;
      force: boolean;
      readOnly: boolean;
      config?: string;
    }
  | { name: 'maintenance'; env: string; on: boolean; yes: boolean; readOnly: boolean; config?: string }
  | { name: 'logs'; env: string; tail: boolean; source?: string; dyno?: string; lines?: number; config?: string }
  | { name: 'alerts'; watch: boolean; json: boolean; config?: string }
  | { name: 'report'; since: string; env: string; json: boolean; failureWindow?: string; config?: string }
  | { name: 'db'; env: string; psqlArgs: string[]; config?: string }
  | { name: 'merge'; ticket: string; readOnly: boolean; config?: string }
  | { name: 'help' }
  | { name: 'version' };

/** The projects `dynodeck demo` can make: Brightcart (Node, the default) or the Django example. */
export const DEMO_EXAMPLES = ['brightcart', 'django'] as const;
export type DemoExample = (typeof DEMO_EXAMPLES)[number];

export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

export const USAGE = `dynodeck: a terminal control room for tickets, environments, logs and alerts

Usage:
  dynodeck [--config PATH] [--read-only]
                                        open the deck for the project in this folder
  dynodeck demo [--dir PATH] [--reset] [--example django]
                                        create the demo project (once) and open the deck on it
  dynodeck status [--json] [--config PATH]
                                        print the project's state once and exit
  dynodeck deploy <env> [--ref REF] [--yes] [--skip-tests] [--dry-run [--json]] [--force]
                                        test gate, then build and release REF (default: the main branch)
  dynodeck promote <from> [<to>] [--yes] [--dry-run [--json]] [--force]
                                        copy from's release to the next stage (or <to>)
  dynodeck scale <env> web=3 worker+1 [--yes]
  dynodeck restart <env> [type|dyno] [--yes]
  dynodeck rollback <env> [vN] [--yes] [--force]  (default: the release before the current one)
  dynodeck logs <env> [--tail] [--source app|heroku|router] [--dyno D] [-n N]
  dynodeck maintenance <env> on|off [--yes]
  dynodeck merge <ticket>               merge the ticket's open pull request on GitHub when it is
                                        approved with passing checks (else says what is missing)
  dynodeck alerts [--watch] [--json]     the alerts as of now (exit 1 while a critical one fires);
                                        --watch keeps evaluating and prints each change
  dynodeck report [--since 30d] [--env production] [--failure-window 24h] [--json]
                                        how fast and how safely the team ships (DORA's four
                                        measures, lead time by ticket complexity), per week
  dynodeck db [--config PATH] <env> [psql args]
                                        psql on the environment's database (its DATABASE_URL);
                                        without psql, how to connect (password masked)
  dynodeck engine start|stop|status|run [--config PATH]
                                        the local engine that runs the environments
                                        (start and stop run it in the background; run in the foreground)
  dynodeck engine apps [rename <old-project> [<new-project>] | remove <app|project>]
                                        the engine's apps, and those kept aside from an earlier
                                        project name (rename carries them over, remove deletes them)
  dynodeck config schema                print the JSON Schema of dynodeck.yml
  dynodeck --help | --version

Options:
  --config PATH   the dynodeck.yml to use (default: ./dynodeck.yml)
  --dir PATH      where the demo lives (default: a per-user state folder)
  --reset         rebuild the demo from its template
  --example NAME  the demo to make: brightcart (Node, the default) or django
  --json          machine-readable output (a stable interface, see README)
  --yes, -y       confirm an action on production without being asked
  --skip-tests    deploy without the test gate (recorded in the audit log)
  --override      ship to production while a critical alert fires (recorded)
  --dry-run       deploy/promote: print what would ship (commits, pull requests, tickets) and change nothing
  --force         deploy/promote/rollback while GitHub shows another deployment to the target in progress (recorded)
  --read-only     nothing that changes an environment (the deck, demo and actions; also readOnly: in dynodeck.yml)

Exit codes: 0 done, 1 failed, 2 bad usage or configuration.
Press ? inside the deck for every key.`;

const ACTION_USAGE: Record<string, string> = {
  deploy: 'dynodeck deploy <env> [--ref REF] [--yes] [--skip-tests] [--override] [--dry-run [--json]] [--force]',
  promote: 'dynodeck promote <from> [<to>] [--yes] [--override] [--dry-run [--json]] [--force]',
  scale: 'dynodeck scale <env> web=3 worker+1 [--yes]',
  restart: 'dynodeck restart <env> [type|dyno] [--yes]',
  rollback: 'dynodeck rollback <env> [vN] [--yes] [--force]',
  logs: 'dynodeck logs <env> [--tail] [--source app|heroku|router] [--dyno D] [-n N]',
  maintenance: 'dynodeck maintenance <env> on|off [--yes]',
};

export function parseCommandLine(argv: readonly string[]): Parsed {
  // Everything after the environment belongs to psql, options included.
  if (argv[0] === 'db') return parseDbCommand(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        dir: { type: 'string' },
        reset: { type: 'boolean', default: false },
        example: { type: 'string' },
        json: { type: 'boolean', default: false },
        ref: { type: 'string' },
        yes: { type: 'boolean', short: 'y', default: false },
        'skip-tests': { type: 'boolean', default: false },
        tail: { type: 'boolean', short: 't', default: false },
        source: { type: 'string' },
        dyno: { type: 'string' },
        num: { type: 'string', short: 'n' },
        watch: { type: 'boolean', short: 'w', default: false },
        override: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        'read-only': { type: 'boolean', default: false },
        since: { type: 'string' },
        env: { type: 'string' },
        'failure-window': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    return { ok: false, error: (error as Error).message.replace(/\. To specify a positional.*$/s, '') };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, command: { name: 'help' } };
  if (values.version) return { ok: true, command: { name: 'version' } };

  const [word, ...rest] = positionals;
  const allow = (...names: Array<keyof typeof values>): string | undefined => {
    const given = (
      [
        'config',
        'dir',
        'reset',
        'json',
        'ref',
        'yes',
        'skip-tests',
        'tail',
        'source',
        'dyno',
        'num',
        'watch',
        'override',
        'dry-run',
        'force',
        'read-only',
        'since',
        'env',
        'failure-window',
        'example',
      ] as const
    ).filter((n) => values[n] !== undefined && values[n] !== false);
    const wrong = given.find((n) => !names.includes(n));
    return wrong ? `--${wrong} does not apply to ${word ? `"dynodeck ${word}"` : 'the deck'}` : undefined;
  };
  const jsonOnlyWithDryRun = () =>
    values.json && !values['dry-run'] ? `--json applies to "dynodeck ${word} --dry-run"` : undefined;
  const extra = (n: number) => (rest.length > n ? `unexpected argument "${rest[n]}"` : undefined);

  let error: string | undefined;
  let command: Command;
  switch (word) {
    case undefined:
      error = allow('config', 'read-only');
      command = { name: 'deck', config: values.config, readOnly: values['read-only'] ?? false };
      break;
    case 'demo':
      error = allow('dir', 'reset', 'read-only', 'example') ?? extra(0);
      if (values.example !== undefined && !DEMO_EXAMPLES.includes(values.example as DemoExample))
        return { ok: false, error: `--example must be one of ${DEMO_EXAMPLES.join(', ')}` };
      command = {
        name: 'demo',
        dir: values.dir,
        reset: values.reset ?? false,
        readOnly: values['read-only'] ?? false,
        ...(values.example ? { example: values.example as DemoExample } : {}),
      };
      break;
    case 'status':
      error = allow('json', 'config') ?? extra(0);
      command = { name: 'status', json: values.json ?? false, config: values.config };
      break;
    case 'engine': {
      const action = rest[0];
      if (action === 'apps') {
        const [, sub, first, second] = rest;
        error = allow('config');
        if (sub === undefined) {
          command = { name: 'engine-apps', config: values.config };
        } else if (sub === 'rename' && first !== undefined) {
          error ??= extra(4);
          command = { name: 'engine-apps', change: { kind: 'rename', from: first, to: second }, config: values.config };
        } else if (sub === 'remove' && first !== undefined) {
          error ??= extra(3);
          command = { name: 'engine-apps', change: { kind: 'remove', what: first }, config: values.config };
        } else {
          return {
            ok: false,
            error: 'usage: dynodeck engine apps [rename <old-project> [<new-project>] | remove <app|project>]',
          };
        }
        break;
      }
      if (action !== 'start' && action !== 'stop' && action !== 'status' && action !== 'run') {
        return { ok: false, error: 'usage: dynodeck engine start|stop|status|run|apps [--config PATH]' };
      }
      error = allow('config') ?? extra(1);
      command = { name: 'engine', action, config: values.config };
      break;
    }
    case 'deploy':
    case 'promote':
    case 'scale':
    case 'restart':
    case 'rollback':
    case 'maintenance':
    case 'logs': {
      const env = rest[0];
      if (!env) return { ok: false, error: `usage: ${ACTION_USAGE[word]}` };
      if (word === 'deploy') {
        error =
          allow('config', 'ref', 'yes', 'skip-tests', 'override', 'read-only', 'dry-run', 'force', 'json') ??
          jsonOnlyWithDryRun() ??
          extra(1);
        command = {
          name: 'deploy',
          env,
          ref: values.ref,
          yes: values.yes ?? false,
          skipTests: values['skip-tests'] ?? false,
          override: values.override ?? false,
          readOnly: values['read-only'] ?? false,
          config: values.config,
          dryRun: values['dry-run'] ?? false,
          force: values.force ?? false,
          json: values.json ?? false,
        };
      } else if (word === 'promote') {
        error =
          allow('config', 'yes', 'override', 'read-only', 'dry-run', 'force', 'json') ??
          jsonOnlyWithDryRun() ??
          extra(2);
        command = {
          name: 'promote',
          from: env,
          to: rest[1],
          yes: values.yes ?? false,
          override: values.override ?? false,
          readOnly: values['read-only'] ?? false,
          config: values.config,
          dryRun: values['dry-run'] ?? false,
          force: values.force ?? false,
          json: values.json ?? false,
        };
      } else if (word === 'scale') {
        if (rest.length < 2) return { ok: false, error: `usage: ${ACTION_USAGE.scale}` };
        error = allow('config', 'yes', 'read-only');
        command = {
          name: 'scale',
          env,
          changes: rest.slice(1),
          yes: values.yes ?? false,
          readOnly: values['read-only'] ?? false,
          config: values.config,
        };
      } else if (word === 'restart') {
        error = allow('config', 'yes', 'read-only') ?? extra(2);
        command = {
          name: 'restart',
          env,
          target: rest[1],
          yes: values.yes ?? false,
          readOnly: values['read-only'] ?? false,
          config: values.config,
        };
      } else if (word === 'maintenance') {
        if (rest[1] !== 'on' && rest[1] !== 'off') return { ok: false, error: `usage: ${ACTION_USAGE.maintenance}` };
        error = allow('config', 'yes', 'read-only') ?? extra(2);
        command = {
          name: 'maintenance',
          env,
          on: rest[1] === 'on',
          yes: values.yes ?? false,
          readOnly: values['read-only'] ?? false,
          config: values.config,
        };
      } else if (word === 'rollback') {
        error = allow('config', 'yes', 'read-only', 'force') ?? extra(2);
        command = {
          name: 'rollback',
          env,
          release: rest[1],
          yes: values.yes ?? false,
          force: values.force ?? false,
          readOnly: values['read-only'] ?? false,
          config: values.config,
        };
      } else {
        error = allow('config', 'tail', 'source', 'dyno', 'num') ?? extra(1);
        const lines = values.num === undefined ? undefined : Number(values.num);
        if (lines !== undefined && (!Number.isInteger(lines) || lines < 0 || lines > 1500))
          return { ok: false, error: '-n must be a whole number from 0 to 1500' };
        if (values.source !== undefined && !['app', 'heroku', 'router'].includes(values.source))
          return { ok: false, error: '--source must be app, heroku or router' };
        command = {
          name: 'logs',
          env,
          tail: values.tail ?? false,
          source: values.source,
          dyno: values.dyno,
          lines,
          config: values.config,
        };
      }
      break;
    }
    case 'alerts':
      error = allow('config', 'watch', 'json') ?? extra(0);
      command = { name: 'alerts', watch: values.watch ?? false, json: values.json ?? false, config: values.config };
      break;
    case 'report':
      error = allow('config', 'json', 'since', 'env', 'failure-window') ?? extra(0);
      command = {
        name: 'report',
        since: values.since ?? '30d',
        env: values.env ?? 'production',
        json: values.json ?? false,
        failureWindow: values['failure-window'],
        config: values.config,
      };
      break;
    case 'merge':
      if (!rest[0]) return { ok: false, error: 'usage: dynodeck merge <ticket> [--config PATH]' };
      error = allow('config', 'read-only') ?? extra(1);
      command = { name: 'merge', ticket: rest[0], readOnly: values['read-only'] ?? false, config: values.config };
      break;
    case 'config':
      if (rest[0] !== 'schema') return { ok: false, error: 'usage: dynodeck config schema' };
      error = allow() ?? extra(1);
      command = { name: 'config-schema' };
      break;
    default:
      return {
        ok: false,
        error: `unknown command "${word}" (commands: demo, status, db, deploy, promote, scale, restart, rollback, maintenance, logs, merge, alerts, report, engine, config schema)`,
      };
  }
  return error ? { ok: false, error } : { ok: true, command };
}

const DB_USAGE = 'usage: dynodeck db [--config PATH] <env> [psql args]';

/** `db [--config PATH] <env> [--] [psql args...]`: dynodeck's options come before the environment. */
function parseDbCommand(args: readonly string[]): Parsed {
  let config: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--config') {
      config = args[++i];
      if (config === undefined) return { ok: false, error: `--config needs a path; ${DB_USAGE}` };
    } else if (arg.startsWith('--config=')) {
      config = arg.slice('--config='.length);
    } else if (arg === '--help' || arg === '-h') {
      return { ok: true, command: { name: 'help' } };
    } else if (arg.startsWith('-')) {
      return { ok: false, error: `${arg} comes before the environment, where only --config goes; ${DB_USAGE}` };
    } else {
      break;
    }
  }
  const env = args[i];
  if (env === undefined) return { ok: false, error: DB_USAGE };
  const rest = args.slice(i + 1);
  return { ok: true, command: { name: 'db', env, psqlArgs: rest[0] === '--' ? rest.slice(1) : rest, config } };
}
