// Which environments run a given commit (a merged pull request's merge or squash commit):
// those whose release commit has it as an ancestor in the local repository. This places
// tickets without a branch of their own (GitHub issues) once their pull request merged,
// so "in production" stays visible. A commit this clone lacks (not fetched yet) is
// nowhere, never guessed.
import { createGitRunner, forEachLimited, type GitRunner } from './run-git.js';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export async function commitLocations(opts: {
  repo: string;
  commits: ReadonlyArray<{ ticket: string; sha: string }>;
  environments: ReadonlyArray<{ name: string; commit: string }>;
  run?: GitRunner;
}): Promise<Map<string, string[]>> {
  const run = opts.run ?? createGitRunner(opts.repo);
  const result = new Map<string, string[]>();
  const envs = opts.environments.filter((e) => SHA.test(e.commit));
  const pairs = opts.commits.filter((c) => SHA.test(c.sha)).flatMap((c) => envs.map((env) => ({ ...c, env })));
  await forEachLimited(pairs, 4, async ({ ticket, sha, env }) => {
    const inside = sha === env.commit || (await run(['merge-base', '--is-ancestor', sha, env.commit])).exitCode === 0;
    if (!inside) return;
    const names = result.get(ticket) ?? [];
    if (!names.includes(env.name)) names.push(env.name);
    result.set(ticket, names);
  });
  // In the environments' order, whatever order git answered in.
  for (const [ticket, names] of result)
    result.set(
      ticket,
      envs.map((e) => e.name).filter((n) => names.includes(n)),
    );
  return result;
}
