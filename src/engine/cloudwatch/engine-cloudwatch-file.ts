// cloudwatch.json: how the deck reaches the engine's CloudWatch API. Written by the engine
// beside its Heroku API token, readable by its owner only (0600): the endpoint (loopback, this
// run's port), the region it signs for, and an access key pair made once per project. The deck
// hands these to @aws-sdk/client-cloudwatch (endpoint + static credentials) as it would a real
// account's; nothing else about the local engine is special.
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../state/atomic-write.js';

export const ENGINE_CLOUDWATCH_FILE = 'cloudwatch.json';
export const ENGINE_REGION = 'us-east-1';

export interface EngineCloudWatch {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function engineCloudWatchFile(engineDir: string): string {
  return path.join(engineDir, ENGINE_CLOUDWATCH_FILE);
}

/** The key pair kept from earlier runs (or a new one), with this run's endpoint. */
export function writeEngineCloudWatch(file: string, endpoint: string): EngineCloudWatch {
  const existing = readEngineCloudWatch(file);
  const entry: EngineCloudWatch = {
    endpoint,
    region: ENGINE_REGION,
    accessKeyId: existing?.accessKeyId ?? `AKIA${randomBytes(10).toString('hex').toUpperCase().slice(0, 16)}`,
    secretAccessKey: existing?.secretAccessKey ?? randomBytes(30).toString('base64'),
  };
  writeFileAtomic(file, `${JSON.stringify(entry, null, 2)}\n`, 0o600);
  chmodSync(file, 0o600);
  return entry;
}

export function readEngineCloudWatch(file: string): EngineCloudWatch | undefined {
  try {
    const e = JSON.parse(readFileSync(file, 'utf8')) as Partial<EngineCloudWatch>;
    if (
      typeof e.endpoint === 'string' &&
      typeof e.region === 'string' &&
      typeof e.accessKeyId === 'string' &&
      typeof e.secretAccessKey === 'string'
    )
      return e as EngineCloudWatch;
  } catch {
    // absent or unreadable: no engine CloudWatch
  }
  return undefined;
}
