// The pipeline's apps as dynodeck.yml describes them: feature boxes, staging, production.
import { randomUUID } from 'node:crypto';
import type { PlatformConfig } from '../../config/schema.js';
import type { AppRecord, Stage } from '../state/engine-state.js';

export interface WantedApp {
  env: string;
  name: string;
  stage: Stage;
  /** Fixed router port, when dynodeck.yml sets basePort. */
  port?: number;
}

/** Heroku app names: lowercase letters, digits and dashes. */
export function appSlug(project: string): string {
  const slug = project
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'app';
}

export function wantedApps(project: string, platform: PlatformConfig): WantedApp[] {
  const prefix = appSlug(project);
  const base = platform.basePort;
  const apps: WantedApp[] = [];
  for (let n = 1; n <= platform.boxes; n++) {
    apps.push({
      env: `box-${n}`,
      name: `${prefix}-box-${n}`,
      stage: 'development',
      port: base === undefined ? undefined : base + 1 + n,
    });
  }
  apps.push({ env: 'staging', name: `${prefix}-staging`, stage: 'staging', port: base });
  apps.push({
    env: 'production',
    name: `${prefix}-production`,
    stage: 'production',
    port: base === undefined ? undefined : base + 1,
  });
  return apps;
}

export function newAppRecord(wanted: WantedApp, port: number, now: string): AppRecord {
  return {
    id: randomUUID(),
    name: wanted.name,
    env: wanted.env,
    stage: wanted.stage,
    couplingId: randomUUID(),
    routerPort: port,
    maintenance: false,
    // DATABASE_URL is attached like an add-on's config var (see attachDatabases), so it shows and can be read like one.
    configVars: {},
    formation: {},
    releases: [],
    currentReleaseId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Formation defaults for a slug's process types, as Heroku sets them on the first deploy: web=1, others 0. */
export function defaultFormation(
  processTypes: Record<string, string>,
  existing: AppRecord['formation'],
  now: string,
): AppRecord['formation'] {
  const formation = { ...existing };
  for (const type of Object.keys(processTypes)) {
    if (type === 'release' || formation[type]) continue;
    formation[type] = {
      id: randomUUID(),
      quantity: type === 'web' ? 1 : 0,
      size: 'standard-1X',
      createdAt: now,
      updatedAt: now,
    };
  }
  return formation;
}
