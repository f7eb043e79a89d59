// Reads the demo template's history.yml, checks it, and resolves it into
// commits whose parents and file contents are known, ready to be written.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export const DEMO_MAIN_BRANCH = 'main';
export const DEMO_HISTORY_FILE = 'history.yml';
const STEPS_DIR = 'steps';

export interface DemoAuthor {
  name: string;
  email: string;
}

export interface DemoFile {
  /** Path inside the demo repository. */
  path: string;
  content: Buffer;
}

export interface DemoCommit {
  id: string;
  branch: string;
  author: DemoAuthor;
  /** How long before the demo's creation the commit was made, in milliseconds. */
  agoMs: number;
  message: string;
  /** Commit ids: the branch's previous commit, then for a merge the merged branch's last commit. */
  parents: string[];
  /** Files the commit adds or replaces; for a merge, also everything the merged branch brings. */
  files: DemoFile[];
}

export interface DemoHistory {
  /** Oldest first; every parent comes before its children. */
  commits: DemoCommit[];
  /** Where each branch ends, main included: branch name → commit id. */
  branches: Map<string, string>;
}

type Tree = Map<string, Buffer>;

interface CommitEntry {
  id: string;
  branch: string;
  author: DemoAuthor;
  agoMs: number;
  message: string;
  merge?: string;
  files: string[];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const BRANCH = /^[a-z0-9]+(?:[-_./][a-z0-9]+)*$/i;
const PATH_PART = /^[A-Za-z0-9._-]+$/;
const AGO = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?$/;
const COMMIT_KEYS = new Set(['id', 'branch', 'author', 'ago', 'message', 'merge', 'files']);

export async function loadDemoHistory(templateDir: string): Promise<DemoHistory> {
  const file = path.join(templateDir, DEMO_HISTORY_FILE);
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };

  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (!isRecord(raw)) return fail('expected a mapping with `authors`, `branches` and `commits`');

  const authors = readAuthors(raw.authors, fail);
  const starts = readBranchStarts(raw.branches, fail);
  if (!Array.isArray(raw.commits) || raw.commits.length === 0) return fail('`commits` must be a non-empty list');
  const entries = raw.commits.map((entry, index) => readCommitEntry(entry, index, authors, fail));

  const readStep = async (entry: CommitEntry): Promise<DemoFile[]> => {
    const read = async (repoPath: string): Promise<DemoFile> => {
      const stored = path.join(templateDir, STEPS_DIR, entry.id, storedName(repoPath));
      try {
        return { path: repoPath, content: await readFile(stored) };
      } catch {
        return fail(`commit ${entry.id} lists ${repoPath}, but ${stored} cannot be read`);
      }
    };
    const expanded = await Promise.all(
      entry.files.map(async (repoPath) => {
        if (!repoPath.endsWith('/')) return [repoPath];
        // A folder: every file under it (vendored packages).
        const stored = path.join(templateDir, STEPS_DIR, entry.id, storedName(repoPath));
        try {
          const found = await readdir(stored, { recursive: true, withFileTypes: true });
          return found
            .filter((e) => e.isFile())
            .map(
              (e) => `${repoPath}${path.relative(stored, path.join(e.parentPath, e.name)).split(path.sep).join('/')}`,
            )
            .sort();
        } catch {
          return fail(`commit ${entry.id} lists ${repoPath}, but ${stored} is not a readable folder`);
        }
      }),
    );
    return Promise.all(expanded.flat().map(read));
  };
  const stepFiles = await Promise.all(entries.map(readStep));

  return resolve(entries, stepFiles, starts, fail);
}

function resolve(
  entries: CommitEntry[],
  stepFiles: DemoFile[][],
  starts: Map<string, string>,
  fail: (message: string) => never,
): DemoHistory {
  const trees = new Map<string, Tree>();
  const ages = new Map<string, number>();
  const tips = new Map<string, string>();
  const merged = new Set<string>();
  const commits: DemoCommit[] = [];

  entries.forEach((entry, index) => {
    if (trees.has(entry.id)) fail(`commit id ${entry.id} is used twice`);
    const parent = tips.get(entry.branch) ?? branchStart(entry, index, starts, trees, fail);
    const parents = parent === undefined ? [] : [parent];
    const tree: Tree = new Map(parent === undefined ? [] : trees.get(parent));
    const files = [...(stepFiles[index] ?? [])];

    if (entry.merge !== undefined) {
      const theirs = tips.get(entry.merge);
      const base = trees.get(starts.get(entry.merge) ?? '');
      if (theirs === undefined || base === undefined)
        fail(`commit ${entry.id} merges ${entry.merge}, which is not a branch with commits of its own`);
      if (merged.has(entry.merge)) fail(`commit ${entry.id} merges ${entry.merge} a second time`);
      merged.add(entry.merge);
      const resolved = new Set(files.map((file) => file.path));
      const brought = changedSince(base, trees.get(theirs) ?? new Map()).filter((file) => !resolved.has(file.path));
      const conflicts = brought.filter((file) => {
        const ours = tree.get(file.path);
        return !sameContent(ours, base.get(file.path)) && !sameContent(ours, file.content);
      });
      // A real merge would stop on these, so the merge step has to list the resolved file itself.
      if (conflicts.length > 0) {
        fail(
          `merge ${entry.id}: ${entry.merge} and ${entry.branch} both changed ${conflicts.map((f) => f.path).join(', ')}`,
        );
      }
      files.unshift(...brought);
      parents.push(theirs);
    } else if (files.length === 0) {
      fail(`commit ${entry.id} changes no files`);
    }

    for (const id of parents) {
      if (entry.agoMs > (ages.get(id) ?? Infinity)) fail(`commit ${entry.id} is older than its parent ${id}`);
    }
    for (const file of files) tree.set(file.path, file.content);
    trees.set(entry.id, tree);
    ages.set(entry.id, entry.agoMs);
    tips.set(entry.branch, entry.id);
    commits.push({
      id: entry.id,
      branch: entry.branch,
      author: entry.author,
      agoMs: entry.agoMs,
      message: entry.message,
      parents,
      files,
    });
  });

  const branches = new Map(tips);
  for (const [branch, start] of starts) {
    if (!trees.has(start)) fail(`branch ${branch} starts at ${start}, which is not a commit`);
    if (!branches.has(branch)) branches.set(branch, start);
  }
  return { commits, branches };
}

