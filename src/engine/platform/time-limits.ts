// How long a build, a release phase and a web process's boot may take before the
// engine gives up on them, from dynodeck.yml's platform.timeouts (Heroku's limits by
// default), and how a limit reads in a failure message ("timed out after 1h").
import { durationMs, type PlatformConfig } from '../../config/schema.js';

export interface TimeLimits {
  buildMs: number;
  releaseMs: number;
  bootMs: number;
}

/** Heroku's: builds 15 minutes, release phase 1 hour, web boot 60 seconds (R10). */
export const DEFAULT_TIME_LIMITS: TimeLimits = { buildMs: 15 * 60_000, releaseMs: 60 * 60_000, bootMs: 60_000 };

/** The configured limits; `overrides` (tests, in milliseconds) win over dynodeck.yml, which wins over the defaults. */
export function timeLimits(platform: PlatformConfig, overrides: Partial<TimeLimits> = {}): TimeLimits {
  const configured = platform.timeouts ?? {};
  const pick = (key: keyof TimeLimits, value: string | number | undefined) =>
    overrides[key] ?? (value === undefined ? DEFAULT_TIME_LIMITS[key] : durationMs(value));
  return {
    buildMs: pick('buildMs', configured.build),
    releaseMs: pick('releaseMs', configured.release),
    bootMs: pick('bootMs', configured.boot),
  };
}

/** 3600000 -> "1h", 900000 -> "15m", 90000 -> "90s": the way the limit would be written in dynodeck.yml. */
export function formatLimit(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}
