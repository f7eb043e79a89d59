// Apps that dynodeck.yml no longer names (its `project:` was renamed, or fewer boxes)
// are not dropped with their releases, formation and config vars: before the engine
// starts they are set aside, with their slugs, in parked-apps.json, and come back on their
// own when the config names them again. `dynodeck engine apps` lists them; `rename`
// carries a project's apps (and their databases) over to the current name, `remove` deletes
// them. Runs only while no engine runs for the project (the engine owns state.json then),
// except `remove`, which touches nothing a running engine reads.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { PlatformConfig } from '../config/schema.js';
import type { EnginePaths } from './engine-paths.js';
import { writeFileAtomic } from './state/atomic-write.js';
import { appSlug, wantedApps } from './platform/app-setup.js';
import type { AppRecord, EngineStateData, SlugRecord } from './state/engine-state.js';
import { carryOverDatabases, databasesOf, dropAtNextStart, type CarriedDatabase } from './postgres/parked-databases.js';

export interface ParkedApp {
  /** The project slug the app belonged to (its name without "-<env>"). */
  project: string;
  parkedAt: string;
  app: AppRecord;
  /** The slugs its releases run, moved under parked/ so nothing prunes them meanwhile. */
  slugs: Record<string, SlugRecord>;
}

interface ParkedFile {
  version: 1;
  apps: ParkedApp[];
}

export interface AppListing {
  name: string;
  env: string;
  project: string;
  /** Named by dynodeck.yml now. */
  inUse: boolean;
  parked: boolean;
  releases: number;
  current?: number;
  formation: Record<string, number>;
  configVars: number;
}

export function projectOfApp(app: { name: string; env: string }): string {
  const suffix = `-${app.env}`;
  return app.name.endsWith(suffix) && app.name.length > suffix.length ? app.name.slice(0, -suffix.length) : app.name;
}

/**
 * Before an engine start: sets aside the apps the config does not name, brings back the
 * parked ones it names again, and gives the pipeline the project's current name.
 * Returns the apps that stay parked. Leaves a state.json it cannot read to the engine's own checks.
 */
export function reconcileApps(paths: EnginePaths, project: string, platform: PlatformConfig, now: string): ParkedApp[] {
  const state = readState(paths.state);
  const parked = readParked(paths);
  if (!state) return parked.apps;
  const wanted = new Set(wantedApps(project, platform).map((w) => w.name));
  const slug = appSlug(project);
  let changed = state.pipeline.name !== slug;
  state.pipeline.name = slug;

  const back = parked.apps.filter((p) => wanted.has(p.app.name) && !state.apps.some((a) => a.name === p.app.name));
  for (const p of back) unpark(paths, state, p);
  const leaving = state.apps.filter((a) => !wanted.has(a.name));
  for (const app of leaving)
    parked.apps = parked.apps.filter((p) => p.app.name !== app.name).concat(park(paths, state, app, now));
  parked.apps = parked.apps.filter((p) => !back.includes(p));
  changed ||= back.length > 0 || leaving.length > 0;
  if (!changed) return parked.apps;
  // Parked first: a crash in between leaves an app in both files, never in neither.
  writeParked(paths, parked);
  writeFileAtomic(paths.state, `${JSON.stringify(state, null, 1)}\n`);
  return parked.apps;
}

export function listApps(paths: EnginePaths, project: string, platform: PlatformConfig): AppListing[] {
  const wanted = new Set(wantedApps(project, platform).map((w) => w.name));
  const listing = (app: AppRecord, parked: boolean): AppListing => {
    const current = app.releases.find((r) => r.id === app.currentReleaseId);
    return {
      name: app.name,
      env: app.env,
      project: projectOfApp(app),
      inUse: wanted.has(app.name),
      parked,
      releases: app.releases.length,
      ...(current ? { current: current.version } : {}),
      formation: Object.fromEntries(Object.entries(app.formation).map(([type, f]) => [type, f.quantity])),
      configVars: Object.keys(app.configVars).length,
    };
  };
  return [
    ...(readState(paths.state)?.apps ?? []).map((a) => listing(a, false)),
    ...readParked(paths).apps.map((p) => listing(p.app, true)),
  ];
}

