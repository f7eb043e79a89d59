// Which failures mean "the server went away" rather than "the server said no": the code
// of a Node socket error, wherever it sits in the error's cause chain (fetch wraps it in
// a TypeError, heroku-client passes it through, adapters may wrap it again).
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The socket error code behind `error`, if it is a lost or refused connection. */
export function connectionErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isConnectionError(error: unknown): boolean {
  return connectionErrorCode(error) !== undefined;
}

/** Refused: nothing listened, so the request provably never reached a server. */
export function wasRefused(error: unknown): boolean {
  return connectionErrorCode(error) === 'ECONNREFUSED';
}
