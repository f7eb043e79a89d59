// `dynodeck db <env> [psql args]`: psql on the environment's database, like `heroku pg:psql`.
// The URL comes from the environment's DATABASE_URL config var (the local engine's own
// database, or a Heroku Postgres add-on); the password goes to psql in PGPASSWORD, never on
// its command line. Without psql, it says how to connect, with the password masked.
import { execa } from 'execa';
import type { LoadedConfig } from '../config/load-config.js';
import { startEngine } from '../engine/engine-control.js';
import { maskDatabaseUrl, parseDatabaseUrl } from '../engine/postgres/database-url.js';
import { findHerokuToken, HEROKU_API_URL } from '../services/heroku/credentials.js';
import { createHerokuApi, describeApiError, type HerokuApi } from '../services/heroku/heroku-api.js';
import { printError } from './output.js';
import { openPlatformStore } from './platform-store.js';

export interface DbCommand {
  env: string;
  psqlArgs: string[];
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function dbCommand(command: DbCommand, loaded: LoadedConfig): Promise<number> {
  const opened = await openPlatformStore(loaded, { startEngine: true });
  if (!opened.ok) return opened.code;
  const envs = opened.store.getState().environments;
  const env = envs.find((e) => e.name === command.env || e.app === command.env);
  if (!env) {
    printError(`dynodeck: no environment named "${command.env}" (known: ${envs.map((e) => e.name).join(', ')})`);
    return 2;
  }
  let url: string | undefined;
  try {
    const vars = (await (await platformApi(loaded)).client.get(`/apps/${env.app}/config-vars`)) as Record<
      string,
      string
    >;
    url = vars.DATABASE_URL;
  } catch (error) {
    printError(`dynodeck: cannot read ${env.app}'s config vars: ${describeApiError(error)}`);
    return 1;
  }
  const address = url ? parseDatabaseUrl(url) : undefined;
  if (!url || !address) {
    printError(
      `dynodeck: ${env.name} (${env.app}) has ${url ? 'a DATABASE_URL that is not a postgres:// URL' : 'no DATABASE_URL: no database is attached'}`,
    );
    return 1;
  }
  const pgEnv: NodeJS.ProcessEnv = { ...process.env, PGPASSWORD: address.password };
  // Heroku Postgres only takes TLS connections; `heroku pg:psql` asks for it the same way.
  if (!LOCAL_HOSTS.has(address.host)) pgEnv.PGSSLMODE ??= 'require';
  const args = [
    `--host=${address.host}`,
    `--port=${address.port}`,
    `--username=${address.user}`,
    `--dbname=${address.database}`,
    ...command.psqlArgs,
  ];
  const result = await execa('psql', args, { env: pgEnv, extendEnv: false, stdio: 'inherit', reject: false });
  if (result.exitCode === undefined && result.code === 'ENOENT') return explain(env.name, env.app, url);
  return result.exitCode ?? 1;
}

function explain(envName: string, app: string, url: string): number {
  printError(
    [
      `dynodeck: psql is not installed, so no console was opened.`,
      `${envName}'s database (${app}): ${maskDatabaseUrl(url)}`,
      `Install psql (Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq) and run "dynodeck db ${envName}" again,`,
      `or connect with any PostgreSQL client using ${app}'s DATABASE_URL config var (the password is in it).`,
    ].join('\n'),
  );
  return 1;
}

/** The Platform API the environment lives on: the local engine, or Heroku with the CLI's token. */
async function platformApi(loaded: LoadedConfig): Promise<HerokuApi> {
  const platform = loaded.config.platform!;
  if (platform.kind === 'local') {
    const { connection } = await startEngine(loaded.root, { configFile: loaded.file });
    return createHerokuApi({ url: connection.url, token: connection.token });
  }
  const url = process.env.HEROKU_API_URL ?? HEROKU_API_URL;
  const found = findHerokuToken(process.env, { apiUrl: url });
  if (!found) throw new Error('no Heroku token: run "heroku login" or set HEROKU_API_KEY');
  return createHerokuApi({ url, token: found.token });
}
