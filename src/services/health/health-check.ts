// A synthetic check, like an uptime monitor: request the environment's health path and
// record the status and how long it took. Never throws; a failure is a result too.
import type { CheckResult } from '../../metrics/types.js';

export async function runHealthCheck(
  url: string,
  opts: { timeoutMs?: number; now?: () => number } = {},
): Promise<CheckResult> {
  const now = opts.now ?? Date.now;
  const started = performance.now();
  const time = now();
  try {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
      headers: { 'User-Agent': 'dynodeck-check' },
    });
    await res.arrayBuffer();
    const latencyMs = Math.round(performance.now() - started);
    return {
      time,
      ok: res.status < 500,
      status: res.status,
      latencyMs,
      ...(res.status >= 500 ? { error: `HTTP ${res.status}` } : {}),
    };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    const e = error as Error;
    return {
      time,
      ok: false,
      latencyMs,
      error:
        e.name === 'TimeoutError'
          ? `no answer within ${Math.round((opts.timeoutMs ?? 5000) / 1000)} s`
          : ((e.cause as Error | undefined)?.message ?? e.message),
    };
  }
}
