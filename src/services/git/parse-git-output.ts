// Pure parsers for the git commands the code host runs. Formats live here next
// to their parsers so the two cannot drift apart.
import type { CommitSummary } from '../../domain/branch.js';

const HEADS = 'refs/heads/';

/**
 * Full refname rather than refname:short: short names get a `heads/` prefix
 * when a tag of the same name exists, which would hide the branch.
 */
export const FOR_EACH_REF_FORMAT = '%(refname)%00%(objectname)%00%(subject)%00%(authorname)%00%(committerdate:unix)';

/** Local branches by name, each with its tip commit. */
export function parseForEachRef(stdout: string): Map<string, CommitSummary> {
  const branches = new Map<string, CommitSummary>();
  for (const line of stdout.split('\n')) {
    const fields = line.split('\0');
    if (fields.length !== 5) continue;
    const [refname = '', sha = '', subject = '', author = '', seconds = ''] = fields;
    if (!refname.startsWith(HEADS) || !/^[0-9a-f]{40,64}$/.test(sha)) continue;
    const date = Number(seconds) * 1000;
    branches.set(refname.slice(HEADS.length), {
      sha,
      subject,
      author,
      date: Number.isFinite(date) ? date : 0,
    });
  }
  return branches;
}

/** `git rev-list --left-right --count <main>...<branch>` prints "<behind>\t<ahead>". */
export function parseLeftRightCount(stdout: string): { ahead: number; behind: number } {
  const match = /^\s*(\d+)\s+(\d+)\s*$/.exec(stdout);
  if (!match) throw new Error(`unexpected rev-list count output: ${JSON.stringify(stdout.slice(0, 80))}`);
  return { behind: Number(match[1]), ahead: Number(match[2]) };
}

/** One sha per line, as `git rev-list` prints them. */
export function parseShaList(stdout: string): Set<string> {
  const shas = new Set<string>();
  for (const line of stdout.split('\n')) {
    const sha = line.trim();
    if (sha) shas.add(sha);
  }
  return shas;
}
