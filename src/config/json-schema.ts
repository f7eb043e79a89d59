// A JSON Schema for dynodeck.yml, so editors can complete keys and flag mistakes as you type.
import * as z from 'zod';
import { configSchema } from './schema.js';

export function configJsonSchema(): object {
  // 'input' describes what may be written (defaults make keys optional), not what the loader returns.
  const schema = z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  delete schema.$id;
  return { ...schema, title: 'dynodeck.yml' };
}
