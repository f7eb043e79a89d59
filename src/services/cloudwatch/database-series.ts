// The 3-hour series of every watched RDS instance, kept between polls: each poll's GetMetricData
// answer (in CloudWatch's units) is converted to the deck's and merged in minute by minute.
import {
  DATABASE_METRICS,
  emptyHistory,
  HISTORY_MS,
  type DatabaseHealth,
  type DatabaseMetric,
  type DatabasePoint,
} from '../../domain/database-health.js';
import type { DatabaseTarget } from './database-targets.js';
import { mergePoints, type MetricWindow, type QueryAnswer } from './metric-window.js';
import { parseQueryId } from './rds-metrics.js';

export interface DatabaseSeries {
  /** Where the next poll for `instance` starts reading: undefined means it has never been read. */
  lastEnd(instance: string): number | undefined;
  /** Merges one poll's answers; `instances` is the list the query ids were built from. */
  apply(instances: readonly string[], answers: ReadonlyMap<string, QueryAnswer>, window: MetricWindow): void;
  /** What each target's environment shows; instances not read yet come back empty. */
  health(targets: readonly DatabaseTarget[]): Record<string, DatabaseHealth>;
  /** Query statuses other than Complete from the last poll, e.g. "shop-prod-db CPUUtilization: Forbidden". */
  incomplete(): string[];
}

interface Held {
  history: Record<DatabaseMetric, DatabasePoint[]>;
  end: number;
}

export function createDatabaseSeries(): DatabaseSeries {
  const held = new Map<string, Held>();
  let incomplete: string[] = [];

  return {
    lastEnd: (instance) => held.get(instance)?.end,
    apply(instances, answers, window) {
      const keepFrom = window.end - HISTORY_MS;
      const incoming = new Map<string, Partial<Record<DatabaseMetric, DatabasePoint[]>>>();
      incomplete = [];
      for (const answer of answers.values()) {
        const ref = parseQueryId(answer.id);
        const instance = ref ? instances[ref.instance] : undefined;
        if (!ref || instance === undefined) continue;
        const points = answer.points.map((p) => ({ at: p.at, value: ref.spec.convert(p.value) }));
        incoming.set(instance, { ...incoming.get(instance), [ref.spec.metric]: points });
        if (answer.status !== 'Complete') incomplete.push(`${instance} ${ref.spec.name}: ${answer.status}`);
      }
      for (const instance of instances) {
        const before = held.get(instance)?.history ?? emptyHistory();
        const fresh = incoming.get(instance) ?? {};
        const history = emptyHistory();
        for (const metric of DATABASE_METRICS)
          history[metric] = mergePoints(before[metric], fresh[metric] ?? [], keepFrom);
        held.set(instance, { history, end: window.end });
      }
    },
    health(targets) {
      const out: Record<string, DatabaseHealth> = {};
      for (const target of targets) {
        const history = held.get(target.instance)?.history ?? emptyHistory();
        const latest: Partial<Record<DatabaseMetric, number>> = {};
        let at: number | undefined;
        for (const metric of DATABASE_METRICS) {
          const last = history[metric][history[metric].length - 1];
          if (!last) continue;
          latest[metric] = last.value;
          at = Math.max(at ?? last.at, last.at);
        }
        out[target.env] = { env: target.env, instance: target.instance, latest, at, history };
      }
      return out;
    },
    incomplete: () => incomplete,
  };
}
