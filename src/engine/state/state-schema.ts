// What a readable state.json looks like, checked when the engine reads it: its shape
// (zod) and the pointers between records (a current release that exists, has
// succeeded and has its slug), so a damaged ledger stops the engine with a clear
// message instead of a TypeError or environments started with no dynos.
// Unknown keys are kept: a newer engine's additions survive an older one's rewrite.
import * as z from 'zod';
import type { EngineStateData } from './engine-state.js';

const text = z.string();
const when = z.string();
const id = z.string().regex(/^[0-9a-f-]{36}$/, { error: 'expected an id (36 hex digits and dashes)' });

const formation = z.looseObject({
  id: text,
  quantity: z.int().min(0),
  size: text,
  createdAt: when,
  updatedAt: when,
});

const release = z.looseObject({
  id,
  version: z.int().min(1),
  slugId: id.nullable(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  description: text,
  failure: text.optional(),
  outputId: id.nullable(),
  user: text,
  createdAt: when,
  updatedAt: when,
});

const app = z.looseObject({
  id,
  name: text,
  env: text,
  stage: z.enum(['review', 'development', 'staging', 'production']),
  couplingId: text,
  routerPort: z.int().min(1).max(65535),
  maintenance: z.boolean(),
  configVars: z.record(z.string(), z.string()),
  formation: z.record(z.string(), formation),
  releases: z.array(release),
  currentReleaseId: id.nullable(),
  createdAt: when,
  updatedAt: when,
});

const slug = z.looseObject({
  id,
  commit: text.nullable(),
  dir: text,
  processTypes: z.record(z.string(), z.string()),
  size: z.number().min(0),
  createdAt: when,
});

const build = z.looseObject({
  id,
  appId: text,
  status: z.enum(['pending', 'succeeded', 'failed']),
  sourceUrl: text,
  version: text.nullable(),
  outputId: id,
  slugId: id.nullable(),
  releaseId: id.nullable(),
  failure: text.optional(),
  user: text,
  createdAt: when,
  updatedAt: when,
});

const source = z.looseObject({ id, file: text, uploaded: z.boolean(), createdAt: when });

const promotion = z.looseObject({
  id,
  sourceAppId: text,
  sourceReleaseId: text,
  status: z.enum(['pending', 'completed']),
  targets: z.array(
    z.looseObject({
      id: text,
      appId: text,
      releaseId: text.nullable(),
      status: z.enum(['pending', 'succeeded', 'failed']),
      errorMessage: text.nullable(),
    }),
  ),
  createdAt: when,
  updatedAt: when,
});

export const engineStateSchema = z.looseObject({
  version: z.literal(1),
  pipeline: z.looseObject({ id: text, name: text, createdAt: when }),
  apps: z.array(app),
  slugs: z.record(id, slug),
  builds: z.record(id, build),
  sources: z.record(id, source),
  promotions: z.record(id, promotion),
});

/** A problem at a path of the document (keys and array indexes, as zod reports them). */
export interface StateProblem {
  path: Array<string | number>;
  message: string;
}

/** The shape's problems as messages a person can act on, or none. */
export function shapeProblems(raw: unknown): StateProblem[] {
  if (isObject(raw) && typeof raw.version === 'number' && raw.version !== 1)
    return [
      {
        path: ['version'],
        message: `this engine reads ledgers of version 1, this one is version ${raw.version} (written by a newer dynodeck?)`,
      },
    ];
  const parsed = engineStateSchema.safeParse(raw);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    path: issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
    message: describeIssue(issue, valueAt(raw, issue.path)),
  }));
}

/** Pointers between records that must hold for the engine to bring the environments back. */
export function referenceProblems(data: EngineStateData): StateProblem[] {
  const problems: StateProblem[] = [];
  const appIds = new Set<string>();
  const appNames = new Set<string>();
  for (const [a, app] of data.apps.entries()) {
    const at = (...rest: Array<string | number>) => ['apps', a, ...rest];
    if (appIds.has(app.id)) problems.push({ path: at('id'), message: 'another app has the same id' });
    if (appNames.has(app.name)) problems.push({ path: at('name'), message: 'another app has the same name' });
    appIds.add(app.id);
    appNames.add(app.name);
    const versions = new Set<number>();
    for (const [r, rel] of app.releases.entries()) {
      if (versions.has(rel.version))
        problems.push({ path: at('releases', r, 'version'), message: `another release is also v${rel.version}` });
      versions.add(rel.version);
    }
    if (app.currentReleaseId === null) continue;
    const current = app.releases.find((r) => r.id === app.currentReleaseId);
    if (!current) {
      const numbers = app.releases.map((r) => r.version).sort((x, y) => x - y);
      const known = numbers.length
        ? `its releases are v${numbers[0]}${numbers.length > 1 ? ` to v${numbers.at(-1)}` : ''}`
        : 'it has no releases';
      problems.push({
        path: at('currentReleaseId'),
        message: `release ${app.currentReleaseId} does not exist (${known})`,
      });
      continue;
    }
    const r = app.releases.indexOf(current);
    if (current.status !== 'succeeded')
      problems.push({
        path: at('currentReleaseId'),
        message: `points at v${current.version}, which has status ${current.status} (only a release that succeeded can be current)`,
      });
    if (current.slugId === null || !data.slugs[current.slugId])
      problems.push({
        path: at('releases', r, 'slugId'),
        message: `the current release v${current.version} runs slug ${current.slugId ?? 'null'}, which does not exist under "slugs"`,
      });
  }
  for (const [kind, records] of [
    ['slugs', data.slugs],
    ['builds', data.builds],
    ['sources', data.sources],
    ['promotions', data.promotions],
  ] as const) {
    for (const [key, record] of Object.entries(records))
      if (record.id !== key) problems.push({ path: [kind, key, 'id'], message: `expected "${key}", its key` });
  }
  return problems;
}

/** `apps.staging.releases.v12.status`: apps by their environment, releases by version, other items by index. */
export function describePath(raw: unknown, path: ReadonlyArray<string | number>): string {
  let node: unknown = raw;
  let out = '';
  for (const [i, key] of path.entries()) {
    const item = isObject(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      const env = path[i - 1] === 'apps' && isObject(item) ? item.env : undefined;
      const version = path[i - 1] === 'releases' && isObject(item) ? item.version : undefined;
      if (typeof env === 'string' && /^[a-z0-9-]{1,40}$/.test(env)) out += `.${env}`;
      else if (typeof version === 'number' && Number.isInteger(version)) out += `.v${version}`;
      else out += `[${key}]`;
    } else {
      out += `${out ? '.' : ''}${shorten(key, 40)}`;
    }
    node = item;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') {
    if (value === undefined) return `missing (expected ${article(issue.expected)})`;
    return `expected ${article(issue.expected)}, got ${preview(value)}`;
  }
  if (issue.code === 'invalid_value')
    return value === undefined
      ? `missing (expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')})`
      : `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${preview(value)}`;
  if (issue.code === 'invalid_format' || issue.code === 'custom') return `${issue.message}, got ${preview(value)}`;
  return `${issue.message.replace(/^Invalid input: /, '')}, got ${preview(value)}`;
}

function article(type: string): string {
  const words: Record<string, string> = {
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping',
    int: 'a whole number',
  };
  return words[type] ?? (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
}

function preview(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'a mapping';
  return shorten(JSON.stringify(value) ?? String(value), 40);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = raw;
  for (const key of path) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Fails to compile if a document the schema accepts is not an EngineStateData.
const _schemaFitsEngineState: EngineStateData = {} as z.output<typeof engineStateSchema>;
