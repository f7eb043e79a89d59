// Feeds the deck from CloudWatch: each environment's database health and the alarms as
// alerts beside the rules', paced by the service (at most once a minute, later while it
// backs off), and its one-line status in the header.
import type { Clock } from '../services/ports.js';
import type { CloudWatchService } from '../services/cloudwatch/cloudwatch-service.js';
import type { Notifier } from '../services/notify/terminal-notify.js';
import type { DeckStore } from './create-deck-store.js';

export const CLOUDWATCH_SOURCE = 'cloudwatch';

export function startCloudWatchWatcher(
  store: DeckStore,
  service: CloudWatchService,
  opts: { clock: Clock; notify?: Notifier },
): () => void {
  const { clock } = opts;
  let stopped = false;
  let timer: unknown;
  store.getState().registerSource(CLOUDWATCH_SOURCE, 60_000);
  store.getState().attachAlertControls(
    {
      acknowledge: (id) => {
        service.acknowledgeAlarm(id);
        void poll();
      },
      silence: (id, ms) => {
        service.silenceAlarm(id, ms);
        void poll();
      },
    },
    'cloudwatch',
  );

  async function poll(): Promise<void> {
    const [databases, alarms] = await Promise.all([service.pollDatabases(), service.pollAlarms()]);
    if (stopped) return;
    const s = store.getState();
    s.publishDatabases(databases);
    s.publishCloudAlerts(alarms.alerts);
    for (const { alert, change } of alarms.changes)
      if (change !== 'resolved')
        opts.notify?.(`dynodeck: ${alert.env} ${alert.severity}`, `${alert.rule} ${alert.value}`);
    const status = service.status();
    if (status.state === 'problem')
      s.sourceFailed(CLOUDWATCH_SOURCE, new Error(status.line?.replace(/^cloudwatch: /, '') ?? 'failing'));
    else if (status.state === 'ok') s.sourceSucceeded(CLOUDWATCH_SOURCE);
  }

  async function loop(): Promise<void> {
    await poll().catch(() => undefined); // the service turns failures into its status
    if (stopped) return;
    const next = service.nextPollAt();
    const wait = Math.max(1000, Math.min(next.databases, next.alarms) - clock.now());
    timer = clock.setTimeout(() => void loop(), wait);
  }

  void loop();
  return () => {
    stopped = true;
    clock.clearTimeout(timer);
    service.close();
  };
}
