// A repository as busy as the budget benchmark's: many open issues (some with criteria
// and complexity labels), open pull requests with reviews and finished checks, and
// some recently closed issues and merged pull requests.
import type { World } from './world.js';

export function seedBusyRepo(world: World, opts: { issues: number; pulls: number; closed?: number }): void {
  const complexities = ['complexity: trivial', 'complexity: standard', 'complexity: complex'];
  for (let i = 0; i < opts.issues; i++) {
    world.addIssue({
      title: `Issue ${i + 1}`,
      body: `Something to do.\n\n## Acceptance criteria\n- [x] first\n- [ ] second\n`,
      labels: i % 4 === 3 ? [] : [complexities[i % 3]!],
      assignee: i % 2 === 0 ? 'ann' : undefined,
    });
  }
  for (let i = 0; i < (opts.closed ?? 10); i++) {
    const issue = world.addIssue({ title: `Done ${i + 1}`, body: 'Done.' });
    world.closeIssue(issue.number);
  }
  for (let i = 0; i < opts.pulls; i++) {
    const closes = 1 + i;
    const pr = world.addPull({
      title: `Work on #${closes}`,
      body: `Fixes #${closes}`,
      head: `feature/${closes}-work`,
      requestedReviewers: i % 3 === 0 ? ['dana'] : [],
    });
    if (i % 3 === 1) world.review(pr.number, 'bob', 'APPROVED');
    if (i % 3 === 2) world.review(pr.number, 'cy', 'CHANGES_REQUESTED');
    const sha = pr.pull!.headSha;
    world.addCheckRun(sha, 'test (20.x)', { conclusion: i % 5 === 4 ? 'failure' : 'success' });
    world.addCheckRun(sha, 'lint', { conclusion: 'success' });
    world.setStatus(sha, 'ci/coverage', 'success');
  }
}
