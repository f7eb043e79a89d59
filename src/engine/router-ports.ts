// The router ports an engine start will bind, checked before anything starts: a port
// that is taken fails the start at once, naming the port, whose router it is and what
// holds it, instead of leaving some environments booted and others not.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { PlatformConfig } from '../config/schema.js';
import { wantedApps } from './platform/app-setup.js';
import { describePortHolder, findPortHolder } from './port-holder.js';

export interface PlannedRouterPort {
  env: string;
  port: number;
  /** Where the port comes from: the engine's state (kept from an earlier start) or basePort. */
  from: 'state' | 'basePort';
}

/** The ports the environments' routers will listen on; a new app without basePort gets a free one later. */
export function plannedRouterPorts(project: string, platform: PlatformConfig, stateFile: string): PlannedRouterPort[] {
  const kept = keptRouterPorts(stateFile);
  const planned: PlannedRouterPort[] = [];
  for (const app of wantedApps(project, platform)) {
    const port = kept.get(app.name);
    if (port !== undefined) planned.push({ env: app.env, port, from: 'state' });
    else if (app.port !== undefined) planned.push({ env: app.env, port: app.port, from: 'basePort' });
  }
  return planned;
}

/** Throws when a planned port cannot be bound on 127.0.0.1 right now. */
export async function checkRouterPorts(planned: readonly PlannedRouterPort[]): Promise<void> {
  for (const p of planned) {
    const problem = await tryBind(p.port);
    if (problem === undefined) continue;
    if (problem !== 'EADDRINUSE')
      throw new Error(`port ${p.port} (${p.env}'s router) cannot be used: ${problem}`, { cause: problem });
    const holder = findPortHolder(p.port);
    const fix =
      p.from === 'basePort'
        ? 'stop it, or choose another platform.basePort in dynodeck.yml'
        : `stop it and start the engine again (the engine keeps each environment's router port across restarts)`;
    throw new Error(
      `port ${p.port} (${p.env}'s router) is in use by another program${holder ? `: ${describePortHolder(holder)}` : ''}; ${fix}`,
    );
  }
}

function tryBind(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/** app name → router port, from state.json as it is on disk (the engine core validates it properly). */
function keptRouterPorts(stateFile: string): Map<string, number> {
  const ports = new Map<string, number>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return ports;
  }
  const apps = (parsed as { apps?: unknown } | null)?.apps;
  if (!Array.isArray(apps)) return ports;
  for (const app of apps as Array<{ name?: unknown; routerPort?: unknown }>) {
    if (typeof app?.name === 'string' && Number.isInteger(app.routerPort))
      ports.set(app.name, app.routerPort as number);
  }
  return ports;
}
