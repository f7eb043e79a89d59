// The engine's CloudWatch API on 127.0.0.1: AWS JSON 1.0 as @aws-sdk/client-cloudwatch speaks it
// (POST /, content-type application/x-amz-json-1.0, x-amz-target
// GraniteServiceVersion20100801.<Operation>), every request SigV4-signed with the key pair the
// engine wrote for the deck. Operations: GetMetricData, DescribeAlarms, DescribeAlarmHistory.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { AlarmBook } from './alarm-book.js';
import { CloudWatchFault, faults } from './errors.js';
import { getMetricData } from './get-metric-data.js';
import type { MetricStore } from './metric-store.js';
import { verifySigV4, type AccessKey } from './sigv4.js';

export const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
export const AWS_JSON = 'application/x-amz-json-1.0';
const MAX_BODY_BYTES = 1024 * 1024;

export interface CloudWatchServerOptions {
  region: string;
  key: AccessKey;
  store: MetricStore;
  alarms: AlarmBook;
  now?: () => number;
  /** Before answering (the engine brings metrics up to date, say). */
  beforeRead?: () => Promise<void>;
}

export interface CloudWatchServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startCloudWatchServer(opts: CloudWatchServerOptions, port = 0): Promise<CloudWatchServer> {
  const now = opts.now ?? Date.now;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      void respond(req, res, size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)).catch((error: unknown) =>
        send(res, faults.internal(String(error))),
      );
    });
  });

  function send(res: ServerResponse, outcome: CloudWatchFault | { body: unknown }) {
    if (res.headersSent) return;
    const isFault = outcome instanceof CloudWatchFault;
    const text = JSON.stringify(isFault ? { __type: outcome.type, message: outcome.message } : outcome.body);
    res.writeHead(isFault ? outcome.status : 200, {
      'content-type': AWS_JSON,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
      date: new Date(now()).toUTCString(),
      ...(isFault ? { 'x-amzn-query-error': `${outcome.queryCode};${outcome.fault}` } : {}),
    });
    res.end(text);
  }

  async function respond(req: IncomingMessage, res: ServerResponse, body: Buffer | undefined) {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://engine.invalid').pathname !== '/') {
      res.writeHead(404, { 'content-length': 0 }).end();
      return;
    }
    if (!body) return send(res, faults.serialization('The request body is too large.'));
    const verdict = verifySigV4(
      { method: req.method, url: req.url ?? '/', headers: req.headers, body },
      {
        region: opts.region,
        service: 'monitoring',
        keys: (id) => (id === opts.key.accessKeyId ? opts.key : undefined),
        now: now(),
      },
    );
    if (!verdict.ok) {
      switch (verdict.problem) {
        case 'missing':
          return send(res, faults.missingAuthentication());
        case 'malformed':
          return send(res, faults.incompleteSignature(verdict.message));
        case 'unknown-key':
          return send(res, faults.unrecognizedClient(verdict.message));
        case 'stale':
        case 'mismatch':
          return send(res, faults.signatureDoesNotMatch(verdict.message));
      }
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    if (!target.startsWith(TARGET_PREFIX) || !String(req.headers['content-type'] ?? '').startsWith(AWS_JSON))
      return send(res, faults.unknownOperation());
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return send(res, faults.serialization('Start of structure or map found where not expected.'));
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      return send(res, faults.serialization('Start of structure or map found where not expected.'));
    try {
      await opts.beforeRead?.();
      switch (target.slice(TARGET_PREFIX.length)) {
        case 'GetMetricData':
          return send(res, { body: getMetricData(opts.store, input as never) });
        case 'DescribeAlarms':
          return send(res, { body: opts.alarms.describeAlarms(input as never) });
        case 'DescribeAlarmHistory':
          return send(res, { body: opts.alarms.describeAlarmHistory(input as never) });
        default:
          return send(res, faults.unknownOperation());
      }
    } catch (error) {
      if (error instanceof CloudWatchFault) return send(res, error);
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
