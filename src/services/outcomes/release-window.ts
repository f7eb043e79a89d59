// Enough of an environment's releases to cover a period, plus the one live before it (the
// baseline its first release is compared with). The platform lists releases newest first,
// up to a count per request (Heroku: a Range of at most 1,000); ask for more only while the
// oldest one read is still inside the period, and about as many more as the period needs.
import type { Platform, ReleaseSummary } from '../ports.js';

/** Heroku's largest page. */
export const MAX_RELEASES = 1000;
const FIRST_ASK = 50;

export interface ReleaseWindow {
  /** Newest first, as the platform gives them. */
  releases: ReleaseSummary[];
  /** True when these are all the environment ever had. */
  complete: boolean;
  /** True when the period reaches further back than could be read. */
  truncated: boolean;
}

export async function releasesCovering(
  platform: Pick<Platform, 'releases'>,
  env: string,
  from: number,
): Promise<ReleaseWindow> {
  let ask = FIRST_ASK;
  for (;;) {
    const releases = await platform.releases(env, ask);
    const complete = releases.length < ask || releases.some((r) => r.version === 1);
    const times = releases.flatMap((r) => (r.createdAt === undefined ? [] : [r.createdAt]));
    const oldest = Math.min(...times);
    const newest = Math.max(...times);
    // One succeeded release from before the period says what was live when it began.
    const reachesBack = releases.some(
      (r) => r.createdAt !== undefined && r.createdAt < from && r.status === 'succeeded',
    );
    if (complete || reachesBack || ask >= MAX_RELEASES) {
      return { releases, complete, truncated: !complete && !reachesBack && oldest >= from };
    }
    // Each release read costs API calls (its slug's commit), so ask for about what the
    // pace so far says the period holds, with a margin, rather than blindly more.
    const perMs = releases.length / Math.max(1, newest - oldest);
    const estimate = Math.ceil(perMs * (newest - from) * 1.25) + 1;
    ask = Math.min(MAX_RELEASES, Math.max(ask * 2, estimate));
  }
}
