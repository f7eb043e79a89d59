import { describe, expect, it } from 'vitest';
import type { AlarmReading } from '../../../src/services/cloudwatch/alarm-reading.js';
import {
  ACCOUNT_WIDE,
  alarmEnvironment,
  databaseTargets,
  selectsAlarm,
} from '../../../src/services/cloudwatch/database-targets.js';

const environments = [
  { name: 'box-1', stage: 'development' },
  { name: 'shop-staging', stage: 'staging' },
  { name: 'shop-prod', stage: 'production' },
];

const alarm = (name: string, instances: string[] = []): AlarmReading => ({
  name,
  kind: 'metric',
  state: 'ALARM',
  reason: '',
  changedAt: 0,
  threshold: '',
  value: '',
  instances,
});

describe('database targets', () => {
  it('files keys written as stages under the environments of that stage, whatever the apps are called', () => {
    expect(databaseTargets({ staging: 'shop-staging-db', production: 'shop-prod-db' }, environments)).toEqual([
      { key: 'staging', env: 'shop-staging', instance: 'shop-staging-db' },
      { key: 'production', env: 'shop-prod', instance: 'shop-prod-db' },
    ]);
  });

  it('an environment named as a key takes that key, not its stage', () => {
    expect(databaseTargets({ production: 'main-db', 'shop-prod': 'prod-db' }, environments)).toEqual([
      { key: 'production', env: 'production', instance: 'main-db' },
      { key: 'shop-prod', env: 'shop-prod', instance: 'prod-db' },
    ]);
  });

  it('keeps keys as they are when the environments are not known yet or none matches', () => {
    expect(databaseTargets({ qa: 'qa-db' })).toEqual([{ key: 'qa', env: 'qa', instance: 'qa-db' }]);
    expect(databaseTargets({ qa: 'qa-db' }, environments)).toEqual([{ key: 'qa', env: 'qa', instance: 'qa-db' }]);
  });
});

describe('the environment of an alarm', () => {
  const targets = databaseTargets({ staging: 'shop-staging-db', production: 'shop-prod-db' }, environments);

  it('is the one whose instance the alarm watches', () => {
    expect(alarmEnvironment(alarm('whatever', ['shop-prod-db']), targets)).toBe('shop-prod');
  });

  it('else the one whose instance, name or stage key the alarm name mentions, the longest match winning', () => {
    expect(alarmEnvironment(alarm('shop-staging-db-disk'), targets)).toBe('shop-staging');
    expect(alarmEnvironment(alarm('production-health'), targets)).toBe('shop-prod');
    expect(alarmEnvironment(alarm('shop-prod-5xx'), targets)).toBe('shop-prod');
  });

  it('else the account as a whole', () => {
    expect(alarmEnvironment(alarm('billing-estimate'), targets)).toBe(ACCOUNT_WIDE);
    expect(alarmEnvironment(alarm('preproduction-x'), targets)).toBe(ACCOUNT_WIDE);
  });
});

describe('alarm selection', () => {
  it('takes all, a prefix or listed names', () => {
    expect(selectsAlarm('all', 'x')).toBe(true);
    expect(selectsAlarm({ prefix: 'shop-' }, 'shop-cpu')).toBe(true);
    expect(selectsAlarm({ prefix: 'shop-' }, 'other-cpu')).toBe(false);
    expect(selectsAlarm({ names: ['a', 'b'] }, 'b')).toBe(true);
    expect(selectsAlarm({ names: ['a', 'b'] }, 'c')).toBe(false);
  });
});
