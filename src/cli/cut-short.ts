// What to tell the user about a deploy, promotion or rollback that the local engine's
// stop cut short, from the releases read back once it returned. Pure wording.
import type { ActionOutcome, ReleaseSummary } from '../services/ports.js';

export type ReleaseVerb = 'deploy' | 'promotion' | 'rollback' | 'release';

/**
 * `made`: the release this action made, if it got that far; `serving`: the app's current
 * release now. A pending release is not decided here (the caller follows it).
 */
export function cutShortOutcome(
  verb: ReleaseVerb,
  made: ReleaseSummary | undefined,
  serving: ReleaseSummary | undefined,
): ActionOutcome {
  const serves = serving ? `v${serving.version ?? '?'} serves` : 'no release serves yet';
  if (!made)
    return { ok: false, reason: `the engine stopped during the ${verb}, before a release was made; ${serves}` };
  if (made.status === 'succeeded') return { ok: true, release: made };
  const what =
    made.status === 'failed'
      ? `v${made.version} was marked failed`
      : `the engine does not say how v${made.version} ended`;
  const reason = `the engine stopped during the release; ${what}, ${serves}`;
  return made.status === 'failed'
    ? { ok: false, reason, release: made }
    : { ok: false, reason, release: made, unknown: true };
}

export function engineDidNotReturn(verb: ReleaseVerb, lastUrl: string | undefined): ActionOutcome {
  const engine = lastUrl ? `the local engine (on ${lastUrl})` : 'the local engine';
  return {
    ok: false,
    unknown: true,
    reason: `${engine} stopped during the ${verb} and has not come back: "dynodeck engine start" starts it, and its releases then show how the ${verb} ended`,
  };
}
