// Where the local engine keeps its state: everything under <project>/.dynodeck/.
import path from 'node:path';

export interface EnginePaths {
  root: string;
  base: string;
  engineDir: string;
  state: string;
  /** Written by a running engine: its pid, port and start time. */
  lockfile: string;
  /** Held by the one engine that runs this project. */
  claim: string;
  /** The bearer token; readable by its owner only. */
  token: string;
  pids: string;
  log: string;
  logs: string;
  sources: string;
  builds: string;
  slugs: string;
  outputs: string;
  envs: string;
}

export function enginePaths(projectRoot: string): EnginePaths {
  const base = path.join(projectRoot, '.dynodeck');
  const engineDir = path.join(base, 'engine');
  return {
    root: projectRoot,
    base,
    engineDir,
    state: path.join(engineDir, 'state.json'),
    lockfile: path.join(engineDir, 'engine.json'),
    claim: path.join(engineDir, 'engine.lock'),
    token: path.join(engineDir, 'token'),
    pids: path.join(engineDir, 'pids.json'),
    log: path.join(engineDir, 'engine.log'),
    logs: path.join(base, 'logs'),
    sources: path.join(engineDir, 'sources'),
    builds: path.join(engineDir, 'builds'),
    slugs: path.join(engineDir, 'slugs'),
    outputs: path.join(engineDir, 'outputs'),
    envs: path.join(base, 'envs'),
  };
}
