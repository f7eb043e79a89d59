// The engine's ledger: apps, releases, slugs, builds, sources, promotions. One JSON
// document, rewritten atomically after every change, so what a restarted engine reads
// is always a state the engine was really in.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

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
}

export function openStateStore(file: string, initial: () => EngineStateData): StateStore {
  mkdirSync(path.dirname(file), { recursive: true });
  const data: EngineStateData = existsSync(file) ? parseState(readFileSync(file, 'utf8'), file) : initial();
  const save = () => writeFileAtomic(file, `${JSON.stringify(data, null, 1)}\n`);
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
  };
}

function parseState(text: string, file: string): EngineStateData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `engine state ${file} is not valid JSON (${(error as Error).message}); move it away to start afresh`,
      { cause: error },
    );
  }
  const data = parsed as Partial<EngineStateData>;
  if (data.version !== 1 || !Array.isArray(data.apps)) throw new Error(`engine state ${file} has an unknown format`);
  return data as EngineStateData;
}

export function findApp(data: EngineStateData, nameOrId: string): AppRecord | undefined {
  return data.apps.find((a) => a.name === nameOrId || a.id === nameOrId);
}

export function currentRelease(app: AppRecord): ReleaseRecord | undefined {
  return app.releases.find((r) => r.id === app.currentReleaseId);
}
