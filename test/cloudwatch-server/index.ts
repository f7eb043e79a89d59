// A local CloudWatch API for tests: see server.ts.
export {
  createCloudWatchTestServer,
  type CloudWatchRequestRecord,
  type CloudWatchTestServer,
  type CloudWatchTestServerOptions,
} from './server.js';
export { CloudWatchError, errors, type Fault } from './errors.js';
export { verifySignature, type SigningCredentials } from './sigv4.js';
export type { Datapoint } from './metrics.js';
