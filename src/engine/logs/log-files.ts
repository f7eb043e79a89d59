// The on-disk side of the bus: `<app>.log` is current, `<app>.log.N` are older.
import { readdirSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseLogLine, type LogLine } from '../../logs/log-line.js';

const LOG_FILE = /^([a-z0-9-]+)\.log(?:\.([1-9]\d*))?$/;

export function logFilePath(dir: string, app: string, index = 0): string {
  return join(dir, index === 0 ? `${app}.log` : `${app}.log.${index}`);
}

/** The last `maxLines` parsed lines of every app found in `dir`, oldest first. */
export function loadRecentLines(dir: string, maxLines: number): Map<string, Omit<LogLine, 'seq'>[]> {
  const result = new Map<string, Omit<LogLine, 'seq'>[]>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw error;
  }
  const indexesByApp = new Map<string, number[]>();
  for (const name of names) {
    const match = LOG_FILE.exec(name);
    if (!match) continue;
    const list = indexesByApp.get(match[1]!) ?? [];
    list.push(match[2] ? Number(match[2]) : 0);
    indexesByApp.set(match[1]!, list);
  }
  for (const [app, indexes] of indexesByApp) {
    const newestFirst: Omit<LogLine, 'seq'>[] = [];
    for (const index of indexes.sort((a, b) => a - b)) {
      if (newestFirst.length >= maxLines) break;
      const rows = readFileSync(logFilePath(dir, app, index), 'utf8').split('\n');
      for (let i = rows.length - 1; i >= 0 && newestFirst.length < maxLines; i--) {
        const line = parseLogLine(rows[i]!.replace(/\r$/, ''));
        if (line) newestFirst.push(line);
      }
    }
    if (newestFirst.length > 0) result.set(app, newestFirst.reverse());
  }
  return result;
}

/** `<app>.log` → `<app>.log.1` → … keeping `keepFiles` old files. */
export async function rotateLogFiles(dir: string, app: string, keepFiles: number): Promise<void> {
  if (keepFiles <= 0) {
    await rm(logFilePath(dir, app), { force: true });
    return;
  }
  await rm(logFilePath(dir, app, keepFiles), { force: true });
  for (let index = keepFiles - 1; index >= 0; index--) {
    try {
      await rename(logFilePath(dir, app, index), logFilePath(dir, app, index + 1));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
