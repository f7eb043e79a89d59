// `dynodeck engine start|stop|status|run`.
import type { LoadedConfig } from '../config/load-config.js';
import { findEngine, startEngine, stopEngine } from '../engine/engine-control.js';
import { readRecordedEngine } from '../engine/engine-lockfile.js';
import { enginePaths } from '../engine/engine-paths.js';
import { parkedNotice, readParked } from '../engine/parked-apps.js';
import { printLine } from './output.js';

export async function engineCommand(
  action: 'start' | 'stop' | 'status' | 'run',
  loaded: LoadedConfig,
): Promise<number> {
  const out = (text: string) => printLine(text);
  switch (action) {
    case 'run':
      return runInForeground(loaded);
    case 'start': {
      requirePlatform(loaded);
      const { connection, started } = await startEngine(loaded.root, { configFile: loaded.file });
      out(`${started ? 'started' : 'already running'}: engine pid ${connection.info.pid} on ${connection.url}`);
      sayParked(loaded, out);
      return 0;
    }
    case 'stop': {
      const stopped = await stopEngine(loaded.root);
      out(
        stopped
          ? 'engine stopped (environments stopped; they come back at their releases on the next start)'
          : 'no engine runs for this project',
      );
      return 0;
    }
    case 'status': {
      const found = await findEngine(loaded.root);
      if (!found) {
        const recorded = readRecordedEngine(enginePaths(loaded.root).lockfile);
        out(
          recorded
            ? `no engine runs for this project: engine.json names pid ${recorded.pid} on port ${recorded.port}, which is not its engine now ("dynodeck engine start" starts one)`
            : 'no engine runs for this project ("dynodeck engine start" starts it)',
        );
        return 1;
      }
      const res = await fetch(`${found.url}/engine`, { headers: { Authorization: `Bearer ${found.token}` } });
      const body = (await res.json()) as {
        apps: Array<{ name: string; env: string; web_url: string; release: number | null }>;
      };
      out(`engine pid ${found.info.pid} on ${found.url}, since ${found.info.startedAt}`);
      for (const app of body.apps)
        out(
          `  ${app.env.padEnd(12)} ${app.web_url.padEnd(24)} ${app.release === null ? 'no release yet' : `v${app.release}`}`,
        );
      sayParked(loaded, out);
      return 0;
    }
  }
}

/** One line when the engine keeps apps aside that dynodeck.yml no longer names. */
function sayParked(loaded: LoadedConfig, out: (text: string) => void) {
  const notice = parkedNotice(readParked(enginePaths(loaded.root)).apps, loaded.config.project);
  if (notice) out(notice);
}

function requirePlatform(loaded: LoadedConfig) {
  if (!loaded.config.platform)
    throw new Error(`${loaded.file ?? 'dynodeck.yml'} has no "platform:" section, so there are no environments to run`);
}

async function runInForeground(loaded: LoadedConfig): Promise<number> {
  const { runEngine } = await import('../engine/run-engine.js');
  let engine: Awaited<ReturnType<typeof runEngine>>;
  try {
    engine = await runEngine(loaded);
  } catch (error) {
    // runEngine stopped what it started; should anything still hold the event loop open, the
    // process must not stay behind as an engine without an API.
    setTimeout(() => process.exit(1), 1000).unref();
    throw error;
  }
  printLine(`${new Date().toISOString()} engine ${process.pid} listening on http://127.0.0.1:${engine.port}`);
  const onSignal = () => void engine.stop();
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  await engine.stopped;
  printLine(`${new Date().toISOString()} engine ${process.pid} stopped`);
  return 0;
}
