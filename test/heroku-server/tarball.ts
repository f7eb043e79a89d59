// What a build finds in the uploaded source: the files of a gzipped tarball and the
// process types its Procfile declares. Enough to fail the builds Heroku would fail.
import { gunzipSync } from 'node:zlib';

export type SourceCheck =
  { ok: true; files: string[]; processTypes?: Record<string, string> } | { ok: false; reason: string };

export function inspectSource(blob: Buffer | undefined): SourceCheck {
  if (!blob || blob.length === 0) return { ok: false, reason: 'The uploaded source is empty.' };
  let tar: Buffer;
  try {
    tar = gunzipSync(blob);
  } catch {
    return { ok: false, reason: 'The uploaded source is not a gzipped tarball.' };
  }
  const files: string[] = [];
  let procfile: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, length: number) =>
      header
        .subarray(from, from + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(0, 100);
    if (type === '0') {
      files.push(name);
      if (name.replace(/^\.\//, '') === 'Procfile') procfile = tar.subarray(at + 512, at + 512 + size).toString('utf8');
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  if (files.length === 0) return { ok: false, reason: 'The uploaded source has no files.' };
  if (procfile === undefined) return { ok: true, files };
  const processTypes: Record<string, string> = {};
  for (const line of procfile.split('\n')) {
    const m = /^([\w-]{1,128}):\s*(.+)$/.exec(line.trim());
    if (m) processTypes[m[1]!] = m[2]!;
  }
  return { ok: true, files, processTypes };
}
