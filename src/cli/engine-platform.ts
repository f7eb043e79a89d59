// The local engine as a Platform that follows it across restarts. Reads that fail to
// connect are re-resolved and retried on the engine that replaced the old one; a write
// is sent again only when the old engine refused the connection (it never got it).
// With `follow` (the deck), a read made while the engine is away reports that once and
// then waits for the engine to return, so panes and log tails pick it up within a second
// of its return instead of after their backoff.
import type { Platform } from '../services/ports.js';
import { isConnectionError, wasRefused } from './connection-errors.js';
import type { EngineLink, LiveEngine } from './engine-link.js';

type Key = Exclude<keyof Platform, 'name' | 'rateLimitRemaining'>;
type Live = LiveEngine<Platform>;

const READS: ReadonlySet<Key> = new Set<Key>(['environments', 'releases', 'configVarNames', 'logSessionUrl']);

/** The engine this call was made to stopped or was replaced while the call was in flight. */
class EngineGone extends Error {
  readonly code = 'ECONNRESET';
  constructor() {
    super('the local engine was replaced during the call');
  }
}

export function createEnginePlatform(link: EngineLink<Platform>, opts: { follow: boolean }): Platform {
  /** Reads that already told the user the engine is away (each says it once, then waits). */
  const noticed = new Set<Key>();

  const invoke = (l: Live, key: Key, args: unknown[]) =>
    (l.client[key] as (...a: unknown[]) => Promise<unknown>)(...args);

  async function reach(key: Key): Promise<Live> {
    const live = link.live;
    if (live) {
      noticed.clear();
      return live;
    }
    if (opts.follow && link.wasConnected && READS.has(key) && noticed.has(key)) {
      const back = await link.waitForReturn();
      if (back) return back;
    }
    try {
      return await link.connect();
    } catch (error) {
      if (link.wasConnected) noticed.add(key);
      throw error;
    }
  }

  async function read(key: Key, args: unknown[]): Promise<unknown> {
    let l = await reach(key);
    for (let tries = 0; ; tries++) {
      try {
        return await untilGone(l, invoke(l, key, args));
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        const next = await link.lost(l);
        if (next && next !== l && tries < 2) {
          l = next;
          continue;
        }
        noticed.add(key);
        throw new Error(link.downMessage(), { cause: error });
      }
    }
  }

  async function write(key: Key, args: unknown[]): Promise<unknown> {
    const l = await reach(key);
    try {
      return await invoke(l, key, args);
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      const next = await link.lost(l);
      if (next && next !== l && wasRefused(error)) return invoke(next, key, args);
      throw new Error(
        wasRefused(error)
          ? link.downMessage()
          : `the local engine went away during the request; whether it took effect shows once it is back (${link.downMessage()})`,
        { cause: error },
      );
    }
  }

  const reader = <K extends Key>(key: K) => ((...args: unknown[]) => read(key, args)) as unknown as Platform[K];
  const writer = <K extends Key>(key: K) => ((...args: unknown[]) => write(key, args)) as unknown as Platform[K];
  return {
    name: 'engine',
    rateLimitRemaining: () => link.live?.client.rateLimitRemaining?.(),
    environments: reader('environments'),
    releases: reader('releases'),
    configVarNames: reader('configVarNames'),
    logSessionUrl: reader('logSessionUrl'),
    deploy: writer('deploy'),
    promote: writer('promote'),
    rollback: writer('rollback'),
    followRelease: writer('followRelease'),
    scale: writer('scale'),
    restart: writer('restart'),
    setMaintenance: writer('setMaintenance'),
  };
}

/** The call's result, or EngineGone as soon as its engine is known to be gone (the call is left to fail on its own). */
function untilGone<T>(l: Live, call: Promise<T>): Promise<T> {
  call.catch(() => undefined);
  const gone = l.gone.then((): never => {
    throw new EngineGone();
  });
  return Promise.race([call, gone]);
}