/**
 * Carries the parked apps of project `from` over to project `to`: each takes the place of
 * the app of the same environment, which must not have releases of its own yet, and keeps its
 * database (parked-databases.ts). Only while no engine runs: it owns state.json and postgres.json.
 */
export function renameParkedProject(paths: EnginePaths, from: string, to: string, now: string): CarriedDatabase[] {
  const parked = readParked(paths);
  const moving = parked.apps.filter((p) => p.project === from);
  if (moving.length === 0) throw new Error(noParked(parked, from));
  const state = readState(paths.state);
  if (!state) throw new Error(`${paths.state} cannot be read; nothing was renamed`);
  const target = appSlug(to);
  const newName = (p: ParkedApp) => `${target}-${p.app.env}`;
  for (const p of moving) {
    const existing = state.apps.find((a) => a.name === newName(p));
    if (existing && existing.releases.length > 0)
      throw new Error(
        `${newName(p)} has ${existing.releases.length} release(s) of its own, so ${p.app.name} cannot take its place; nothing was renamed`,
      );
    // Its releases and database would be lost under the renamed app (a rename to a name dynodeck.yml does not use).
    if (parked.apps.some((other) => other.app.name === newName(p) && !moving.includes(other)))
      throw new Error(
        `${newName(p)} is kept aside itself, so ${p.app.name} cannot take its place ("dynodeck engine apps remove ${newName(p)}" deletes it); nothing was renamed`,
      );
  }
  const carried = carryOverDatabases(
    paths.engineDir,
    moving.map((p) => ({ from: p.app.name, to: newName(p) })),
    now,
  );
  for (const p of moving) {
    const name = newName(p);
    const index = state.apps.findIndex((a) => a.name === name);
    const replaced = index >= 0 ? state.apps[index] : undefined;
    // The fresh app's router port is the one the current config gave it (basePort).
    const app: AppRecord = { ...p.app, name, ...(replaced ? { routerPort: replaced.routerPort } : {}) };
    unpark(paths, state, { ...p, app });
    if (replaced) state.apps.splice(index, 1);
  }
  parked.apps = parked.apps.filter((p) => !moving.includes(p));
  writeFileAtomic(paths.state, `${JSON.stringify(state, null, 1)}\n`);
  writeParked(paths, parked);
  return carried;
}

export interface RemovedApp {
  name: string;
  /** Its database, dropped at the next engine start (none when it never had one). */
  database?: string;
}

/** Deletes parked apps (one by name, or every app of a project): records, slugs and database. */
export function removeParked(paths: EnginePaths, nameOrProject: string, now: string): RemovedApp[] {
  const parked = readParked(paths);
  const going = parked.apps.filter((p) => p.app.name === nameOrProject || p.project === nameOrProject);
  if (going.length === 0) throw new Error(noParked(parked, nameOrProject));
  // Read before anything changes: a damaged postgres.json stops the removal here.
  const databases = databasesOf(
    paths.engineDir,
    going.map((p) => p.app.name),
  );
  parked.apps = parked.apps.filter((p) => !going.includes(p));
  writeParked(paths, parked);
  // Recorded once the apps are out of parked-apps.json: an engine starting meanwhile that finds a
  // drop then never finds its app kept aside (it would keep the database and forget the drop).
  dropAtNextStart(paths.engineDir, databases, now);
  for (const p of going) {
    for (const s of Object.values(p.slugs)) rmSync(s.dir, { recursive: true, force: true });
    rmSync(path.join(paths.envs, p.app.name), { recursive: true, force: true });
  }
  return going.map((p) => {
    const database = databases.find((d) => d.app === p.app.name)?.database;
    return { name: p.app.name, ...(database ? { database } : {}) };
  });
}

