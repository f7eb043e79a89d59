// Stored alarms and DescribeAlarms over them: metric and composite alarms (metric only unless
// AlarmTypes asks for more, as the service does), AlarmNames / AlarmNamePrefix / StateValue
// filters, MaxRecords (1-100, default 50) and NextToken paging.
import type {
  CompositeAlarm,
  DescribeAlarmsInput,
  DescribeAlarmsOutput,
  MetricAlarm,
  StateValue,
} from '@aws-sdk/client-cloudwatch';
import { errors } from './errors.js';
import { toWire, type Wire } from './wire.js';

type Stored = { kind: 'metric'; alarm: MetricAlarm } | { kind: 'composite'; alarm: CompositeAlarm };

export class AlarmStore {
  private readonly alarms = new Map<string, Stored>();

  putMetricAlarm(alarm: MetricAlarm): void {
    this.alarms.set(alarm.AlarmName!, { kind: 'metric', alarm });
  }

  putCompositeAlarm(alarm: CompositeAlarm): void {
    this.alarms.set(alarm.AlarmName!, { kind: 'composite', alarm });
  }

  delete(name: string): void {
    this.alarms.delete(name);
  }

  /** Moves an alarm to a new state now (or at `at`), as CloudWatch's evaluation would. */
  setState(name: string, state: StateValue, reason: string, at = new Date(), reasonData?: string): void {
    const stored = this.alarms.get(name);
    if (!stored) throw new Error(`no alarm named ${name}`);
    const changed = stored.alarm.StateValue !== state;
    Object.assign(stored.alarm, {
      StateValue: state,
      StateReason: reason,
      StateUpdatedTimestamp: at,
      ...(changed ? { StateTransitionedTimestamp: at } : {}),
      ...(stored.kind === 'metric' ? { StateReasonData: reasonData } : {}),
    });
  }

  describeAlarms(input: Wire<DescribeAlarmsInput>): Wire<DescribeAlarmsOutput> {
    if (input.AlarmNames?.length && input.AlarmNamePrefix) {
      throw errors.invalidParameterCombination('AlarmNames and AlarmNamePrefix cannot be used together.');
    }
    if ((input.AlarmNames?.length ?? 0) > 100) throw errors.validation('AlarmNames must not have more than 100 items.');
    const max = input.MaxRecords ?? 50;
    if (!Number.isInteger(max) || max < 1 || max > 100) {
      throw errors.invalidParameterValue('The parameter MaxRecords must be between 1 and 100.');
    }
    const types = input.AlarmTypes?.length ? input.AlarmTypes : ['MetricAlarm'];
    const names = input.AlarmNames?.length ? new Set(input.AlarmNames) : undefined;
    const matching = [...this.alarms.values()]
      .filter((s) => types.includes(s.kind === 'metric' ? 'MetricAlarm' : 'CompositeAlarm'))
      .filter((s) => !names || names.has(s.alarm.AlarmName!))
      .filter((s) => !input.AlarmNamePrefix || s.alarm.AlarmName!.startsWith(input.AlarmNamePrefix))
      .filter((s) => !input.StateValue || s.alarm.StateValue === input.StateValue)
      .sort((a, b) => (a.alarm.AlarmName! < b.alarm.AlarmName! ? -1 : 1));
    let offset = 0;
    if (input.NextToken) {
      const parsed = /^page-(\d+)-of-(\d+)$/.exec(Buffer.from(input.NextToken, 'base64url').toString('utf8'));
      if (!parsed || Number(parsed[2]) !== matching.length) throw errors.invalidNextToken();
      offset = Number(parsed[1]);
    }
    const page = matching.slice(offset, offset + max);
    const next = offset + max < matching.length ? offset + max : undefined;
    const output: DescribeAlarmsOutput = {
      MetricAlarms: page.filter((s) => s.kind === 'metric').map((s) => s.alarm as MetricAlarm),
      CompositeAlarms: page.filter((s) => s.kind === 'composite').map((s) => s.alarm as CompositeAlarm),
      ...(next !== undefined
        ? { NextToken: Buffer.from(`page-${next}-of-${matching.length}`).toString('base64url') }
        : {}),
    };
    return toWire(output);
  }
}
