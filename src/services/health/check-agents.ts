// The connections synthetic checks are sent over: one kept-alive agent per protocol, so a
// check every few seconds reuses one TCP (and TLS) connection instead of opening a new one.
import http from 'node:http';
import https from 'node:https';

/**
 * An idle connection is closed after this long: under the 90 s after which Heroku's Router 2.0
 * closes idle connections (devcenter.heroku.com/articles/http-routing#keepalives), so the deck
 * closes first; sooner when the server announces a shorter `Keep-Alive: timeout=N` (Node's
 * agent keeps it a second under that). Idle sockets are unref'd: they keep no command running.
 */
export const CHECK_IDLE_MS = 60_000;

interface CheckAgents {
  http: http.Agent;
  https: https.Agent;
  /** For the one retry after a kept-alive connection was lost: a new connection, closed after use. */
  httpFresh: http.Agent;
  httpsFresh: https.Agent;
}

let agents: CheckAgents | undefined;

export function checkAgents(): CheckAgents {
  agents ??= {
    http: new http.Agent({ keepAlive: true, timeout: CHECK_IDLE_MS }),
    https: new https.Agent({ keepAlive: true, timeout: CHECK_IDLE_MS }),
    httpFresh: new http.Agent({ keepAlive: false }),
    httpsFresh: new https.Agent({ keepAlive: false }),
  };
  return agents;
}
