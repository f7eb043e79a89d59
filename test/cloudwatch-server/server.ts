// A local stand-in for the CloudWatch API over real HTTP, for driving the real
// @aws-sdk/client-cloudwatch in tests: AWS JSON 1.0 (POST /, x-amz-target
// GraniteServiceVersion20100801.<Operation>), SigV4 checked against the credentials it hands
// out, NextToken paging, and faults a test can inject (Throttling, 500, expired credentials).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlarmStore } from './alarms.js';
import { CloudWatchError, errors, faultError, type Fault } from './errors.js';
import { MetricStore } from './metrics.js';
import { verifySignature, type SigningCredentials } from './sigv4.js';
import { DEFAULT_MAX_DATAPOINTS } from './metrics.js';

export const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

export interface CloudWatchRequestRecord {
  /** The operation from x-amz-target, or '' when there was none. */
  operation: string;
  status: number;
  /** The error's query code when it failed (Throttling, ExpiredToken, SignatureDoesNotMatch...). */
  error?: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface CloudWatchTestServerOptions {
  region?: string;
  /** Credentials it accepts besides the generated pair. */
  credentials?: SigningCredentials[];
  /** Datapoints per GetMetricData page (AWS: 100,800); small values exercise paging. */
  metricPageSize?: number;
  /** The server's clock for signature freshness, epoch ms; defaults to the real one. */
  now?: () => number;
}

export interface CloudWatchTestServer {
  /** http://127.0.0.1:<port>: AWS_ENDPOINT_URL_CLOUDWATCH. */
  readonly url: string;
  readonly region: string;
  /** A key pair it accepts (with no session token). */
  readonly credentials: SigningCredentials;
  readonly metrics: MetricStore;
  readonly alarms: AlarmStore;
  readonly requests: {
    /** Requests that reached an operation (signed or not). */
    readonly count: number;
    readonly log: readonly CloudWatchRequestRecord[];
    byOperation(operation: string): CloudWatchRequestRecord[];
    reset(): void;
  };
  addCredentials(credentials: SigningCredentials): void;
  /** From now on requests signed with this key get ExpiredToken. */
  expireCredentials(accessKeyId: string): void;
  /** The next `times` requests for `operation` ('*' for any) fail with `fault`. */
  failNext(operation: string, fault: Fault, times?: number): void;
  close(): Promise<void>;
}

export async function createCloudWatchTestServer(
  options: CloudWatchTestServerOptions = {},
): Promise<CloudWatchTestServer> {
  const region = options.region ?? 'eu-west-1';
  const now = options.now ?? Date.now;
  const pageSize = options.metricPageSize ?? DEFAULT_MAX_DATAPOINTS;
  const generated: SigningCredentials = {
    accessKeyId: 'AKIATESTCLOUDWATCH01',
    secretAccessKey: 'test/secret/key+for+the+cloudwatch+server',
  };
  const keys = new Map<string, SigningCredentials>([[generated.accessKeyId, generated]]);
  for (const c of options.credentials ?? []) keys.set(c.accessKeyId, c);
  const expired = new Set<string>();
  const faults: Array<{ operation: string; fault: Fault; times: number }> = [];
  const metrics = new MetricStore();
  const alarms = new AlarmStore();
  let log: CloudWatchRequestRecord[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => respond(req, res, Buffer.concat(chunks)));
  });

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': JSON_CONTENT_TYPE,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': `req-${log.length}`,
      date: new Date(now()).toUTCString(),
      ...headers,
    });
    res.end(text);
  }

  function respond(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const record: CloudWatchRequestRecord = { operation, status: 0, headers: { ...req.headers }, body: undefined };
    log.push(record);
    const fail = (error: CloudWatchError) => {
      record.status = error.shape.status;
      record.error = error.shape.queryCode;
      send(res, error.shape.status, error.body(), error.headers());
    };
    try {
      if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/') {
        res.writeHead(404).end();
        record.status = 404;
        return;
      }
      const check = verifySignature(
        { method: req.method, url: req.url ?? '/', headers: req.headers, body: raw },
        { region, service: 'monitoring', lookup: (id) => keys.get(id), now: now() },
      );
      if (!check.ok) {
        if (check.reason === 'missing') return fail(errors.missingAuthentication());
        if (check.reason === 'unknown-key' || check.reason === 'bad-token')
          return fail(errors.unrecognizedClient(check.detail));
        if (check.reason === 'malformed' || check.reason === 'wrong-scope')
          return fail(errors.incompleteSignature(check.detail));
        return fail(errors.invalidSignature(check.detail));
      }
      if (expired.has(check.accessKeyId)) return fail(errors.expiredToken());
      if (!String(req.headers['content-type'] ?? '').startsWith(JSON_CONTENT_TYPE) || !operation) {
        return fail(errors.unknownOperation());
      }
      let body: unknown;
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        return fail(errors.serialization('Start of structure or map found where not expected.'));
      }
      record.body = body;
      const fault = faults.find((f) => f.operation === '*' || f.operation === operation);
      if (fault) {
        if (--fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
        return fail(faultError(fault.fault, operation));
      }
      let output: unknown;
      if (operation === 'GetMetricData') output = metrics.getMetricData(body as never, pageSize);
      else if (operation === 'DescribeAlarms') output = alarms.describeAlarms(body as never);
      else return fail(errors.unknownOperation());
      record.status = 200;
      send(res, 200, output);
    } catch (error) {
      if (error instanceof CloudWatchError) return fail(error);
      fail(new CloudWatchError({ ...errors.internal().shape, message: `test server: ${String(error)}` }));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    region,
    credentials: generated,
    metrics,
    alarms,
    requests: {
      get count() {
        return log.filter((r) => r.operation).length;
      },
      get log() {
        return log;
      },
      byOperation: (op) => log.filter((r) => r.operation === op),
      reset() {
        log = [];
      },
    },
    addCredentials: (c) => keys.set(c.accessKeyId, c),
    expireCredentials: (id) => expired.add(id),
    failNext: (operation, fault, times = 1) => faults.push({ operation, fault, times }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
