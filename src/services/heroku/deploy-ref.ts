// Deploy a git ref the Heroku way: archive, POST /sources, PUT the tarball, POST a
// build with the source's get_url, stream its output, then follow the release it
// makes through its release phase. Works against Heroku and the local engine alike.
// Each write is sent once (write-once.ts); waits are paced by the API budget, outlast a
// 429 and end at a time limit (patience.ts).
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type * as HerokuSchema from '@heroku-cli/schema';
import { sanitizeLine } from '../../logs/sanitize.js';
import type { Clock } from '../ports.js';
import type { HerokuApi } from './heroku-api.js';
import { archiveRef } from './archive-ref.js';
import { followRelease } from './follow-release.js';
import { followStreamUntil } from './follow-stream.js';
import {
  deadlineIn,
  DEFAULT_WAIT_LIMITS,
  patiently,
  patienceFor,
  pause,
  pollUntil,
  TimeLimitReached,
  type Deadline,
  type WaitLimits,
} from './patience.js';
import { buildsOfCommitClause, releaseClause, unknownStatusReason } from './read-back.js';
import { UncertainWriteError, writeOnce } from './write-once.js';

export interface DeployOptions {
  app: string;
  repo: string;
  ref: string;
  onStep?: (step: 'upload' | 'build' | 'release' | 'boot', detail: string) => void;
  onOutput?: (line: string) => void;
  /** The pace of status polls with a full API budget. */
  pollMs?: number;
  clock?: Clock;
  limits?: Partial<WaitLimits>;
  /** The first wait after a 429 (default 5 s); it doubles up to a minute. */
  backoffMs?: number;
  random?: () => number;
}

/** `unknown`: dynodeck cannot tell how it ended (no clear answer to a write, a time limit, no status). */
export type DeployResult =
  | { ok: true; release: HerokuSchema.Release; commit: string }
  | {
      ok: false;
      stage: 'upload' | 'build' | 'release';
      outcome: 'failed' | 'unknown';
      reason: string;
      release?: HerokuSchema.Release;
      commit: string;
    };

type Build = HerokuSchema.Build & { failure_reason?: string };

/** How far back a build of the same commit counts as ours when the build request got no answer (clock skew). */
const BUILD_READ_BACK_SKEW_MS = 2 * 60_000;
/** How long a build's output may go on after Heroku says the build ended. */
const STREAM_GRACE_MS = 10_000;

