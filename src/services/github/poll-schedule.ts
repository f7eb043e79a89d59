// How often the deck reads GitHub, chosen so an idle repository costs almost nothing:
// every read is conditional (If-None-Match), and GitHub does not count a 304 against
// the 5,000 requests an hour. Measured by bench/github-budget.mjs for 200 open issues
// and 30 open pull requests: see bench/README.md.
//
// - tickets, every minute: the open issues (3 pages of 100 for 230 issues + pull
//   requests) and the issues closed in the last 14 days (its `since` is rounded down to
//   the day, so the URL, and with it the ETag, stays the same all day);
// - pull requests, every minute: the open ones (one page) and the 100 most recently
//   updated closed ones (merged state, squash merges included);
// - each open pull request's review (the pull request itself for mergeable, and its
//   reviews) and checks (check runs and combined status of its head): when the list
//   shows it changed (new head or updated_at), while its checks are pending or GitHub
//   has not worked out mergeable, and otherwise every 5 minutes (check runs finishing do
//   not change a pull request's updated_at, so they need a read of their own).
export const GITHUB_POLL_SCHEDULE = {
  ticketsMs: 60_000,
  pullRequestsMs: 60_000,
  pullRequestDetailsMs: 5 * 60_000,
  closedIssueDays: 14,
  closedPullRequests: 100,
} as const;

export type GitHubPollSchedule = { -readonly [K in keyof typeof GITHUB_POLL_SCHEDULE]: number };

/** The `since` for recently closed issues: the start of the UTC day `days` ago (stable all day). */
export function closedSince(now: number, days: number): string {
  const day = 86_400_000;
  return new Date(Math.floor((now - days * day) / day) * day).toISOString();
}
