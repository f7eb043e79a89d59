// CloudWatch for the deck: each environment's RDS health (one batched GetMetricData a poll) and
// the account's alarms as alerts (DescribeAlarms). The caller decides when to poll; this module
// decides whether a poll may reach AWS: at most once a minute per kind, later after throttling,
// 5xx or network trouble (backoff with jitter), and it turns every failure into one status line
// instead of an exception, so nothing else in the deck breaks.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Alert, AlertChange } from '../../alerts/alert-state.js';
import type { CloudWatchConfig } from '../../config/cloudwatch-schema.js';
import type { DatabaseHealth } from '../../domain/database-health.js';
import type { Clock } from '../ports.js';
import { readCompositeAlarm, readMetricAlarm } from './alarm-reading.js';
import { createAlarmTracker } from './alarm-tracker.js';
import { createCloudWatchClient, type CloudWatchConnection } from './cloudwatch-client.js';
import { classifyError, type ClassifiedError, type CloudWatchProblem } from './cloudwatch-errors.js';
import { describeAllAlarms, fetchMetricData } from './cloudwatch-requests.js';
import type { CredentialProvider } from './credentials.js';
import { createDatabaseSeries } from './database-series.js';
import { alarmEnvironment, databaseTargets, selectsAlarm, type EnvironmentRef } from './database-targets.js';
import { EndpointError, type Env } from './endpoint.js';
import { metricWindow } from './metric-window.js';
import { backoffDelay, formatWait, POLL_INTERVAL_MS } from './poll-pace.js';
import { metricQueries } from './rds-metrics.js';

export interface CloudWatchServiceOptions {
  /** The deck's environments, to file `cloudwatch.rds` keys (names or stages) and alarms under them. */
  environments?: () => readonly EnvironmentRef[];
  /** Instead of the SDK's default chain, e.g. credentials the local engine writes for the deck. */
  credentials?: CredentialProvider;
  /** Whether the chain may ask an instance or container role; detected when left out. */
  instanceRole?: boolean;
  /** 0..1 for the backoff's jitter (tests pass a fixed one). */
  random?: () => number;
}

export interface AlarmPoll {
  /** Every CloudWatch alert held: firing, acknowledged, and resolved in the last 24 h. */
  alerts: Alert[];
  /** What this poll changed, for notifications (silenced alerts excluded). */
  changes: AlertChange[];
}

export interface CloudWatchStatus {
  /** idle: not asked yet; ok: the last tries answered; problem: the last try of either kind failed. */
  state: 'idle' | 'ok' | 'problem';
  problem?: CloudWatchProblem;
  /** The one line for the header while there is a problem, e.g. "cloudwatch: credentials expired: run aws sso login". */
  line?: string;
  /** When CloudWatch last answered, epoch ms (the deck's clock). */
  lastSuccessAt?: number;
  /** Metrics CloudWatch did not fully answer on the last poll, e.g. "shop-prod-db CPUUtilization: Forbidden". */
  incomplete: string[];
  /** Requests CloudWatch has answered so far (each GetMetricData or DescribeAlarms page is one). */
  requests: number;
}

export interface CloudWatchService {
  /**
   * Each environment's database, by environment name. Reaches AWS at most once a minute (and
   * later while backing off); a sooner call, or a failed one, answers with what is held.
   */
  pollDatabases(): Promise<Record<string, DatabaseHealth>>;
  /** The selected alarms as alerts; same pacing as pollDatabases. */
  pollAlarms(): Promise<AlarmPoll>;
  acknowledgeAlarm(id: string): void;
  silenceAlarm(id: string, forMs: number): void;
  status(): CloudWatchStatus;
  /** When each kind of poll will next reach AWS, epoch ms (the deck's clock): for scheduling. */
  nextPollAt(): { databases: number; alarms: number };
  close(): void;
}

interface Pace {
  nextAt: number;
  failures: number;
  problem?: ClassifiedError;
  failedAt?: number;
  inFlight?: Promise<void>;
}

/** Credential and setup problems outrank a throttle or an outage: they need the user. */
const NEEDS_USER: ReadonlySet<CloudWatchProblem> = new Set([
  'no-credentials',
  'no-profile',
  'expired',
  'rejected',
  'denied',
  'no-region',
  'bad-endpoint',
]);

