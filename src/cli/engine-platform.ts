// The local engine as a Platform that follows it across restarts. Reads that fail to
// connect are re-resolved and retried on the engine that replaced the old one; a write
// is sent again only when the old engine refused the connection (it never got it).
// With `follow` (the deck), a read made while the engine is away reports that once and
// then waits for the engine to return, so panes and log tails pick it up within a second
// of its return instead of after their backoff.
import type { ActionOutcome, Platform, PlatformEvents, ReleaseSummary } from '../services/ports.js';
import { isConnectionError, wasRefused } from './connection-errors.js';
import { cutShortOutcome, engineDidNotReturn, type ReleaseVerb } from './cut-short.js';
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

export interface EnginePlatformOptions {
  follow: boolean;
  /** How long a deploy cut short by the engine's stop waits for it to return (default 20 s). */
  returnWaitMs?: number;
}

export function createEnginePlatform(link: EngineLink<Platform>, opts: EnginePlatformOptions): Platform {
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

  /**
   * A deploy, promotion, rollback or followed release. When the engine stops in the middle,
   * the outcome is read back from the engine once it returns instead of ending on a bare
   * connection error: the release it made, marked failed or not, and what serves now.
   */
  async function releaseAction(
    key: 'deploy' | 'promote' | 'rollback' | 'followRelease',
    args: unknown[],
  ): Promise<ActionOutcome> {
    const verb: ReleaseVerb =
      key === 'deploy' ? 'deploy' : key === 'promote' ? 'promotion' : key === 'rollback' ? 'rollback' : 'release';
    const env = String(key === 'promote' ? args[1] : args[0]);
    const events = args.find((a): a is PlatformEvents => typeof a === 'object' && a !== null);
    const followedId = key === 'followRelease' ? String(args[1]) : undefined;
    const l = await reach(key);
    // The newest release before this one, so the release this action makes can be told apart.
    const before = followedId ? undefined : (((await read('releases', [env, 1])) as ReleaseSummary[])[0]?.version ?? 0);
    // Once the engine is gone, what the abandoned call still says is not news.
    let abandoned = false;
    const quiet: PlatformEvents = {
      onStep: (step, detail) => (abandoned ? undefined : events?.onStep?.(step, detail)),
      onOutput: (line) => (abandoned ? undefined : events?.onOutput?.(line)),
    };
    try {
      const outcome = (await untilGone(l, invoke(l, key, withEvents(args, events, quiet)))) as ActionOutcome;
      // An open outcome (no clear answer to a write) from an engine that is gone is a cut-short one.
      if (outcome.ok || !outcome.unknown || link.stillServing(l)) return outcome;
    } catch (error) {
      if (!isConnectionError(error)) throw error;
    }
    abandoned = true;
    await link.lost(l);
    const waitMs = opts.returnWaitMs ?? 20_000;
    events?.onOutput?.(
      `the local engine stopped during the ${verb}; waiting up to ${Math.round(waitMs / 1000)} s for it to come back`,
    );
    const back = await link.waitForReturn(waitMs);
    if (!back) return engineDidNotReturn(verb, link.lastUrl);
    const releases = await back.client.releases(env, 10);
    const made = followedId
      ? releases.find((r) => r.id === followedId)
      : releases
          .filter((r) => r.version === undefined || r.version > before!)
          .sort((x, y) => (y.version ?? 0) - (x.version ?? 0))[0];
    if (made?.status === 'pending') {
      events?.onOutput?.(`the engine is back; following v${made.version ?? '?'}`);
      return back.client.followRelease(env, made.id, events);
    }
    if (made?.failure) events?.onOutput?.(`v${made.version ?? '?'}: ${made.failure}`);
    return cutShortOutcome(
      verb,
      made,
      releases.find((r) => r.current),
    );
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
    deploy: (...args) => releaseAction('deploy', args),
    promote: (...args) => releaseAction('promote', args),
    rollback: (...args) => releaseAction('rollback', args),
    followRelease: (...args) => releaseAction('followRelease', args),
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

/** The action's arguments with its events (the last argument, when given) replaced. */
function withEvents(args: unknown[], events: PlatformEvents | undefined, replacement: PlatformEvents): unknown[] {
  if (!events) return args;
  return args.map((a) => (a === events ? replacement : a));
}
