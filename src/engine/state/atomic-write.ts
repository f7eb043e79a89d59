// Writes a file so that a crash (even kill -9, or a power cut) leaves either the old or
// the new content, never a torn one: write a temporary sibling, fsync it, rename it over
// the file, fsync the folder so the rename itself is on disk. A failed write leaves the
// old file and no temporary file behind.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, content: string, mode = 0o644): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    // 'w' keeps the mode of a file that already exists: start from none, so `mode` holds.
    rmSync(temp, { force: true });
    const fd = openSync(temp, 'wx', mode);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(path.dirname(file));
}

function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the rename still happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