function branchStart(
  entry: CommitEntry,
  index: number,
  starts: Map<string, string>,
  trees: Map<string, Tree>,
  fail: (message: string) => never,
): string | undefined {
  if (entry.branch === DEMO_MAIN_BRANCH) {
    return index === 0 ? undefined : fail(`commit ${entry.id}: only the first commit may start ${DEMO_MAIN_BRANCH}`);
  }
  const start = starts.get(entry.branch);
  if (start === undefined)
    return fail(`commit ${entry.id} is on ${entry.branch}, which is not listed under \`branches\``);
  if (!trees.has(start)) return fail(`branch ${entry.branch} starts at ${start}, which must be an earlier commit`);
  return start;
}

function changedSince(base: Tree, tree: Tree): DemoFile[] {
  return [...tree]
    .filter(([file, content]) => !sameContent(base.get(file), content))
    .map(([file, content]) => ({ path: file, content }));
}

function sameContent(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

/**
 * npm leaves .gitignore files and node_modules folders out of published packages, so the
 * template keeps them as gitignore and node-modules.
 */
function storedName(repoPath: string): string {
  return repoPath.replace(/(^|\/)\.gitignore$/, '$1gitignore').replace(/(^|\/)node_modules(\/|$)/g, '$1node-modules$2');
}

function readAuthors(raw: unknown, fail: (message: string) => never): Map<string, DemoAuthor> {
  if (!isRecord(raw)) return fail('`authors` must map a short name to { name, email }');
  const authors = new Map<string, DemoAuthor>();
  for (const [key, value] of Object.entries(raw)) {
    const name = isRecord(value) ? value.name : undefined;
    const email = isRecord(value) ? value.email : undefined;
    if (!isIdentityPart(name) || !isIdentityPart(email))
      fail(`author ${key} needs a name and an email without <, > or line breaks`);
    authors.set(key, { name, email });
  }
  return authors;
}

function readBranchStarts(raw: unknown, fail: (message: string) => never): Map<string, string> {
  if (raw === undefined || raw === null) return new Map();
  if (!isRecord(raw)) return fail('`branches` must map a branch name to the commit id it starts at');
  const starts = new Map<string, string>();
  for (const [branch, start] of Object.entries(raw)) {
    if (!BRANCH.test(branch) || branch === DEMO_MAIN_BRANCH) fail(`\`${branch}\` is not a usable branch name`);
    if (typeof start !== 'string') fail(`branch ${branch} must name the commit id it starts at`);
    starts.set(branch, start);
  }
  return starts;
}

function readCommitEntry(
  raw: unknown,
  index: number,
  authors: Map<string, DemoAuthor>,
  fail: (message: string) => never,
): CommitEntry {
  const where = `commit #${index + 1}`;
  if (!isRecord(raw)) return fail(`${where} must be a mapping`);
  const unknown = Object.keys(raw).filter((key) => !COMMIT_KEYS.has(key));
  if (unknown.length > 0) fail(`${where} has unknown keys: ${unknown.join(', ')}`);

  const { id, branch = DEMO_MAIN_BRANCH, author, ago, message, merge, files = [] } = raw;
  if (typeof id !== 'string' || !ID.test(id)) return fail(`${where} needs an \`id\` in lowercase-with-dashes`);
  if (typeof branch !== 'string' || !BRANCH.test(branch)) return fail(`commit ${id} has an unusable branch name`);
  const who = typeof author === 'string' ? authors.get(author) : undefined;
  if (who === undefined) return fail(`commit ${id} has an author not listed under \`authors\``);
  if (typeof message !== 'string' || message.trim() === '') return fail(`commit ${id} needs a message`);
  if (merge !== undefined && (typeof merge !== 'string' || !BRANCH.test(merge)))
    return fail(`commit ${id} has an unusable \`merge\``);
  if (!Array.isArray(files) || !files.every(isRepoPath))
    return fail(`commit ${id}: \`files\` must list plain relative paths`);

  const agoMs = parseAgo(ago);
  if (agoMs === undefined) return fail(`commit ${id}: \`ago\` must look like "3d 4h", "5h" or "20m"`);
  return { id, branch, author: who, agoMs, message: message.trim(), merge, files };
}

function parseAgo(raw: unknown): number | undefined {
  const match = typeof raw === 'string' ? AGO.exec(raw.trim()) : null;
  if (!match || (!match[1] && !match[2] && !match[3])) return undefined;
  const [days = 0, hours = 0, minutes = 0] = match.slice(1).map((n) => Number(n ?? 0));
  return ((days * 24 + hours) * 60 + minutes) * 60_000;
}

function isRepoPath(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  // A trailing slash names a folder: every file under it.
  return value
    .replace(/\/$/, '')
    .split('/')
    .every((part) => PATH_PART.test(part) && part !== '.' && part !== '..' && part !== '.git');
}

function isIdentityPart(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !/[<>\n\r]/.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
