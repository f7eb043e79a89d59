// Whether a web dyno has booted: its port accepts a TCP connection and, when a
// path is given, an HTTP GET of it answers below 500.
import { request } from 'node:http';
import { connect } from 'node:net';

const PROBE_TIMEOUT_MS = 2000;

export function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function pathAnswers(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', agent: false, timeout: PROBE_TIMEOUT_MS },
      (res) => {
        res.resume();
        resolve((res.statusCode ?? 500) < 500);
      },
    );
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

export async function hasBooted(port: number, path: string | undefined): Promise<boolean> {
  if (!(await portAccepts(port))) return false;
  return path === undefined || pathAnswers(port, path);
}
