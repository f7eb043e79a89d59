// Command-line words to a command. Pure: no I/O, so every usage error is testable.
import { parseArgs } from 'node:util';

export type Command =
  | { name: 'deck'; config?: string }
  | { name: 'demo'; dir?: string; reset: boolean }
  | { name: 'status'; json: boolean; config?: string }
  | { name: 'config-schema' }
  | { name: 'engine'; action: 'start' | 'stop' | 'status' | 'run'; config?: string }
  | { name: 'help' }
  | { name: 'version' };

export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

export const USAGE = `dynodeck: a terminal control room for tickets, environments, logs and alerts

Usage:
  dynodeck [--config PATH]              open the deck for the project in this folder
  dynodeck demo [--dir PATH] [--reset]  create the demo project (once) and open the deck on it
  dynodeck status [--json] [--config PATH]
                                        print the project's state once and exit
  dynodeck engine start|stop|status|run [--config PATH]
                                        the local engine that runs the environments
                                        (start and stop run it in the background; run in the foreground)
  dynodeck config schema                print the JSON Schema of dynodeck.yml
  dynodeck --help | --version

Options:
  --config PATH   the dynodeck.yml to use (default: ./dynodeck.yml)
  --dir PATH      where the demo lives (default: a per-user state folder)
  --reset         rebuild the demo from its template
  --json          machine-readable output (a stable interface, see README)

Exit codes: 0 done, 1 failed, 2 bad usage or configuration.
Press ? inside the deck for every key.`;

export function parseCommandLine(argv: readonly string[]): Parsed {
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
        json: { type: 'boolean', default: false },
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
    const given = (['config', 'dir', 'reset', 'json'] as const).filter((n) => values[n] !== undefined && values[n] !== false);
    const wrong = given.find((n) => !names.includes(n));
    return wrong ? `--${wrong} does not apply to ${word ? `"dynodeck ${word}"` : 'the deck'}` : undefined;
  };
  const extra = (n: number) => (rest.length > n ? `unexpected argument "${rest[n]}"` : undefined);

  let error: string | undefined;
  let command: Command;
  switch (word) {
    case undefined:
      error = allow('config');
      command = { name: 'deck', config: values.config };
      break;
    case 'demo':
      error = allow('dir', 'reset') ?? extra(0);
      command = { name: 'demo', dir: values.dir, reset: values.reset ?? false };
      break;
    case 'status':
      error = allow('json', 'config') ?? extra(0);
      command = { name: 'status', json: values.json ?? false, config: values.config };
      break;
    case 'engine': {
      const action = rest[0];
      if (action !== 'start' && action !== 'stop' && action !== 'status' && action !== 'run') {
        return { ok: false, error: 'usage: dynodeck engine start|stop|status|run [--config PATH]' };
      }
      error = allow('config') ?? extra(1);
      command = { name: 'engine', action, config: values.config };
      break;
    }
    case 'config':
      if (rest[0] !== 'schema') return { ok: false, error: 'usage: dynodeck config schema' };
      error = allow() ?? extra(1);
      command = { name: 'config-schema' };
      break;
    default:
      return { ok: false, error: `unknown command "${word}" (commands: demo, status, engine, config schema)` };
  }
  return error ? { ok: false, error } : { ok: true, command };
}
