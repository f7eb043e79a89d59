// CloudWatch in the deck when dynodeck.yml asks for it. The SDK is imported only then, and
// only after the first frame: it costs over a second to load on a busy machine.
import type { LoadedConfig } from '../config/load-config.js';
import type { Clock } from '../services/ports.js';
import type { Notifier } from '../services/notify/terminal-notify.js';
import type { DeckStore } from '../store/create-deck-store.js';

export function startCloudWatch(
  store: DeckStore,
  loaded: LoadedConfig,
  opts: { clock: Clock; notify?: Notifier; delayMs?: number },
): () => void {
  const config = loaded.config.cloudwatch;
  if (!config) return () => undefined;
  let stop: (() => void) | undefined;
  let stopped = false;
  const timer = opts.clock.setTimeout(() => {
    void Promise.all([
      import('../services/cloudwatch/cloudwatch-service.js'),
      import('../store/cloudwatch-watcher.js'),
    ]).then(([{ createCloudWatchService }, { startCloudWatchWatcher }]) => {
      if (stopped) return;
      const service = createCloudWatchService(config, process.env, opts.clock, {
        environments: () => store.getState().environments,
      });
      stop = startCloudWatchWatcher(store, service, { clock: opts.clock, notify: opts.notify });
    });
  }, opts.delayMs ?? 1000);
  return () => {
    stopped = true;
    opts.clock.clearTimeout(timer);
    stop?.();
  };
}
