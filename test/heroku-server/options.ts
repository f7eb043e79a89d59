// What a test seeds the server with and how it behaves.
export type Stage = 'development' | 'review' | 'staging' | 'production' | 'test';
export type LogFormat = 'sse' | 'text';
/** Release fields a body can lack (an API that sends less than its schema, or an old record). */
export type ReleaseField = 'status' | 'created_at' | 'user' | 'version';
export type DynoField = 'state' | 'created_at';

export interface SeedRelease {
  description?: string;
  /** The commit of the release's slug (none: a release without code, like a config change). */
  commit?: string;
  status?: 'succeeded' | 'failed';
  user?: string;
  /** Sent without these fields. */
  without?: ReleaseField[];
  /** created_at as sent, valid or not (default: a minute after the one before). */
  createdAt?: string;
}

export interface SeedApp {
  name: string;
  id?: string;
  /** Coupled to the pipeline at this stage; without one the app is outside the pipeline. */
  stage?: Stage;
  /** Review apps: the branch and pull request they were made for. */
  branch?: string;
  prNumber?: number;
  maintenance?: boolean;
  /** Process types with their quantity (and size). Default `{ web: 1 }`. */
  formation?: Record<string, number | { quantity: number; size?: string }>;
  /** Releases already made: a count (all deploys that succeeded) or each one. Default 1. */
  releases?: number | SeedRelease[];
  configVars?: Record<string, string>;
  /** Lines already in the app's log (`<timestamp> <source>[<dyno>]: <message>`). */
  logs?: string[];
  /** Whether the seeded slugs' Procfile declares `release:` (default true). */
  releasePhase?: boolean;
  /** The token cannot see this app: every request about it answers 403. */
  forbidden?: boolean;
  /** Every release of the app, seeded or new, is sent without these fields. */
  releasesWithout?: ReleaseField[];
  /** Every dyno of the app is sent without these fields. */
  dynosWithout?: DynoField[];
}

export interface HerokuTestServerOptions {
  /** The API token a client must present (default "heroku-test-token"). */
  token?: string;
  pipeline?: { name: string; id?: string };
  apps?: SeedApp[];
  /** Heroku's defaults: 4,500 tokens, about 75 a minute. */
  rateLimit?: { capacity?: number; perMinute?: number };
  /** The clock the rate limit refills by (default Date.now). */
  now?: () => number;
  /** How log sessions stream (default "sse"); `setLogFormat` changes it later. */
  logFormat?: LogFormat;
  /** What an expired log session answers (Heroku answers 403 or 404; default 404). */
  expiredSessionStatus?: number;
  /** Builds fail (with this message when a string). */
  failBuild?: boolean | string;
  /** Release phases fail (with this output line when a string). */
  failReleasePhase?: boolean | string;
  /** Builds start, write their first line and never end (a stuck build). */
  hangBuilds?: boolean;
  /** Release phases start, write a line or two and never end (a stuck migration). */
  hangReleasePhase?: boolean;
  /** Promotions stay pending with no release on their targets. */
  hangPromotions?: boolean;
  /** Pace of builds, release phases, promotions and dyno boots, in ms per step (default 15). */
  stepMs?: number;
  /**
   * Conditional reads. "honoured" (Heroku's documented manner, the default): every 2xx read
   * carries an ETag and If-None-Match gets 304 Not Modified, free of budget. "ignored": ETags
   * are sent but every read is answered 200 in full. "none": no ETags at all.
   */
  etags?: 'honoured' | 'ignored' | 'none';
  /** Who the token belongs to. */
  user?: { email: string; id?: string };
}
