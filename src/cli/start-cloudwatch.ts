// CloudWatch in the deck: AWS when dynodeck.yml asks for it, else the local engine's own
// (see cloudwatch-setup.ts). The SDK is imported only then, and only after the first frame: it
// costs over a second to load on a busy machine. The engine writes its endpoint when it starts,
// maybe after the deck opens and maybe on another port after a restart: the deck looks again
// every `recheckMs` and follows it.
import type { LoadedConfig } from '../config/load-config.js';
import type { Clock } from '../services/ports.js';
import type { Notifier } from '../services/notify/terminal-notify.js';
import type { DeckStore } from '../store/create-deck-store.js';
import { cloudWatchSetup, type CloudWatchSetup } from './cloudwatch-setup.js';

const RECHECK_MS = 15_000;

export function startCloudWatch(
  store: DeckStore,
  loaded: LoadedConfig,
  opts: { clock: Clock; notify?: Notifier; delayMs?: number; recheckMs?: number; env?: NodeJS.ProcessEnv },
): () => void {
  const setupNow = () => cloudWatchSetup(loaded, opts.env ?? process.env);
  const followsEngine = !loaded.config.cloudwatch && loaded.config.platform?.kind === 'local';
  if (!followsEngine && !setupNow()) return () => undefined;
  let stopWatcher: (() => void) | undefined;
  let running = false;
  let endpoint: string | undefined;
  let stopped = false;
  let timer: unknown;

  let generation = 0;
  async function begin(setup: CloudWatchSetup) {
    const mine = ++generation;
    const [{ createCloudWatchService }, { startCloudWatchWatcher }] = await Promise.all([
      import('../services/cloudwatch/cloudwatch-service.js'),
      import('../store/cloudwatch-watcher.js'),
    ]);
    if (stopped || mine !== generation) return;
    const service = createCloudWatchService(setup.config, setup.env, opts.clock, {
      ...setup.options,
      environments: () => store.getState().environments,
    });
    stopWatcher = startCloudWatchWatcher(store, service, { clock: opts.clock, notify: opts.notify });
  }

  function check() {
    if (stopped) return;
    const setup = setupNow();
    if (setup && (!running || setup.engineEndpoint !== endpoint)) {
      stopWatcher?.();
      stopWatcher = undefined;
      running = true;
      endpoint = setup.engineEndpoint;
      void begin(setup);
    }
    if (followsEngine) timer = opts.clock.setTimeout(check, opts.recheckMs ?? RECHECK_MS);
  }

  timer = opts.clock.setTimeout(check, opts.delayMs ?? 1000);
  return () => {
    stopped = true;
    opts.clock.clearTimeout(timer);
    stopWatcher?.();
  };
}
