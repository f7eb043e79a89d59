// Enough of an environment's releases to cover a period, plus the one live before it (the
// baseline its first release is compared with). The platform lists releases newest first,
// up to a count per request (Heroku: a Range of at most 1,000); ask for more only while the
// oldest one read is still inside the period.
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
    const oldest = releases.reduce<ReleaseSummary | undefined>(
      (min, r) => (!min || r.version < min.version ? r : min),
      undefined,
    );
    // One succeeded release from before the period says what was live when it began.
    const reachesBack = releases.some((r) => r.createdAt < from && r.status === 'succeeded');
    if (complete || reachesBack || ask >= MAX_RELEASES) {
      return { releases, complete, truncated: !complete && !reachesBack && (oldest?.createdAt ?? 0) >= from };
    }
    ask = Math.min(MAX_RELEASES, ask * 4);
  }
}
