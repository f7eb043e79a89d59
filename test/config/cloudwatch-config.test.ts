import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { tempProject } from './helpers.js';

async function messages(yml: string): Promise<string[]> {
  const error = await loadConfig({ cwd: await tempProject(yml) }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).format().split('\n');
}

describe('cloudwatch: in dynodeck.yml', () => {
  it('reads a region, the RDS instance of each environment or stage, and an alarm prefix', async () => {
    const cwd = await tempProject(
      [
        'cloudwatch:',
        '  region: eu-west-1',
        '  rds: { staging: shop-staging-db, production: shop-prod-db }',
        '  alarms: { prefix: "shop-" }',
        '',
      ].join('\n'),
    );
    const { config } = await loadConfig({ cwd });
    expect(config.cloudwatch).toEqual({
      region: 'eu-west-1',
      rds: { staging: 'shop-staging-db', production: 'shop-prod-db' },
      alarms: { prefix: 'shop-' },
    });
  });

  it('takes alarms by a list of names, or all of them, which is also the default', async () => {
    const names = await loadConfig({
      cwd: await tempProject('cloudwatch:\n  alarms:\n    names: [shop-cpu, shop-disk]\n'),
    });
    expect(names.config.cloudwatch?.alarms).toEqual({ names: ['shop-cpu', 'shop-disk'] });
    const all = await loadConfig({ cwd: await tempProject('cloudwatch:\n  alarms: all\n') });
    expect(all.config.cloudwatch?.alarms).toBe('all');
    const empty = await loadConfig({ cwd: await tempProject('cloudwatch: {}\n') });
    expect(empty.config.cloudwatch).toEqual({ rds: {}, alarms: 'all' });
    const none = await loadConfig({ cwd: await tempProject('project: shop\n') });
    expect(none.config.cloudwatch).toBeUndefined();
  });

  it('names the field and says what was expected for a bad region, instance id or alarm selection', async () => {
    const lines = await messages(
      [
        'cloudwatch:',
        '  region: Europe',
        '  rds:',
        '    staging: 1bad--db',
        '  alarms: { prefix: "shop-", names: [a] }',
        '',
      ].join('\n'),
    );
    expect(lines).toEqual([
      'dynodeck.yml:2:11: cloudwatch.region: expected an AWS region such as eu-west-1, got "Europe"',
      'dynodeck.yml:4:14: cloudwatch.rds.staging: expected an RDS DB instance identifier (1 to 63 letters, digits and hyphens, starting with a letter), got "1bad--db"',
      'dynodeck.yml:5:11: cloudwatch.alarms: expected all, { prefix: "shop-" } or { names: [alarm, ...] } (a prefix or names, not both), got a mapping',
    ]);
  });

  it('refuses an empty list of alarm names and a list where a mapping belongs', async () => {
    expect(await messages('cloudwatch:\n  alarms: { names: [] }\n')).toEqual([
      'dynodeck.yml:2:20: cloudwatch.alarms.names: expected a list of 1 to 100 alarm names, got a list',
    ]);
    expect(await messages('cloudwatch:\n  rds: [shop-db]\n')).toEqual([
      'dynodeck.yml:2:8: cloudwatch.rds: expected a mapping of environment (name or stage) to DB instance identifier, got a list',
    ]);
  });

  it('suggests the key meant for a misspelt one, and keeps AWS secrets out of the file', async () => {
    expect(await messages('cloudwatch:\n  regoin: eu-west-1\n')).toEqual([
      'dynodeck.yml:2:3: cloudwatch.regoin: unknown key (did you mean "region"?)',
    ]);
    const secret = await messages('cloudwatch:\n  aws_secret_access_key: abc\n');
    expect(secret).toHaveLength(1);
    expect(secret[0]).toMatch(
      /^dynodeck\.yml:2:3: cloudwatch\.aws_secret_access_key: secrets do not belong in dynodeck\.yml/,
    );
    expect(secret[0]).not.toContain('abc');
  });

  it('is described in the JSON Schema for editors', () => {
    const schema = configJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.properties.cloudwatch?.properties ?? {})).toEqual(['region', 'rds', 'alarms']);
  });
});
