// The alarms every environment's database gets, as an RDS instance would be set up with: CPU
// above 80 % for 5 minutes, connections above 80 % of max_connections for 5 minutes, free
// storage under 10 % of the file system for 5 minutes. Missing data is CloudWatch's default
// ("missing"). Pure.
import type { AlarmDefinition } from './alarm-book.js';
import { RDS_DIMENSION, RDS_NAMESPACE } from './rds-collector.js';

export interface AlarmLimits {
  maxConnections: number;
  storageBytes: number;
}

export function instanceName(app: string): string {
  return `${app}-db`;
}

export function defaultAlarms(instance: string, limits: AlarmLimits): AlarmDefinition[] {
  const common = {
    namespace: RDS_NAMESPACE,
    dimensions: { [RDS_DIMENSION]: instance },
    statistic: 'Average' as const,
    periodSeconds: 60,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    treatMissingData: 'missing' as const,
  };
  return [
    {
      ...common,
      name: `${instance}-cpu-high`,
      description: `CPU of ${instance} above 80 % for 5 minutes`,
      metricName: 'CPUUtilization',
      threshold: 80,
      comparison: 'GreaterThanThreshold',
    },
    {
      ...common,
      name: `${instance}-connections-high`,
      description: `Connections to ${instance} above 80 % of max_connections (${limits.maxConnections}) for 5 minutes`,
      metricName: 'DatabaseConnections',
      threshold: Math.floor(limits.maxConnections * 0.8),
      comparison: 'GreaterThanThreshold',
    },
    {
      ...common,
      name: `${instance}-storage-low`,
      description: `Free storage of ${instance} under 10 % for 5 minutes`,
      metricName: 'FreeStorageSpace',
      threshold: Math.floor(limits.storageBytes * 0.1),
      comparison: 'LessThanThreshold',
    },
  ];
}
