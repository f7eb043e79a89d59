// Slugs and sources are kept in folders named by their ids. The paths stored in
// state.json are rebased on those at start, so a moved project still runs and a path
// written into the file can never send the engine (or its pruning) anywhere else.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EnginePaths } from '../engine-paths.js';
import { currentRelease, type EngineStateData } from '../state/engine-state.js';

export function slugFolder(paths: EnginePaths, slugId: string): string {
  return path.join(paths.slugs, slugId);
}

export function sourceFile(paths: EnginePaths, sourceId: string): string {
  return path.join(paths.sources, `${sourceId}.tar`);
}

export function rebaseFolders(d: EngineStateData, paths: EnginePaths): void {
  for (const slug of Object.values(d.slugs)) slug.dir = slugFolder(paths, slug.id);
  for (const source of Object.values(d.sources)) source.file = sourceFile(paths, source.id);
}

/** Each environment whose current release cannot run because its slug folder is gone, said as a state problem. */
export function missingSlugFolders(d: EngineStateData, paths: EnginePaths): string[] {
  const problems: string[] = [];
  for (const app of d.apps) {
    const release = currentRelease(app);
    if (!release?.slugId) continue;
    const folder = slugFolder(paths, release.slugId);
    if (!existsSync(folder))
      problems.push(
        `apps.${app.env}: the current release v${release.version} runs from ${path.relative(paths.root, folder)}, which is missing`,
      );
  }
  return problems;
}
