// A synthetic check, like an uptime monitor: request the environment's health path and
// record the status and how long it took. Never throws; a failure is a result too.
//
// Checks go over kept-alive connections (check-agents.ts): a check every 5 s on a new TCP
// connection each time paid a connect (and fetch's 4 s idle limit closed every connection
// just before the next check), for the deck and for the router it checks.
import http from 'node:http';
import https from 'node:https';
import type { CheckResult } from '../../metrics/types.js';
import { checkAgents } from './check-agents.js';

export async function runHealthCheck(
  url: string,
  opts: { timeoutMs?: number; now?: () => number } = {},
): Promise<CheckResult> {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const started = performance.now();
  const time = now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const status = await getStatus(url, signal);
    const latencyMs = Math.round(performance.now() - started);
    return {
      time,
      ok: status < 500,
      status,
      latencyMs,
      ...(status >= 500 ? { error: `HTTP ${status}` } : {}),
    };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    return {
      time,
      ok: false,
      latencyMs,
      error: signal.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s` : (error as Error).message,
    };
  }
}

/** The status of a GET whose body is read to its end, so its connection can serve the next check. */
async function getStatus(url: string, signal: AbortSignal): Promise<number> {
  try {
    return await getOnce(url, signal, false);
  } catch (error) {
    // A kept-alive connection the server closed just as the request went out: the request never
    // reached the app, so it is sent once more, on a new connection. Not a failed check.
    if (error instanceof ReusedConnectionLost && !signal.aborted) return getOnce(url, signal, true);
    throw error instanceof ReusedConnectionLost ? error.cause : error;
  }
}

class ReusedConnectionLost extends Error {}

function getOnce(url: string, signal: AbortSignal, fresh: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const agents = checkAgents();
    const req = (secure ? https : http).request(target, {
      method: 'GET',
      agent: fresh ? (secure ? agents.httpsFresh : agents.httpFresh) : secure ? agents.https : agents.http,
      headers: { 'User-Agent': 'dynodeck-check', Accept: '*/*' },
      signal,
    });
    req.on('response', (res) => {
      res.on('error', reject);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.resume();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const lost = error.code === 'ECONNRESET' || error.code === 'EPIPE';
      if (lost && req.reusedSocket && !fresh) reject(new ReusedConnectionLost(error.message, { cause: error }));
      else reject(error);
    });
    req.end();
  });
}
