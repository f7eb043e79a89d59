// `dynodeck logs <env>`: recent lines, or a live tail that survives dropped connections.
import type { Platform } from '../services/ports.js';
import { systemClock } from '../services/ports.js';
import { startLogTail } from '../services/heroku/log-tail.js';
import { readLogSession } from '../services/heroku/read-session.js';
import { printError, printLine } from './output.js';
import { gapMarker } from '../logs/gap-marker.js';

export async function logsCommand(
  platform: Platform,
  env: string,
  opts: { tail: boolean; source?: string; dyno?: string; lines?: number },
): Promise<number> {
  // "router" is Heroku's heroku source with the router dyno.
  const source = opts.source === 'router' ? 'heroku' : (opts.source as 'app' | 'heroku' | undefined);
  const dyno = opts.source === 'router' ? 'router' : opts.dyno;
  const lines = opts.lines ?? 100;
  const openSession = () => platform.logSessionUrl(env, { tail: opts.tail, lines, source, dyno });
  const print = (batch: string[]) => {
    if (batch.length) printLine(batch.join('\n'));
  };

  if (!opts.tail) {
    // A session without tail ends after the history: read it whole.
    try {
      print(await readLogSession(await openSession()));
      return 0;
    } catch (error) {
      printError(`dynodeck: ${(error as Error).message}`);
      return 1;
    }
  }

  return new Promise<number>((resolve) => {
    const handle = startLogTail({
      openSession,
      onLines: print,
      onGap: (gap) => printError(`dynodeck: ${gapMarker(gap.from, gap.to).replace(/^── | ──$/g, '')}`),
      onStatus: (status) => {
        if (status.state === 'reconnecting')
          printError(`dynodeck: log stream dropped (${status.error ?? 'closed'}); reconnecting…`);
      },
      clock: systemClock,
    });
    // The tail's timers do not hold the process open (they serve the deck too); between a
    // dropped connection and the reconnect nothing else would, so hold it here until stopped.
    const keepAlive = setInterval(() => undefined, 60_000);
    const stop = () => {
      clearInterval(keepAlive);
      handle.stop();
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
