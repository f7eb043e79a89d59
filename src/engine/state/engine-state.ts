// The engine's ledger: apps, releases, slugs, builds, sources, promotions. One JSON
// document, rewritten atomically after every change, so what a restarted engine reads
// is always a state the engine was really in; checked when read (state-schema.ts).
// It holds config vars, so only its owner may read it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sanitizeLine } from '../../logs/sanitize.js';
import { writeFileAtomic } from './atomic-write.js';
import { describePath, referenceProblems, shapeProblems } from './state-schema.js';

export type Stage = 'review' | 'development' | 'staging' | 'production';
export type ReleaseStatus = 'pending' | 'succeeded' | 'failed';
export type BuildStatus = 'pending' | 'succeeded' | 'failed';

export interface FormationRecord {
  id: string;
  quantity: number;
  size: string;
  createdAt: string;
  updatedAt: string;
}

export interface ReleaseRecord {
  id: string;
  version: number;
  slugId: string | null;
  status: ReleaseStatus;
  description: string;
  /** Why a failed release failed, in words for the user. */
  failure?: string;
  outputId: string | null;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface AppRecord {
  id: string;
  name: string;
  /** The environment's short name: box-1, staging, production. */
  env: string;
  stage: Stage;
  couplingId: string;
  routerPort: number;
  maintenance: boolean;
  configVars: Record<string, string>;
  formation: Record<string, FormationRecord>;
  releases: ReleaseRecord[];
  currentReleaseId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SlugRecord {
  id: string;
  commit: string | null;
  dir: string;
  processTypes: Record<string, string>;
  size: number;
  createdAt: string;
}

export interface BuildRecord {
  id: string;
  appId: string;
  status: BuildStatus;
  sourceUrl: string;
  version: string | null;
  outputId: string;
  slugId: string | null;
  releaseId: string | null;
  failure?: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface SourceRecord {
  id: string;
  file: string;
  uploaded: boolean;
  createdAt: string;
}

export interface PromotionTargetRecord {
  id: string;
  appId: string;
  releaseId: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  errorMessage: string | null;
}

export interface PromotionRecord {
  id: string;
  sourceAppId: string;
  sourceReleaseId: string;
  status: 'pending' | 'completed';
  targets: PromotionTargetRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface EngineStateData {
  version: 1;
  pipeline: { id: string; name: string; createdAt: string };
  apps: AppRecord[];
  slugs: Record<string, SlugRecord>;
  builds: Record<string, BuildRecord>;
  sources: Record<string, SourceRecord>;
  promotions: Record<string, PromotionRecord>;
}

export interface StateStore {
  readonly data: EngineStateData;
  /** Applies a change and writes the whole state before returning. */
  update<T>(change: (data: EngineStateData) => T): T;
  /** No more writes: the engine has stopped, and the next one may already be reading the file. */
  close(): void;
  readonly closed: boolean;
}

/** A state.json the engine cannot run from; the message names the file and each problem, and is safe to print. */
export class EngineStateError extends Error {
  override name = 'EngineStateError';
}

const MAX_PROBLEMS_SHOWN = 8;

/**
 * Opens the ledger at `file` (or creates it with `initial()`). A file that is not a ledger
 * the engine can run from throws EngineStateError and is left as it is.
 * `displayName` is how messages name the file (relative to the project).
 */
export function openStateStore(file: string, initial: () => EngineStateData, displayName: string = file): StateStore {
  mkdirSync(path.dirname(file), { recursive: true });
  const data: EngineStateData = existsSync(file) ? parseState(readFileSync(file, 'utf8'), displayName) : initial();
  const save = () => writeFileAtomic(file, `${JSON.stringify(data, null, 1)}\n`, 0o600);
  if (!existsSync(file)) save();
  let closed = false;
  return {
    data,
    update(change) {
      const result = change(data);
      if (!closed) save();
      return result;
    },
    close() {
      closed = true;
    },
    get closed() {
      return closed;
    },
  };
}

/** Reads a state.json's text: valid JSON, the ledger's shape, pointers that lead somewhere. */
export function parseState(text: string, displayName: string): EngineStateData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw stateError(displayName, [`not valid JSON (${(error as Error).message.slice(0, 160)})`]);
  }
  const shape = shapeProblems(raw);
  const problems = shape.length ? shape : referenceProblems(raw as EngineStateData);
  if (problems.length === 0) return raw as EngineStateData;
  throw stateError(
    displayName,
    problems.map((p) => (p.path.length ? `${describePath(raw, p.path)}: ${p.message}` : p.message)),
  );
}

/** One line per problem, `<file>: <where>: <what>`, then what to do. */
export function stateError(displayName: string, problems: string[]): EngineStateError {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `${displayName}: ${p}`);
  if (problems.length > shown.length) shown.push(`${displayName}: … and ${problems.length - shown.length} more`);
  shown.push(
    'The engine left the file as it is and did not start. Fix it, or move it away to start afresh ' +
      "(the environments' releases, formation and config vars are then forgotten).",
  );
  // The file's bytes (names, ids, JSON.parse's excerpt) are quoted: they must not drive the terminal.
  return new EngineStateError(shown.map(sanitizeLine).join('\n'));
}

export function findApp(data: EngineStateData, nameOrId: string): AppRecord | undefined {
  return data.apps.find((a) => a.name === nameOrId || a.id === nameOrId);
}

export function currentRelease(app: AppRecord): ReleaseRecord | undefined {
  return app.releases.find((r) => r.id === app.currentReleaseId);
}
