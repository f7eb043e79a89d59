// Which deck environment each RDS instance and each alarm belongs to. `cloudwatch.rds` is keyed by
// environment name or by stage, so it holds whatever the Heroku apps are called; the environments
// are only known at run time, hence a pure function of both. Pure.
import type { AlarmSelection } from '../../config/cloudwatch-schema.js';
import type { AlarmReading } from './alarm-reading.js';

export interface EnvironmentRef {
  name: string;
  stage: string;
}

export interface DatabaseTarget {
  /** The key written under cloudwatch.rds. */
  key: string;
  /** The deck environment; the key itself when no environment has that name or stage. */
  env: string;
  instance: string;
}

/** Where an alarm that names no environment is filed. */
export const ACCOUNT_WIDE = 'aws';

/** A name match wins over a stage match: `{ production: a, shop-prod: b }` gives shop-prod b. */
export function databaseTargets(
  rds: Readonly<Record<string, string>>,
  environments?: readonly EnvironmentRef[],
): DatabaseTarget[] {
  const entries = Object.entries(rds);
  if (!environments) return entries.map(([key, instance]) => ({ key, env: key, instance }));
  const named = new Set(entries.map(([key]) => key).filter((key) => environments.some((e) => e.name === key)));
  return entries.flatMap(([key, instance]): DatabaseTarget[] => {
    if (named.has(key)) return [{ key, env: key, instance }];
    const byStage = environments.filter((e) => e.stage === key && !named.has(e.name));
    if (byStage.length > 0) return byStage.map((e) => ({ key, env: e.name, instance }));
    return [{ key, env: key, instance }];
  });
}

function mentions(name: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`, 'i').test(name);
}

/**
 * The environment an alarm is about: the one whose instance it watches (its DBInstanceIdentifier
 * dimension), else one whose instance, environment name or key its name contains (the longest
 * such), else ACCOUNT_WIDE.
 */
export function alarmEnvironment(alarm: AlarmReading, targets: readonly DatabaseTarget[]): string {
  for (const instance of alarm.instances) {
    const target = targets.find((t) => t.instance === instance);
    if (target) return target.env;
  }
  const candidates = targets.flatMap((t) => [
    { word: t.instance, env: t.env },
    { word: t.env, env: t.env },
    { word: t.key, env: t.env },
  ]);
  const hit = candidates
    .filter((c) => c.word && mentions(alarm.name, c.word))
    .sort((a, b) => b.word.length - a.word.length)[0];
  return hit?.env ?? ACCOUNT_WIDE;
}

/** Whether the configured selection takes an alarm (DescribeAlarms filters too; this guards a server that ignores it). */
export function selectsAlarm(selection: AlarmSelection, name: string): boolean {
  if (selection === 'all') return true;
  if ('prefix' in selection) return name.startsWith(selection.prefix);
  return selection.names.includes(name);
}
