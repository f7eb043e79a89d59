// Keys of `platform:` that mean something for one kind of platform only. Written for the
// other kind they would be ignored without a word, so they are config errors, reported at
// the key like every other problem. A key added to the schema for one kind goes here too.
import type { PlatformKind } from './schema.js';

const ONLY_FOR: Record<string, { kind: PlatformKind; why: string }> = {
  boxes: { kind: 'local', why: "on Heroku the feature boxes are the pipeline's review and development apps" },
  build: { kind: 'local', why: "Heroku builds with the app's buildpacks" },
  basePort: { kind: 'local', why: 'Heroku apps are reached at their own URLs' },
  timeouts: {
    kind: 'local',
    why: "Heroku's own limits apply (dynodeck waits up to 30 min for a build and an hour and 5 min for a release phase)",
  },
  pipeline: { kind: 'heroku', why: 'the local engine runs the environments this file describes' },
  apps: { kind: 'heroku', why: 'the local engine names its apps after the project' },
};

/** Keys present in the raw `platform:` mapping that its kind (default local) does not use. */
export function platformKeyProblems(platform: unknown): Array<{ key: string; message: string }> {
  if (platform === null || typeof platform !== 'object' || Array.isArray(platform)) return [];
  const section = platform as Record<string, unknown>;
  const kind = section.kind ?? 'local';
  if (kind !== 'local' && kind !== 'heroku') return []; // the schema reports a wrong kind
  return Object.keys(section).flatMap((key) => {
    const only = ONLY_FOR[key];
    if (!only || only.kind === kind || section[key] === undefined) return [];
    return [{ key, message: `means nothing with kind: ${kind} (${only.why}); remove it, or set kind: ${only.kind}` }];
  });
}
