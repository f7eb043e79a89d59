// Builds the Brightcart demo project from the template in examples/demo, once.
// It never leaves a half-built demo behind and never touches a folder it did not make.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { packageRoot } from '../package-root.js';
import { DEMO_MAIN_BRANCH, loadDemoHistory, type DemoHistory } from './demo-history.js';

/** Written last into a finished demo; its presence is what makes a folder "a demo". */
export const DEMO_MARKER = '.dynodeck-demo';

const MARKER_TEXT = `This folder is the dynodeck demo project, built from dynodeck's examples/demo.
\`dynodeck demo --reset\` deletes it and builds it again.
`;

export interface CreateDemoOptions {
  dir: string;
  /** Delete the demo already at `dir` and build it again. */
  reset?: boolean;
  /** Defaults to this package's own examples/demo. */
  templateDir?: string;
}

export interface CreateDemoResult {
  /** Absolute path of the demo. */
  dir: string;
  /** False when a demo was already there and was left as it was. */
  created: boolean;
}

type Found = 'missing' | 'empty' | 'demo' | 'other';

export async function createDemo(options: CreateDemoOptions): Promise<CreateDemoResult> {
  const dir = path.resolve(options.dir);
  const found = await inspect(dir);
  if (found === 'demo' && !options.reset) return { dir, created: false };
  if (found === 'other') {
    throw new Error(
      `${dir} already exists and is not a dynodeck demo (it has no ${DEMO_MARKER} file), so it was left alone. ` +
        'Choose another folder with --dir.',
    );
  }

  const history = await loadDemoHistory(options.templateDir ?? defaultTemplateDir());
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  // A sibling, so the final rename stays on one file system and is atomic. Not mkdtemp:
  // its 0700 mode would stick to the demo folder.
  const building = path.join(parent, `.${path.basename(dir)}.building-${randomBytes(4).toString('hex')}`);
  await mkdir(building);
  try {
    await buildRepository(building, history, Date.now());
    await writeFile(path.join(building, DEMO_MARKER), MARKER_TEXT);
    await moveIntoPlace(building, dir, found);
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return { dir, created: true };
}

/** This package's examples/demo, found from this module's file (src/demo/ under vitest, dist/demo/ once built). */
export function defaultTemplateDir(): string {
  return path.join(packageRoot(), 'examples', 'demo');
}

/** The template of a named example: brightcart is examples/demo, the others examples/<name>. */
export function exampleTemplateDir(example: string): string {
  return example === 'brightcart' ? defaultTemplateDir() : path.join(packageRoot(), 'examples', example);
}

async function inspect(dir: string): Promise<Found> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'other';
    throw error;
  }
  if (entries.length === 0) return 'empty';
  return entries.includes(DEMO_MARKER) ? 'demo' : 'other';
}

async function moveIntoPlace(building: string, dir: string, found: Found): Promise<void> {
  if (found === 'empty') await rmdir(dir);
  if (found !== 'demo') {
    await rename(building, dir);
    return;
  }
  // Swap rather than delete first, so a failed rename still leaves the old demo.
  const old = `${building}.old`;
  await rename(dir, old);
  try {
    await rename(building, dir);
  } catch (error) {
    await rename(old, dir);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

// Signing, hooks and templates from the user's own git set-up must not get in the way.
const GIT_OPTIONS = ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

async function buildRepository(dir: string, history: DemoHistory, now: number): Promise<void> {
  const env = gitEnv();
  const git = (args: string[], input?: Buffer) =>
    execa('git', [...GIT_OPTIONS, ...args], {
      cwd: dir,
      env,
      extendEnv: false,
      input,
      stdin: input ? 'pipe' : 'ignore',
    });
  try {
    await git(['init', '--quiet', '-b', DEMO_MAIN_BRANCH]);
    await git(['fast-import', '--quiet', '--done'], fastImportStream(history, now));
    await git(['checkout', '--quiet', '--force', DEMO_MAIN_BRANCH]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('The demo needs git, and git was not found on PATH.', { cause: error });
    throw error;
  }
}

/**
 * The caller's environment without any GIT_* variable (a git hook's GIT_DIR would send
 * every command to another repository), without the user's git config, and with an
 * identity of its own so that git never asks who is committing.
 */
function gitEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('GIT_')) env[key] = value;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'dynodeck demo',
    GIT_AUTHOR_EMAIL: 'demo@dynodeck.invalid',
    GIT_COMMITTER_NAME: 'dynodeck demo',
    GIT_COMMITTER_EMAIL: 'demo@dynodeck.invalid',
    GIT_TERMINAL_PROMPT: '0',
  };
}

/**
 * The whole history as one `git fast-import` stream, so building it costs one git
 * process instead of several per commit. Authors and dates travel in the stream.
 */
function fastImportStream(history: DemoHistory, now: number): Buffer {
  const chunks: Buffer[] = [];
  const line = (text: string) => chunks.push(Buffer.from(`${text}\n`));
  const data = (content: Buffer) => {
    line(`data ${content.length}`);
    chunks.push(content);
    line('');
  };
  const positions = new Map(history.commits.map((commit, index) => [commit.id, index + 1]));
  const mark = (id: string) => `:${positions.get(id)}`;

  for (const commit of history.commits) {
    const seconds = Math.round((now - commit.agoMs) / 1000);
    const signature = `${commit.author.name} <${commit.author.email}> ${seconds} +0000`;
    line(`commit refs/heads/${commit.branch}`);
    line(`mark ${mark(commit.id)}`);
    line(`author ${signature}`);
    line(`committer ${signature}`);
    data(Buffer.from(`${commit.message}\n`));
    const [first, ...merged] = commit.parents;
    if (first !== undefined) line(`from ${mark(first)}`);
    for (const id of merged) line(`merge ${mark(id)}`);
    for (const file of commit.files) {
      line(`M 100644 inline ${file.path}`);
      data(file.content);
    }
    line('');
  }
  for (const [branch, id] of history.branches) {
    line(`reset refs/heads/${branch}`);
    line(`from ${mark(id)}`);
    line('');
  }
  line('done');
  return Buffer.concat(chunks);
}
