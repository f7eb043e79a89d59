// What a release was, from the words the platform gives it. Heroku (and the local engine)
// describe a build's release as "Deploy 1a2b3c4", a pipeline promotion as
// "Promote <app> v12", a rollback as "Rollback to v11"; config changes and add-ons make
// releases too ("Set FOO config vars"), which change no code and are not deployments.

export type ReleaseKind = 'deploy' | 'promote' | 'rollback' | 'other';

export interface ReleaseClass {
  kind: ReleaseKind;
  /** For a rollback: the version it went back to. */
  rollbackTo?: number;
}

const ROLLBACK = /^\s*rollback to v(\d+)\b/i;
// "Deploy 1a2b3c4" (builds) and "Deployed web (1a2b3c4d)" (container releases).
const DEPLOY = /^\s*deploy(?:ed)?\b/i;
const PROMOTE = /^\s*promote\b/i;

export function classifyRelease(description: string): ReleaseClass {
  const rollback = ROLLBACK.exec(description);
  if (rollback) return { kind: 'rollback', rollbackTo: Number(rollback[1]) };
  if (DEPLOY.test(description)) return { kind: 'deploy' };
  if (PROMOTE.test(description)) return { kind: 'promote' };
  return { kind: 'other' };
}

/** A deployment in DORA's sense: new code put live (a deploy or a promotion), not a rollback. */
export function isChange(description: string): boolean {
  const { kind } = classifyRelease(description);
  return kind === 'deploy' || kind === 'promote';
}
