// The two CloudWatch calls the deck makes, each followed through its NextToken pages.
import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type CloudWatchClient,
  type CompositeAlarm,
  type DescribeAlarmsCommandInput,
  type MetricAlarm,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmSelection } from '../../config/cloudwatch-schema.js';
import { joinPages, type MetricWindow, type QueryAnswer } from './metric-window.js';
import { batches } from './rds-metrics.js';

/** A server that keeps handing out tokens must not keep a poll going forever. */
const MAX_PAGES = 100;

export class TooManyPagesError extends Error {
  override readonly name = 'TooManyPages';
  constructor(operation: string) {
    super(`${operation} kept answering with a NextToken after ${MAX_PAGES} pages`);
  }
}

/** Counts each request CloudWatch answered (what is billed and rate-limited), so the service can say what it spent. */
export type CountRequest = () => void;

async function answered<T>(request: Promise<T>, count: CountRequest): Promise<T> {
  try {
    const out = await request;
    count();
    return out;
  } catch (error) {
    // Credentials that could not be found, or a host that could not be reached: nothing was answered.
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) count();
    throw error;
  }
}

/**
 * Every query's datapoints in the window: one GetMetricData per 500 queries (the API's limit),
 * each followed through its pages.
 */
export async function fetchMetricData(
  client: CloudWatchClient,
  queries: readonly MetricDataQuery[],
  window: MetricWindow,
  count: CountRequest,
): Promise<Map<string, QueryAnswer>> {
  const pages: MetricDataResult[][] = [];
  for (const batch of batches(queries)) {
    let token: string | undefined;
    let page = 0;
    do {
      if (++page > MAX_PAGES) throw new TooManyPagesError('GetMetricData');
      const out = await answered(
        client.send(
          new GetMetricDataCommand({
            MetricDataQueries: batch,
            StartTime: new Date(window.start),
            EndTime: new Date(window.end),
            ScanBy: 'TimestampAscending',
            NextToken: token,
          }),
        ),
        count,
      );
      pages.push(out.MetricDataResults ?? []);
      token = out.NextToken || undefined;
    } while (token);
  }
  return joinPages(pages);
}

export interface AlarmList {
  metric: MetricAlarm[];
  composite: CompositeAlarm[];
}

/** DescribeAlarms lists metric alarms only unless AlarmTypes says otherwise; the deck wants both. */
export function describeAlarmsInput(selection: AlarmSelection): DescribeAlarmsCommandInput {
  const input: DescribeAlarmsCommandInput = { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100 };
  if (selection !== 'all' && 'prefix' in selection) input.AlarmNamePrefix = selection.prefix;
  if (selection !== 'all' && 'names' in selection) input.AlarmNames = selection.names;
  return input;
}

export async function describeAllAlarms(
  client: CloudWatchClient,
  selection: AlarmSelection,
  count: CountRequest,
): Promise<AlarmList> {
  const list: AlarmList = { metric: [], composite: [] };
  const input = describeAlarmsInput(selection);
  let token: string | undefined;
  let page = 0;
  do {
    if (++page > MAX_PAGES) throw new TooManyPagesError('DescribeAlarms');
    const out = await answered(client.send(new DescribeAlarmsCommand({ ...input, NextToken: token })), count);
    list.metric.push(...(out.MetricAlarms ?? []));
    list.composite.push(...(out.CompositeAlarms ?? []));
    token = out.NextToken || undefined;
  } while (token);
  return list;
}
