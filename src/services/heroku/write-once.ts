// A write to Heroku (a build, a release, a promotion, a formation or app change, a dyno
// restart, a source) is sent once. When it fails in a way that leaves its outcome open (no
// answer, a reset connection, a 5xx), the state is read back and the error says what it
// shows, so the user decides what to do next instead of the deck guessing or re-sending.
import { describeApiError } from './heroku-api.js';

/** A write that may or may not have been carried out; its message says what the state shows. */
export class UncertainWriteError extends Error {
  readonly uncertain = true;
}

// Failures that happen before a single byte of the request left this machine.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);
const TLS_FAILURE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_)/;

/** Whether Heroku may have carried out a write that failed with `error`. */
export function mayHaveReachedHeroku(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: string };
  // Heroku answered: a 4xx refuses the request (a 429 before doing anything); a 5xx says
  // nothing about what was done before the error.
  if (typeof e?.statusCode === 'number') return e.statusCode >= 500;
  const code = typeof e?.code === 'string' ? e.code : '';
  return !(NEVER_SENT.has(code) || TLS_FAILURE.test(code));
}

/** "socket hang up (ECONNRESET)", "502 bad_gateway: …": the failure in a few words. */
export function describeFailure(error: unknown): string {
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (typeof e?.statusCode === 'number') return describeApiError(error);
  const message = e?.message ?? String(error);
  return e?.code && !message.includes(e.code) ? `${message} (${e.code})` : message;
}

export interface ReadBack {
  /** What is read, for when reading fails too: "the releases of shop-staging". */
  what: string;
  /** A clause about the state now: "the releases list shows v13 (Deploy 1a2b3c4) pending". */
  describe(): Promise<string>;
}

/**
 * Sends `send` once. A failure that Heroku certainly refused is thrown as it is; one that
 * may have been carried out becomes an UncertainWriteError after the state is read back.
 */
export async function writeOnce<T>(what: string, send: () => Promise<T>, readBack: ReadBack): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!mayHaveReachedHeroku(error)) throw error;
    let state: string;
    try {
      state = await readBack.describe();
    } catch (readError) {
      state = `reading ${readBack.what} back failed too (${describeFailure(readError)}): look there before trying again`;
    }
    throw new UncertainWriteError(
      `${what} got no clear answer (${describeFailure(error)}). The request may have reached Heroku; ${state}. dynodeck did not send it again.`,
      { cause: error },
    );
  }
}
