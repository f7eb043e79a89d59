// What a test seeds the GitHub-like server with and how it behaves.

export interface SeedIssue {
  title: string;
  body?: string;
  labels?: string[];
  assignee?: string;
  author?: string;
  state?: 'open' | 'closed';
  /** ISO times; default: the server's clock when seeded. */
  createdAt?: string;
  closedAt?: string;
}

export interface SeedPull {
  title: string;
  body?: string;
  /** The head branch (created from the base's tip, with `commits` commits on it). */
  head: string;
  base?: string;
  author?: string;
  draft?: boolean;
  commits?: number;
  requestedReviewers?: string[];
  requestedTeams?: string[];
  labels?: string[];
  /** false: conflicts with the base; null: not worked out yet. Default true. */
  mergeable?: boolean | null;
}

export interface GitHubTestServerOptions {
  owner?: string;
  repo?: string;
  /** The token a client must present (default "github-test-token"); its user is `user`. */
  token?: string;
  user?: string;
  defaultBranch?: string;
  /** Which merge methods the repository allows (default all three). */
  mergeMethods?: { merge?: boolean; squash?: boolean; rebase?: boolean };
  issues?: SeedIssue[];
  pulls?: SeedPull[];
  /** The primary rate limit: requests an hour (default 5,000). */
  rateLimit?: number;
  /** How long a rate-limit window lasts (GitHub: an hour). */
  rateWindowMs?: number;
  /** Status of an answer when the budget is spent (GitHub sends 403 or 429; default 403). */
  rateLimitStatus?: 403 | 429;
  /** The clock for timestamps and the rate-limit window (default Date.now). */
  now?: () => number;
  /** API paths start with this prefix (e.g. "/api/v3", as on GitHub Enterprise). */
  pathPrefix?: string;
}