export async function deployRef(api: HerokuApi, opts: DeployOptions): Promise<DeployResult> {
  const { client } = api;
  const limits = { ...DEFAULT_WAIT_LIMITS, ...opts.limits };
  const p = patienceFor(api.rateLimitRemaining, {
    ...opts,
    pollMs: opts.pollMs ?? 500,
    onWait: (message) => opts.onOutput?.(`dynodeck: ${message}`),
  });
  const clock = p.clock;
  const appPath = `/apps/${encodeURIComponent(opts.app)}`;
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
  const short = archive.sha.slice(0, 7);
  const commit = archive.sha;
  let stage: 'upload' | 'build' | 'release' = 'upload';
  let lastSeen = '';
  try {
    opts.onStep?.('upload', `${opts.ref} at ${short}`);
    const buildDeadline = deadlineIn(clock, limits.buildMs, `the build of ${short}`);
    const source = (await patiently(
      () =>
        writeOnce('the request for a source upload (POST /sources)', () => client.post('/sources'), {
          what: 'the sources',
          describe: async () => `nothing was built or released on ${opts.app}`,
        }),
      'write',
      buildDeadline,
      p,
    )) as { source_blob: { put_url: string; get_url: string } };
    await upload(source.source_blob.put_url, archive.file, buildDeadline, clock.now());

    stage = 'build';
    opts.onStep?.('build', short);
    const askedAt = Date.now();
    let build = (await patiently(
      () =>
        writeOnce(
          `the build request for ${opts.app} (POST ${appPath}/builds)`,
          () =>
            client.post(`${appPath}/builds`, {
              body: { source_blob: { url: source.source_blob.get_url, version: commit } },
            }),
          {
            what: `the builds of ${opts.app}`,
            describe: async () =>
              buildsOfCommitClause(
                (await client.get(`${appPath}/builds`, {
                  headers: { Range: 'started_at ..; order=desc, max=10' },
                  partial: true,
                })) as HerokuSchema.Build[],
                commit,
                askedAt - BUILD_READ_BACK_SKEW_MS,
              ),
          },
        ),
      'write',
      buildDeadline,
      p,
    )) as Build;
    lastSeen = `the build was ${statusWord(build.status)}`;
    const output = build.output_stream_url
      ? followStreamUntil(build.output_stream_url, onOutput, clock, buildDeadline.at)
      : undefined;
    let streaming = output !== undefined;
    void output?.ended.then(() => (streaming = false));
    build = await pollUntil(
      async () => {
        const b = (await client.get(`${appPath}/builds/${build.id}`)) as Build;
        lastSeen = `the build was ${statusWord(b.status)}`;
        return b;
      },
      (b) => b.status !== 'pending',
      buildDeadline,
      p,
      () => (streaming ? output!.ended : undefined),
    ).finally(async () => {
      if (output) await pause(clock, STREAM_GRACE_MS, output.ended);
      output?.stop();
    });
    if (build.status === 'failed')
      return {
        ok: false,
        stage: 'build',
        outcome: 'failed',
        reason: build.failure_reason ?? (tail.length ? lastWords() : 'the build failed'),
        commit,
      };
    if (build.status !== 'succeeded')
      return {
        ok: false,
        stage: 'build',
        outcome: 'unknown',
        reason: unknownStatusReason(`the build of ${short}`, build.status),
        commit,
      };
    tail.length = 0; // from here on, the release phase's output

    stage = 'release';
    opts.onStep?.('release', build.release?.id ?? '');
    const releaseDeadline = deadlineIn(clock, limits.releaseMs, `the release of ${short}`);
    lastSeen = 'the build had made no release yet';
    const built = build.release?.id
      ? build
      : await pollUntil(
          () => client.get(`${appPath}/builds/${build.id}`) as Promise<Build>,
          (b) => Boolean(b.release?.id),
          releaseDeadline,
          p,
        );
    let release = (await patiently(
      () => client.get(`${appPath}/releases/${built.release!.id}`),
      'read',
      releaseDeadline,
      p,
    )) as HerokuSchema.Release;
    lastSeen = `Heroku listed ${releaseClause(release)}`;
    let booting = false;
    const boot = (r: HerokuSchema.Release) => {
      if (!booting) opts.onStep?.('boot', `v${r.version ?? '?'}`);
      booting = true;
    };
    release = await followRelease(client, appPath, release, {
      deadline: { ...releaseDeadline, what: `release v${release.version ?? '?'} of ${short}` },
      patience: p,
      onOutput,
      onReleasePhaseEnd: boot,
    });
    if (release.status === 'succeeded') {
      boot(release); // a release phase that ended before we looked: the new processes still booted
      return { ok: true, release, commit };
    }
    if (release.status === 'failed') {
      const reason =
        (release as { failure_reason?: string }).failure_reason ??
        (tail.length ? `the release phase failed: ${lastWords()}` : `release v${release.version ?? '?'} failed`);
      return { ok: false, stage: 'release', outcome: 'failed', reason, release, commit };
    }
    return {
      ok: false,
      stage: 'release',
      outcome: 'unknown',
      reason: unknownStatusReason(`release v${release.version ?? '?'}`, release.status),
      release,
      commit,
    };
  } catch (error) {
    if (error instanceof UncertainWriteError)
      return { ok: false, stage, outcome: 'unknown', reason: error.message, commit };
    if (error instanceof TimeLimitReached)
      return {
        ok: false,
        stage,
        outcome: 'unknown',
        reason: `${error.message}; dynodeck stopped waiting (${lastSeen || 'nothing was read back'}; it may still finish on Heroku)`,
        commit,
      };
    throw error;
  } finally {
    await rm(path.dirname(archive.file), { recursive: true, force: true });
  }
}

/** PUTs the tarball to the source's put_url (a signed storage URL, not the Platform API). */
async function upload(url: string, file: string, deadline: Deadline, now: number) {
  const size = (await stat(file)).size;
  const put = await fetch(url, {
    method: 'PUT',
    body: createReadStream(file) as unknown as RequestInit['body'],
    headers: { 'Content-Length': String(size), 'Content-Type': '' },
    duplex: 'half',
    signal: AbortSignal.timeout(Math.max(1, deadline.at - now)),
  } as RequestInit);
  if (!put.ok) throw new Error(`uploading the source failed: HTTP ${put.status}`);
}

function statusWord(status: unknown): string {
  return typeof status === 'string' ? sanitizeLine(status).slice(0, 40) : 'without a status';
}
