// Deploy a git ref the Heroku way: archive, POST /sources, PUT the tarball, POST a
// build with the source's get_url, stream its output, then follow the release it
// makes through its release phase. Works against Heroku and the local engine alike.
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type * as HerokuSchema from '@heroku-cli/schema';
import type { HerokuApi } from './heroku-api.js';
import { archiveRef } from './archive-ref.js';
import { followStream } from './follow-stream.js';

export interface DeployOptions {
  app: string;
  repo: string;
  ref: string;
  onStep?: (step: 'upload' | 'build' | 'release' | 'boot', detail: string) => void;
  onOutput?: (line: string) => void;
  pollMs?: number;
}

export type DeployResult =
  | { ok: true; release: HerokuSchema.Release; commit: string }
  | { ok: false; stage: 'build' | 'release'; reason: string; release?: HerokuSchema.Release; commit: string };

export async function deployRef(api: HerokuApi, opts: DeployOptions): Promise<DeployResult> {
  const { client } = api;
  const poll = opts.pollMs ?? 500;
  // Heroku says only that a build or release failed; the reason is at the end of its output.
  const tail: string[] = [];
  const onOutput = (line: string) => {
    if (line.trim() !== '') {
      tail.push(line);
      if (tail.length > 5) tail.shift();
    }
    opts.onOutput?.(line);
  };
  const lastWords = () =>
    tail
      .slice(-3)
      .map((l) => l.replace(/^\s*(!|-----> )?\s*/, '').trim())
      .join(' / ');
  const archive = await archiveRef(opts.repo, opts.ref);
  try {
    opts.onStep?.('upload', `${opts.ref} at ${archive.sha.slice(0, 7)}`);
    const source = (await client.post('/sources')) as { source_blob: { put_url: string; get_url: string } };
    const size = (await stat(archive.file)).size;
    const put = await fetch(source.source_blob.put_url, {
      method: 'PUT',
      body: createReadStream(archive.file) as unknown as RequestInit['body'],
      headers: { 'Content-Length': String(size), 'Content-Type': '' },
      duplex: 'half',
    } as RequestInit);
    if (!put.ok) throw new Error(`uploading the source failed: HTTP ${put.status}`);

    opts.onStep?.('build', archive.sha.slice(0, 7));
    let build = (await client.post(`/apps/${encodeURIComponent(opts.app)}/builds`, {
      body: { source_blob: { url: source.source_blob.get_url, version: archive.sha } },
    })) as HerokuSchema.Build & { failure_reason?: string };
    const streaming = build.output_stream_url ? followStream(build.output_stream_url, onOutput) : Promise.resolve();
    while (build.status === 'pending') {
      await delay(poll);
      build = (await client.get(`/apps/${encodeURIComponent(opts.app)}/builds/${build.id}`)) as typeof build;
    }
    await streaming;
    if (build.status !== 'succeeded') {
      return {
        ok: false,
        stage: 'build',
        reason: build.failure_reason ?? (tail.length ? lastWords() : 'the build failed'),
        commit: archive.sha,
      };
    }
    tail.length = 0; // from here on, the release phase's output

    opts.onStep?.('release', build.release?.id ?? '');
    let release = await waitForReleaseId(api, opts.app, build, poll);
    let followed = false;
    while (release.status === 'pending') {
      if (release.output_stream_url && !followed) {
        followed = true;
        await followStream(release.output_stream_url, onOutput);
        // The release phase's output ends with it; what is left is starting the new processes.
        opts.onStep?.('boot', `v${release.version}`);
      } else {
        await delay(poll);
      }
      release = (await client.get(
        `/apps/${encodeURIComponent(opts.app)}/releases/${release.id}`,
      )) as HerokuSchema.Release;
    }
    // A quick release phase can finish before we look: its output is still worth showing.
    if (!followed && release.output_stream_url) await followStream(release.output_stream_url, onOutput);
    if (release.status !== 'succeeded') {
      const reason =
        (release as { failure_reason?: string }).failure_reason ??
        (tail.length ? `the release phase failed: ${lastWords()}` : `release v${release.version} failed`);
      return { ok: false, stage: 'release', reason, release, commit: archive.sha };
    }
    return { ok: true, release, commit: archive.sha };
  } finally {
    await rm(path.dirname(archive.file), { recursive: true, force: true });
  }
}

async function waitForReleaseId(
  api: HerokuApi,
  app: string,
  build: HerokuSchema.Build,
  poll: number,
): Promise<HerokuSchema.Release> {
  let current = build;
  for (let i = 0; !current.release?.id; i++) {
    if (i > 120) throw new Error('the build succeeded but no release appeared');
    await delay(poll);
    current = (await api.client.get(`/apps/${encodeURIComponent(app)}/builds/${build.id}`)) as HerokuSchema.Build;
  }
  return (await api.client.get(
    `/apps/${encodeURIComponent(app)}/releases/${current.release.id}`,
  )) as HerokuSchema.Release;
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
