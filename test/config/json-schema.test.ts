import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';

interface ObjectSchema {
  type: string;
  description?: string;
  properties: Record<string, ObjectSchema>;
  additionalProperties?: boolean;
  default?: unknown;
  enum?: unknown[];
}

describe('configJsonSchema', () => {
  it('the JSON Schema forbids unknown keys and lists every field', () => {
    const schema = configJsonSchema() as ObjectSchema & Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('dynodeck.yml');
    expect(schema).not.toHaveProperty('$id');
    expect(schema.required).toBeUndefined();
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([
      'project',
      'git',
      'tickets',
      'platform',
      'deploy',
      'alerts',
      'readOnly',
      'keys',
      'cloudwatch',
      'github',
      'refresh',
    ]);

    const { git, tickets, platform, refresh } = schema.properties as Record<string, ObjectSchema>;
    for (const [section, keys] of [
      [git, ['mainBranch']],
      [tickets, ['source', 'dir']],
      [refresh, ['tickets', 'git', 'environments']],
      [platform, ['kind', 'boxes', 'build', 'healthCheck', 'pipeline', 'apps', 'basePort', 'timeouts']],
    ] as const) {
      expect(section?.additionalProperties).toBe(false);
      expect(Object.keys(section?.properties ?? {})).toEqual(keys);
    }
    expect(tickets?.properties.source?.enum).toEqual(['markdown', 'github']);
    expect(refresh?.properties.git?.default).toBe(5);
    const timeouts = platform?.properties.timeouts;
    expect(Object.keys(timeouts?.properties ?? {})).toEqual(['build', 'release', 'boot']);
    for (const limit of Object.values(timeouts?.properties ?? {})) expect(limit.description).toMatch(/default/);
  });

  it('every field carries a description for editors to show', () => {
    const schema = configJsonSchema() as ObjectSchema;
    for (const [name, field] of Object.entries(schema.properties)) {
      expect(field.description, name).toBeTruthy();
      for (const [child, sub] of Object.entries(field.properties ?? {}))
        expect(sub.description, `${name}.${child}`).toBeTruthy();
    }
  });
});