function park(paths: EnginePaths, state: EngineStateData, app: AppRecord, now: string): ParkedApp {
  state.apps = state.apps.filter((a) => a !== app);
  const stillUsed = new Set(state.apps.flatMap((a) => a.releases.map((r) => r.slugId)));
  const slugs: Record<string, SlugRecord> = {};
  for (const id of new Set(app.releases.map((r) => r.slugId))) {
    const record = id ? state.slugs[id] : undefined;
    if (!id || !record) continue;
    if (stillUsed.has(id)) {
      slugs[id] = record; // shared with an app that stays (a promotion): stays where it is
      continue;
    }
    const dir = path.join(paths.engineDir, 'parked', 'slugs', id);
    moveDir(record.dir, dir);
    slugs[id] = { ...record, dir };
    delete state.slugs[id];
  }
  return { project: projectOfApp(app), parkedAt: now, app, slugs };
}

function unpark(paths: EnginePaths, state: EngineStateData, p: ParkedApp) {
  for (const [id, record] of Object.entries(p.slugs)) {
    if (state.slugs[id]) continue;
    const dir = path.join(paths.slugs, id);
    moveDir(record.dir, dir);
    state.slugs[id] = { ...record, dir };
  }
  state.apps.push(p.app);
}

function moveDir(from: string, to: string) {
  if (from === to || !existsSync(from)) return;
  mkdirSync(path.dirname(to), { recursive: true });
  renameSync(from, to);
}

function noParked(parked: ParkedFile, what: string): string {
  const projects = [...new Set(parked.apps.map((p) => p.project))];
  return `the engine keeps no app or project named "${what}" aside${projects.length ? ` (it keeps: ${projects.join(', ')})` : ''}`;
}

function parkedFile(paths: EnginePaths): string {
  return path.join(paths.engineDir, 'parked-apps.json');
}

export function readParked(paths: EnginePaths): ParkedFile {
  try {
    const parsed = JSON.parse(readFileSync(parkedFile(paths), 'utf8')) as Partial<ParkedFile>;
    if (parsed.version === 1 && Array.isArray(parsed.apps)) return parsed as ParkedFile;
  } catch {
    // none yet
  }
  return { version: 1, apps: [] };
}

function writeParked(paths: EnginePaths, parked: ParkedFile) {
  if (parked.apps.length === 0) {
    rmSync(parkedFile(paths), { force: true });
    return;
  }
  writeFileAtomic(parkedFile(paths), `${JSON.stringify(parked, null, 1)}\n`, 0o600);
}

function readState(file: string): EngineStateData | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<EngineStateData>;
    if (parsed.version !== 1 || !Array.isArray(parsed.apps) || typeof parsed.pipeline !== 'object' || !parsed.slugs)
      return undefined;
    return parsed as EngineStateData;
  } catch {
    return undefined;
  }
}

/** One line for `engine start`, `engine status` and the environments' logs; undefined when nothing is parked. */
export function parkedNotice(parked: readonly ParkedApp[], project: string): string | undefined {
  if (parked.length === 0) return undefined;
  const current = appSlug(project);
  const others = [...new Set(parked.map((p) => p.project))].filter((p) => p !== current);
  if (others.length > 0) {
    const first = others[0]!;
    const names = parked.filter((p) => p.project === first).map((p) => p.app.name);
    const more = others.length > 1 ? ` (and of ${others.slice(1).join(', ')})` : '';
    return `the engine keeps the releases, formation and config vars of project "${first}" (${names.join(', ')})${more} aside, as dynodeck.yml now says "${project}": "dynodeck engine apps rename ${first}" carries them over, "dynodeck engine apps" lists them`;
  }
  const names = parked.map((p) => p.app.name);
  return `the engine keeps ${names.join(', ')} aside (dynodeck.yml no longer names ${names.length > 1 ? 'them' : 'it'}): "dynodeck engine apps" lists ${names.length > 1 ? 'them' : 'it'}`;
}
