// A read-only deck (the on-call screen) or read-only environments: commands that change an
// environment are refused with the reason, in the deck and in the headless commands alike.
import type { EnvironmentSnapshot } from '../services/ports.js';

export interface ReadOnlySetting {
  /** The whole deck (`--read-only` or `readOnly: true`). */
  all: boolean;
  /** Environment names or stages (`readOnly: [production]`). */
  environments: readonly string[];
}

export const NOT_READ_ONLY: ReadOnlySetting = { all: false, environments: [] };

/** Why `env` may not be changed, or undefined when it may. */
export function readOnlyReason(
  setting: ReadOnlySetting,
  env?: Pick<EnvironmentSnapshot, 'name' | 'stage'>,
): string | undefined {
  if (setting.all) return 'read-only deck';
  if (env && setting.environments.some((e) => e === env.name || e === env.stage))
    return `${env.name} is read-only (readOnly in dynodeck.yml)`;
  return undefined;
}

/** For the header and the help: what is read-only, or undefined when nothing is. */
export function readOnlySummary(setting: ReadOnlySetting): string | undefined {
  if (setting.all) return 'the whole deck';
  return setting.environments.length ? setting.environments.join(', ') : undefined;
}

/** From `readOnly:` in dynodeck.yml (`true`, or a list of environment names or stages). */
export function readOnlySetting(value: boolean | readonly string[]): ReadOnlySetting {
  return typeof value === 'boolean' ? { all: value, environments: [] } : { all: false, environments: value };
}
