// The release an environment serves now, by version, as the alert rules read it.
import type { EnvironmentSnapshot } from '../services/ports.js';

/** The current release's version when the platform says it went live; undefined when it does not say. */
export function servingVersion(env: Pick<EnvironmentSnapshot, 'release'>): number | undefined {
  return env.release?.status === 'succeeded' ? env.release.version : undefined;
}
