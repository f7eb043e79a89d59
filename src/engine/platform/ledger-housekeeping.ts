// Deletes what the ledger no longer needs: the files of pruned slugs, sources and
// outputs, and at start whatever an interrupted engine left on disk (build folders,
// slugs and sources it never recorded, temporary files of atomic writes).
// Deletion is asynchronous: a large slug must not stall the routers on this event loop.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EnginePaths } from '../engine-paths.js';
import type { EngineStateData } from '../state/engine-state.js';
import { referencedOutputs, type PrunedFiles } from '../state/prune-ledger.js';
import { slugFolder, sourceFile } from './ledger-folders.js';

export async function removePrunedFiles(paths: EnginePaths, pruned: PrunedFiles): Promise<void> {
  await Promise.all([
    ...pruned.slugIds.map((id) => remove(slugFolder(paths, id))),
    ...pruned.sourceIds.flatMap((id) => [remove(sourceFile(paths, id)), remove(`${sourceFile(paths, id)}.part`)]),
    ...pruned.outputIds.map((id) => remove(path.join(paths.outputs, `${id}.log`))),
  ]);
}

/** At start, before any build runs: removes every file under the engine's folders that no record needs. */
export async function sweepLeftovers(paths: EnginePaths, d: EngineStateData): Promise<void> {
  const outputs = referencedOutputs(d);
  const uuid = /^[0-9a-f-]{36}/;
  const sweep = async (dir: string, needed: (name: string) => boolean) => {
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => !needed(n)).map((n) => remove(path.join(dir, n))));
  };
  await Promise.all([
    sweep(paths.builds, () => false),
    sweep(paths.slugs, (name) => d.slugs[name] !== undefined),
    sweep(paths.sources, (name) => d.sources[uuid.exec(name)?.[0] ?? ''] !== undefined && !name.endsWith('.part')),
    sweep(paths.outputs, (name) => outputs.has(name.replace(/\.log$/, ''))),
    // Temporary files of atomic writes by engines that died mid-write (this one has written none yet).
    sweep(paths.engineDir, (name) => !/\.\d+\.tmp$/.test(name) || name.endsWith(`.${process.pid}.tmp`)),
  ]);
}

function remove(target: string): Promise<void> {
  return rm(target, { recursive: true, force: true }).catch(() => undefined);
}
