// The engine's metric alarms: their definitions, current states, and the state history
// DescribeAlarmHistory reads (bounded: HISTORY_LIMIT items, none older than a day). Each
// minute `evaluate` moves every alarm by evaluateAlarm; a changed state is one history item.
import type {
  AlarmHistoryItem,
  DescribeAlarmHistoryInput,
  DescribeAlarmHistoryOutput,
  DescribeAlarmsInput,
  DescribeAlarmsOutput,
  MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { evaluateAlarm } from './alarm-evaluation.js';
import type { ComparisonOperator, StateValue, TreatMissingData } from './alarm-types.js';
import { faults } from './errors.js';
import { periodValues, type MetricStore, type Statistic } from './metric-store.js';
import { toWire, wireTime, type Wire } from './wire.js';

export interface AlarmDefinition {
  name: string;
  description: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  statistic: Statistic;
  periodSeconds: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparison: ComparisonOperator;
  treatMissingData: TreatMissingData;
}

interface AlarmRecord {
  definition: AlarmDefinition;
  configuredAt: number;
  state: StateValue;
  reason: string;
  reasonData?: string;
  updatedAt: number;
  transitionedAt: number;
}

interface HistoryRecord {
  alarm: string;
  at: number;
  type: 'StateUpdate' | 'ConfigurationUpdate';
  summary: string;
  data: string;
}

export interface AlarmBookSnapshot {
  alarms: AlarmRecord[];
  history: HistoryRecord[];
}

export const HISTORY_LIMIT = 1000;
export const HISTORY_MAX_AGE_MS = 24 * 60 * 60_000;
const ACCOUNT = '000000000000';

export class AlarmBook {
  private readonly alarms = new Map<string, AlarmRecord>();
  private history: HistoryRecord[] = [];

  constructor(private readonly region: string) {}

  /** Adds an alarm (INSUFFICIENT_DATA until evaluated) or updates its configuration. */
  define(definition: AlarmDefinition, now: number): void {
    const existing = this.alarms.get(definition.name);
    if (existing && JSON.stringify(existing.definition) === JSON.stringify(definition)) return;
    if (existing) {
      existing.definition = definition;
      existing.configuredAt = now;
      this.record(definition.name, now, 'ConfigurationUpdate', `Alarm "${definition.name}" updated`, {
        type: 'Update',
      });
      return;
    }
    this.alarms.set(definition.name, {
      definition,
      configuredAt: now,
      state: 'INSUFFICIENT_DATA',
      reason: 'Unchecked: Initial alarm creation',
      updatedAt: now,
      transitionedAt: now,
    });
    this.record(definition.name, now, 'ConfigurationUpdate', `Alarm "${definition.name}" created`, { type: 'Create' });
  }

  evaluate(store: MetricStore, now: number): void {
    for (const record of this.alarms.values()) {
      const d = record.definition;
      const periodMs = d.periodSeconds * 1000;
      const end = Math.floor(now / periodMs) * periodMs;
      const values = periodValues(
        store.points({ namespace: d.namespace, name: d.metricName, dimensions: d.dimensions }),
        { start: end - (d.evaluationPeriods + 3) * periodMs, end, periodMs, stat: d.statistic },
      );
      const decision = evaluateAlarm({ ...d, statistic: d.statistic }, values, record.state, now);
      if (decision.state === record.state) continue;
      const old = { stateValue: record.state, stateReason: record.reason };
      Object.assign(record, {
        state: decision.state,
        reason: decision.reason,
        reasonData: decision.reasonData,
        updatedAt: now,
        transitionedAt: now,
      });
      this.record(d.name, now, 'StateUpdate', `Alarm updated from ${old.stateValue} to ${decision.state}`, {
        version: '1.0',
        oldState: old,
        newState: {
          stateValue: decision.state,
          stateReason: decision.reason,
          stateReasonData: JSON.parse(decision.reasonData) as unknown,
        },
      });
    }
    this.prune(now);
  }

  state(name: string): StateValue | undefined {
    return this.alarms.get(name)?.state;
  }

  describeAlarms(input: Wire<DescribeAlarmsInput>): Wire<DescribeAlarmsOutput> {
    if (input.AlarmNames?.length && input.AlarmNamePrefix)
      throw faults.invalidParameterCombination('AlarmNames and AlarmNamePrefix cannot be used together.');
    if ((input.AlarmNames?.length ?? 0) > 100) throw faults.validation('AlarmNames must not have more than 100 items.');
    const max = input.MaxRecords ?? 50;
    if (!Number.isInteger(max) || max < 1 || max > 100)
      throw faults.invalidParameterValue('The parameter MaxRecords must be between 1 and 100.');
    const types = input.AlarmTypes?.length ? input.AlarmTypes : ['MetricAlarm'];
    const names = input.AlarmNames?.length ? new Set(input.AlarmNames) : undefined;
    const matching = types.includes('MetricAlarm')
      ? [...this.alarms.values()]
          .filter((a) => !names || names.has(a.definition.name))
          .filter((a) => !input.AlarmNamePrefix || a.definition.name.startsWith(input.AlarmNamePrefix))
          .filter((a) => !input.StateValue || a.state === input.StateValue)
          .sort((a, b) => (a.definition.name < b.definition.name ? -1 : 1))
      : [];
    const offset = readOffset(input.NextToken, `alarms:${matching.length}`);
    const page = matching.slice(offset, offset + max);
    const next = offset + max < matching.length ? offset + max : undefined;
    const output: DescribeAlarmsOutput = {
      MetricAlarms: page.map((a) => this.metricAlarm(a)),
      ...(types.includes('CompositeAlarm') ? { CompositeAlarms: [] } : {}),
      ...(next !== undefined ? { NextToken: offsetToken(next, `alarms:${matching.length}`) } : {}),
    };
    return toWire(output);
  }

  describeAlarmHistory(input: Wire<DescribeAlarmHistoryInput>): Wire<DescribeAlarmHistoryOutput> {
    const max = input.MaxRecords ?? 100;
    if (!Number.isInteger(max) || max < 1 || max > 100)
      throw faults.invalidParameterValue('The parameter MaxRecords must be between 1 and 100.');
    const start = input.StartDate === undefined ? undefined : wireTime(input.StartDate);
    const end = input.EndDate === undefined ? undefined : wireTime(input.EndDate);
    const types = input.AlarmTypes?.length ? input.AlarmTypes : ['MetricAlarm', 'CompositeAlarm'];
    const items = types.includes('MetricAlarm')
      ? this.history
          .filter((h) => !input.AlarmName || h.alarm === input.AlarmName)
          .filter((h) => !input.HistoryItemType || h.type === input.HistoryItemType)
          .filter((h) => start === undefined || h.at >= start)
          .filter((h) => end === undefined || h.at <= end)
      : [];
    const ordered = (input.ScanBy ?? 'TimestampDescending') === 'TimestampAscending' ? items : [...items].reverse();
    const scope = `history:${ordered.length}:${ordered[0]?.at ?? 0}`;
    const offset = readOffset(input.NextToken, scope);
    const page = ordered.slice(offset, offset + max);
    const next = offset + max < ordered.length ? offset + max : undefined;
    const output: DescribeAlarmHistoryOutput = {
      AlarmHistoryItems: page.map((h): AlarmHistoryItem => ({
        AlarmName: h.alarm,
        AlarmType: 'MetricAlarm',
        Timestamp: new Date(h.at),
        HistoryItemType: h.type,
        HistorySummary: h.summary,
        HistoryData: h.data,
      })),
      ...(next !== undefined ? { NextToken: offsetToken(next, scope) } : {}),
    };
    return toWire(output);
  }

  snapshot(): AlarmBookSnapshot {
    return { alarms: [...this.alarms.values()].map((a) => ({ ...a })), history: [...this.history] };
  }

  restore(snapshot: AlarmBookSnapshot, now: number): void {
    for (const a of snapshot.alarms) this.alarms.set(a.definition.name, { ...a });
    this.history = [...snapshot.history];
    this.prune(now);
  }

  private metricAlarm(a: AlarmRecord): MetricAlarm {
    const d = a.definition;
    return {
      AlarmName: d.name,
      AlarmArn: `arn:aws:cloudwatch:${this.region}:${ACCOUNT}:alarm:${d.name}`,
      AlarmDescription: d.description,
      AlarmConfigurationUpdatedTimestamp: new Date(a.configuredAt),
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      StateValue: a.state,
      StateReason: a.reason,
      ...(a.reasonData ? { StateReasonData: a.reasonData } : {}),
      StateUpdatedTimestamp: new Date(a.updatedAt),
      StateTransitionedTimestamp: new Date(a.transitionedAt),
      MetricName: d.metricName,
      Namespace: d.namespace,
      Statistic: d.statistic,
      Dimensions: Object.entries(d.dimensions).map(([Name, Value]) => ({ Name, Value })),
      Period: d.periodSeconds,
      EvaluationPeriods: d.evaluationPeriods,
      DatapointsToAlarm: d.datapointsToAlarm,
      Threshold: d.threshold,
      ComparisonOperator: d.comparison,
      TreatMissingData: d.treatMissingData,
    };
  }

  private record(alarm: string, at: number, type: HistoryRecord['type'], summary: string, data: unknown) {
    this.history.push({ alarm, at, type, summary, data: JSON.stringify(data) });
  }

  private prune(now: number) {
    const oldest = now - HISTORY_MAX_AGE_MS;
    this.history = this.history.filter((h) => h.at >= oldest).slice(-HISTORY_LIMIT);
  }
}

function offsetToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ offset, scope })).toString('base64url');
}

/** A NextToken only fits the listing it came from (same filters, same size). */
function readOffset(token: string | undefined, scope: string): number {
  if (!token) return 0;
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown; scope?: unknown };
    if (Number.isInteger(t.offset) && t.scope === scope) return t.offset as number;
  } catch {
    // falls through
  }
  throw faults.invalidNextToken();
}
