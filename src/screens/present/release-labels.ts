// How a release's parts read when the platform did not send them: "v?", "?", never a
// made-up number, 1970 or "succeeded".
import { formatAge } from './format-age.js';

/** "v12"; "v?" when the version is unknown. */
export function versionLabel(version: number | undefined): string {
  return version === undefined ? 'v?' : `v${version}`;
}

/** A compact age ("3h"); "?" when the time is unknown. */
export function ageLabel(now: number, at: number | undefined): string {
  return at === undefined ? '?' : formatAge(now - at);
}

/** The name before the @ of an email; "?" when unknown. */
export function userLabel(user: string | undefined): string {
  return user ? (user.split('@')[0] ?? user) : '?';
}