export function createCloudWatchService(
  config: CloudWatchConfig,
  env: Env,
  clock: Clock,
  options: CloudWatchServiceOptions = {},
): CloudWatchService {
  const random = options.random ?? Math.random;
  const series = createDatabaseSeries();
  const tracker = createAlarmTracker();
  const databases: Pace = { nextAt: 0, failures: 0 };
  const alarms: Pace = { nextAt: 0, failures: 0 };
  let connection: CloudWatchConnection | undefined;
  let setupProblem: ClassifiedError | undefined;
  let requests = 0;
  let lastSuccessAt: number | undefined;
  const count = () => {
    requests += 1;
  };

  function connect(): CloudWatchClient | undefined {
    if (connection) return connection.client;
    try {
      connection = createCloudWatchClient({
        region: config.region,
        env,
        credentials: options.credentials,
        instanceRole: options.instanceRole,
      });
      setupProblem = undefined;
      return connection.client;
    } catch (error) {
      setupProblem =
        error instanceof EndpointError
          ? { problem: 'bad-endpoint', line: error.message, backoff: false }
          : classifyError(error, { operation: 'setup', host: 'CloudWatch', profile: env.AWS_PROFILE || undefined });
      return undefined;
    }
  }

  /** Drops the client (and its cached credentials); it is destroyed once no request uses it. */
  function retire() {
    const old = connection;
    connection = undefined;
    if (old) void Promise.allSettled([databases.inFlight, alarms.inFlight]).then(() => old.client.destroy());
  }

  const targets = () => databaseTargets(config.rds, options.environments?.());

  /** Runs `work` if the pace allows, recording success or the failure; concurrent calls share one run. */
  async function paced(pace: Pace, operation: string, work: (client: CloudWatchClient) => Promise<void>) {
    if (pace.inFlight) return pace.inFlight;
    const now = clock.now();
    if (now < pace.nextAt) return;
    const client = connect();
    if (!client) return;
    pace.nextAt = now + POLL_INTERVAL_MS;
    pace.inFlight = (async () => {
      try {
        await work(client);
        pace.failures = 0;
        pace.problem = undefined;
        lastSuccessAt = clock.now();
      } catch (error) {
        const problem = classifyError(error, {
          operation,
          host: connection?.endpoint.host ?? 'CloudWatch',
          profile: env.AWS_PROFILE || undefined,
        });
        pace.problem = problem;
        pace.failedAt = clock.now();
        if (problem.backoff) {
          pace.failures += 1;
          pace.nextAt = now + backoffDelay(pace.failures, random);
        }
        // Expired or refused credentials: the next try starts a fresh chain (after `aws sso login`).
        if (problem.problem === 'expired' || problem.problem === 'rejected' || problem.problem === 'no-credentials') {
          retire();
        }
      } finally {
        pace.inFlight = undefined;
      }
    })();
    return pace.inFlight;
  }

  function withRetry(pace: Pace): string | undefined {
    if (!pace.problem) return undefined;
    if (!pace.problem.backoff) return pace.problem.line;
    return `${pace.problem.line}, retrying in ${formatWait(pace.nextAt - clock.now())}`;
  }

  return {
    async pollDatabases() {
      const current = targets();
      const instances = [...new Set(current.map((t) => t.instance))];
      if (instances.length > 0) {
        await paced(databases, 'GetMetricData', async (client) => {
          // One window for the request: an instance not read before needs the full 3 hours.
          const ends = instances.map((i) => series.lastEnd(i));
          const previousEnd = ends.includes(undefined) ? undefined : Math.min(...(ends as number[]));
          const window = metricWindow(clock.now(), previousEnd);
          const answers = await fetchMetricData(client, metricQueries(instances), window, count);
          series.apply(instances, answers, window);
        });
      }
      return series.health(current);
    },

    async pollAlarms() {
      let changes: AlertChange[] = [];
      await paced(alarms, 'DescribeAlarms', async (client) => {
        const list = await describeAllAlarms(client, config.alarms, count);
        const current = targets();
        const readings = [...list.metric.map(readMetricAlarm), ...list.composite.map(readCompositeAlarm)].filter(
          (r) => r.name && selectsAlarm(config.alarms, r.name),
        );
        changes = tracker.update(
          readings.map((reading) => ({ reading, env: alarmEnvironment(reading, current) })),
          clock.now(),
        );
      });
      return { alerts: tracker.alerts(), changes };
    },

    acknowledgeAlarm: (id) => tracker.acknowledge(id, clock.now()),
    silenceAlarm: (id, forMs) => tracker.silence(id, clock.now() + forMs, clock.now()),

    status() {
      const base = { lastSuccessAt, requests, incomplete: series.incomplete() };
      if (setupProblem) return { ...base, state: 'problem', problem: setupProblem.problem, line: setupProblem.line };
      const failing = [databases, alarms].filter((p) => p.problem);
      if (failing.length === 0) return { ...base, state: lastSuccessAt === undefined ? 'idle' : 'ok' };
      const shown =
        failing.find((p) => NEEDS_USER.has(p.problem!.problem)) ??
        failing.sort((a, b) => (b.failedAt ?? 0) - (a.failedAt ?? 0))[0]!;
      return { ...base, state: 'problem', problem: shown.problem!.problem, line: withRetry(shown) };
    },

    nextPollAt: () => ({ databases: databases.nextAt, alarms: alarms.nextAt }),

    close() {
      connection?.client.destroy();
      connection = undefined;
    },
  };
}
