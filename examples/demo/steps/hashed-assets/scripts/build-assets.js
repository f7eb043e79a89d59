// The build step (`npm run build`): copies static/ into public/ with a content
// hash in every file name and writes public/manifest.json, which maps each
// source name to its hashed one. Hashed names can be cached forever: a changed
// file gets a new name, so nobody sees yesterday's stylesheet.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = path.join(root, 'static');
const target = path.join(root, 'public');

rmSync(target, { recursive: true, force: true });
mkdirSync(target);

const manifest = {};
for (const entry of readdirSync(source, { withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const content = readFileSync(path.join(source, entry.name));
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
  const ext = path.extname(entry.name);
  const hashed = `${path.basename(entry.name, ext)}.${hash}${ext}`;
  writeFileSync(path.join(target, hashed), content);
  manifest[entry.name] = hashed;
  console.log(`static/${entry.name} -> public/${hashed}`);
}
writeFileSync(path.join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const count = Object.keys(manifest).length;
console.log(`Wrote public/manifest.json (${count} ${count === 1 ? 'asset' : 'assets'})`);
