// What of an action's details the audit log keeps: the deck's own words and references,
// never free text from outside. A failure's reason (which may hold a build's output, a
// platform's message, or a config var value a script printed) is cut to the deck's words
// ("build failed"), and only the detail keys listed here are written: a new one must be
// added here to be recorded, so nothing reaches the file by accident.

/** The deck's words that begin a failure's reason, in the order they are tried. */
const REASON_WORDS = [
  'stopped by the test gate',
  'build failed',
  'release failed',
  'the release phase failed',
  'the promotion failed',
] as const;

/** What a reason becomes when it does not start with the deck's own words (an error from elsewhere). */
export const OTHER_FAILURE = 'failed (the reason is shown in the deck and the command output, not kept here)';

/** Detail keys written, each a name, a ref, a version, a flag or a count from the deck itself. */
const KEPT = new Set([
  'ref',
  'skipTests',
  'override',
  'via',
  'from',
  'release',
  'releaseId',
  'build',
  'formation',
  'target',
  'maintenance',
  'resumed',
  'reason',
  'pullRequest',
  'method',
  'sha',
  'deployment',
  'githubRelease',
  'force',
]);

/** Longest string value kept: references and names, not prose. */
const MAX_VALUE = 120;

export type AuditDetail = Record<string, string | number | boolean>;

export function auditReason(reason: string): string {
  const text = reason.trim().toLowerCase();
  const words = REASON_WORDS.find((w) => text === w || text.startsWith(`${w}:`) || text.startsWith(`${w} `));
  return words ?? OTHER_FAILURE;
}

export function auditDetail(detail: Record<string, string | number | boolean | undefined>): AuditDetail | undefined {
  const kept: AuditDetail = {};
  for (const [key, value] of Object.entries(detail)) {
    if (value === undefined || !KEPT.has(key)) continue;
    if (key === 'reason') kept.reason = auditReason(String(value));
    else if (typeof value === 'string') kept[key] = referenceText(value);
    else kept[key] = value;
  }
  return Object.keys(kept).length ? kept : undefined;
}

/** A name or reference as written, without controls, cut to a reference's length. */
function referenceText(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return clean.length > MAX_VALUE ? `${clean.slice(0, MAX_VALUE - 1)}…` : clean;
}
