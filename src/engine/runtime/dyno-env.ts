// A dyno sees its config vars and what the platform sets, never the engine's own
// environment: that holds the user's tokens (HEROKU_API_KEY and the like).

export interface DynoEnvInput {
  name: string;
  env: Record<string, string>;
  port?: number;
}

/** The address a dyno should listen on: only the router (and this machine) may reach it. */
export const DYNO_HOST = '127.0.0.1';

export function buildDynoEnv(input: DynoEnvInput, engineEnv: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  if (engineEnv.PATH !== undefined) env.PATH = engineEnv.PATH;
  Object.assign(env, input.env);
  // Like Heroku, the platform's values win over config vars of the same name.
  env.DYNO = input.name;
  if (input.port !== undefined) env.PORT = String(input.port);
  // Heroku dynos sit behind its router on a private network; here that network is loopback. An app that
  // ignores HOST listens wherever it chooses.
  env.HOST = DYNO_HOST;
  return env;
}
