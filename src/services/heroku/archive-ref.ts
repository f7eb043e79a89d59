// A git ref as the tarball a build receives: resolved to a commit first, so no
// user-supplied text ever reaches git as anything but a revision to verify.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

export interface Archive {
  sha: string;
  file: string;
}

export async function archiveRef(repo: string, ref: string): Promise<Archive> {
  const verify = await execa('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
    cwd: repo,
    reject: false,
  });
  const sha = verify.stdout.trim();
  if (verify.exitCode !== 0 || !/^[0-9a-f]{40}$/.test(sha))
    throw new Error(`"${ref}" is not a branch, tag or commit in ${repo}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-source-'));
  const file = path.join(dir, `${sha}.tar.gz`);
  await execa('git', ['archive', '--format=tar.gz', '-o', file, sha], { cwd: repo });
  return { sha, file };
}
