// Reads dynodeck.yml into a DeckConfig, or throws a ConfigError listing every problem with its position.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { closestMatch } from './did-you-mean.js';
import { configSchema, SECRET_KEY, SECRET_MESSAGE, type DeckConfig } from './schema.js';
import { platformKeyProblems } from './platform-keys.js';

export const CONFIG_FILE = 'dynodeck.yml';

export interface LoadedConfig {
  config: DeckConfig;
  /** Absolute path of the file read; undefined when none was. */
  file: string | undefined;
  /** Absolute project folder: the file's folder, or cwd when there is no file. */
  root: string;
}

type Key = string | number;
type Problem = Omit<ConfigProblem, 'file'>;

/** A check the schema cannot make on its own (e.g. keys against the command table): problems at a path. */
export type ConfigCheck = (config: z.output<typeof configSchema>) => Array<{ path: Key[]; message: string }>;

export async function loadConfig(opts: { cwd: string; path?: string; checks?: ConfigCheck[] }): Promise<LoadedConfig> {
  const cwd = path.resolve(opts.cwd);
  const file = path.resolve(cwd, opts.path ?? CONFIG_FILE);
  const shown = displayName(cwd, file);
  const source = await readSource(file, shown, opts.path !== undefined);
  const checks = opts.checks ?? [];
  if (source === undefined)
    return { config: withProject(parseOrThrow('', shown, checks), cwd), file: undefined, root: cwd };
  const root = path.dirname(file);
  return { config: withProject(parseOrThrow(source, shown, checks), root), file, root };
}

function parseOrThrow(source: string, shown: string, checks: readonly ConfigCheck[]) {
  const result = checkSource(source, checks);
  if ('problems' in result) {
    const sorted = [...result.problems].sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ConfigError(sorted.map((p) => ({ file: shown, ...p })));
  }
  return result.config;
}

function withProject(parsed: ReturnType<typeof parseOrThrow>, root: string): DeckConfig {
  return { ...parsed, project: parsed.project ?? (path.basename(root) || root) };
}

async function readSource(file: string, shown: string, required: boolean): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    const message =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError([{ file: shown, line: 1, column: 1, field: '(file)', message }]);
  }
}

function displayName(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

function checkSource(
  source: string,
  checks: readonly ConfigCheck[],
): { config: z.output<typeof configSchema> } | { problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number) => {
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  const problems: Problem[] = secretProblems(doc.contents, [], at);
  for (const error of doc.errors) {
    problems.push({ ...at(error.pos[0]), field: '(syntax)', message: syntaxMessage(error.code, error.message) });
  }
  if (doc.errors.length > 0) return { problems };

  let data: unknown;
  try {
    data = blankToUndefined(doc.toJS());
  } catch (err) {
    // Unknown aliases and alias bombs only surface when values are built.
    return {
      problems: [...problems, { line: 1, column: 1, field: '(syntax)', message: lowerFirst((err as Error).message) }],
    };
  }

  const platform = (data as { platform?: unknown } | undefined)?.platform;
  for (const { key, message } of platformKeyProblems(platform)) {
    problems.push({ ...at(offsetOf(doc, ['platform', key], 'key')), field: `platform.${key}`, message });
  }

  const result = configSchema.safeParse(data ?? {}, { reportInput: true });
  if (result.success) {
    for (const check of checks)
      for (const found of check(result.data))
        problems.push({
          ...at(offsetOf(doc, found.path, 'key')),
          field: fieldName(found.path),
          message: found.message,
        });
  }
  if (result.success && problems.length === 0) return { config: result.data };
  for (const issue of result.error?.issues ?? []) problems.push(...issueProblems(issue, doc, at));
  return { problems };
}

function issueProblems(
  issue: z.core.$ZodIssue,
  doc: Document,
  at: (offset: number) => { line: number; column: number },
): Problem[] {
  const issuePath = issue.path.filter((k): k is Key => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .filter((key) => !SECRET_KEY.test(key))
      .map((key) => {
        const suggestion = closestMatch(key, allowedKeys(issuePath));
        const hint = suggestion ? `did you mean "${suggestion}"?` : `known keys: ${allowedKeys(issuePath).join(', ')}`;
        return {
          ...at(offsetOf(doc, [...issuePath, key], 'key')),
          field: fieldName([...issuePath, key]),
          message: `unknown key (${hint})`,
        };
      });
  }
  return [
    {
      ...at(offsetOf(doc, issuePath, 'value')),
      field: fieldName(issuePath),
      message: `${issue.message}, got ${describeValue(issue.input)}`,
    },
  ];
}

/** Keys whose names look like secrets, anywhere in the file, reported at the key. */
function secretProblems(
  node: unknown,
  at: Key[],
  pos: (offset: number) => { line: number; column: number },
): Problem[] {
  if (isSeq(node)) return node.items.flatMap((item, i) => secretProblems(item, [...at, i], pos));
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) return [];
    const field = [...at, key];
    if (SECRET_KEY.test(key)) {
      return [{ ...pos((pair.key as Node).range?.[0] ?? 0), field: fieldName(field), message: SECRET_MESSAGE }];
    }
    return secretProblems(pair.value, field, pos);
  });
}

/** Offset of the node at `at`; for 'key', the key naming its last step. Falls back to the nearest ancestor found. */
function offsetOf(doc: Document, at: readonly Key[], want: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [i, step] of at.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      const keyNode = pair.key as Node;
      const last = i === at.length - 1;
      offset =
        (last && want === 'key'
          ? keyNode.range?.[0]
          : ((pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0])) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      offset = (node as Node | undefined)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

/** The keys the schema allows in the mapping at `at`. */
function allowedKeys(at: readonly Key[]): string[] {
  let schema: z.core.$ZodType = configSchema;
  for (const step of [...at, undefined]) {
    while ('innerType' in schema._zod.def) schema = schema._zod.def.innerType as z.core.$ZodType;
    const shape = (schema._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
    if (!shape) return [];
    if (step === undefined) return Object.keys(shape);
    const next = shape[String(step)];
    if (!next) return [];
    schema = next;
  }
  return [];
}

function fieldName(at: readonly Key[]): string {
  return at.length === 0 ? '(root)' : at.map((k) => printable(String(k))).join('.');
}

/** What the user wrote, short and safe to print. */
function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return printable(String(value));
}

/** Keeps terminal control characters and very long keys out of messages. */
function printable(s: string): string {
  const clean = s.replace(/[\x00-\x1f\x7f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** An empty `section:` means "not set", as it does when every line under it is commented out. */
function blankToUndefined(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, blankToUndefined(v)]),
    );
  }
  return value;
}

function syntaxMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return 'the file must hold a single YAML document (remove the extra ---)';
  if (code === 'DUPLICATE_KEY') return 'a key appears twice in the same mapping';
  return lowerFirst(message);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
