// Follows a release to its end: its release phase output while it runs, then its status,
// polled at the budget's pace, until it is no longer pending or the deadline passes.
import type * as Heroku from '@heroku-cli/schema';
import type { HerokuClient } from './heroku-api.js';
import { followStreamUntil } from './follow-stream.js';
import { patiently, pause, pacedInterval, TimeLimitReached, type Deadline, type Patience } from './patience.js';

export interface ReleaseWatch {
  deadline: Deadline;
  patience: Patience;
  onOutput(line: string): void;
  /** The release phase is running and its output is being followed. */
  onReleasePhaseStart?(release: Heroku.Release): void;
  /** The release phase's output has ended: what is left is starting the new processes. */
  onReleasePhaseEnd?(release: Heroku.Release): void;
}

/** Returns the release once it is not pending; throws TimeLimitReached past the deadline. */
export async function followRelease(
  client: HerokuClient,
  appPath: string,
  first: Heroku.Release,
  watch: ReleaseWatch,
): Promise<Heroku.Release> {
  const { deadline, patience: p } = watch;
  const follow = async (url: string) => followStreamUntil(url, watch.onOutput, p.clock, deadline.at).ended;
  const path = releasePath(appPath, first);
  let release = first;
  let followed = false;
  while (release.status === 'pending') {
    if (release.output_stream_url && !followed) {
      followed = true;
      watch.onReleasePhaseStart?.(release);
      await follow(release.output_stream_url);
      watch.onReleasePhaseEnd?.(release);
    } else {
      const left = deadline.at - p.clock.now();
      if (left <= 0) throw new TimeLimitReached(deadline);
      await pause(p.clock, Math.min(left, pacedInterval(p.intervalMs, p.budget())));
    }
    release = (await patiently(() => client.get(path), 'read', deadline, p)) as Heroku.Release;
  }
  // A quick release phase can end before we look: its output is still worth showing.
  if (!followed && release.output_stream_url) await follow(release.output_stream_url);
  return release;
}

function releasePath(appPath: string, release: Heroku.Release): string {
  return `${appPath}/releases/${release.id}`;
}
