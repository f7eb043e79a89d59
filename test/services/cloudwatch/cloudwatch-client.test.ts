import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCloudWatchClient } from '../../../src/services/cloudwatch/cloudwatch-client.js';
import { createCloudWatchService } from '../../../src/services/cloudwatch/cloudwatch-service.js';
import { resolveEndpoint } from '../../../src/services/cloudwatch/endpoint.js';
import { createFakeClock } from '../../helpers/fake-clock.js';
import { createCloudWatchTestServer, type CloudWatchTestServer } from '../../cloudwatch-server/index.js';

let server: CloudWatchTestServer;

beforeEach(async () => {
  server = await createCloudWatchTestServer({ region: 'eu-west-1' });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

describe('the CloudWatch endpoint', () => {
  it('is AWS_ENDPOINT_URL_CLOUDWATCH, else AWS_ENDPOINT_URL, else AWS in the region', () => {
    expect(
      resolveEndpoint(
        { AWS_ENDPOINT_URL_CLOUDWATCH: 'http://127.0.0.1:1', AWS_ENDPOINT_URL: 'http://127.0.0.1:2' },
        'eu-west-1',
      ),
    ).toEqual({
      url: 'http://127.0.0.1:1',
      host: '127.0.0.1:1',
      variable: 'AWS_ENDPOINT_URL_CLOUDWATCH',
    });
    expect(resolveEndpoint({ AWS_ENDPOINT_URL: 'https://proxy.example:8443/' }, 'eu-west-1')).toMatchObject({
      url: 'https://proxy.example:8443/',
      host: 'proxy.example:8443',
    });
    expect(resolveEndpoint({}, 'eu-west-1')).toEqual({ host: 'monitoring.eu-west-1.amazonaws.com' });
    expect(
      resolveEndpoint({ AWS_ENDPOINT_URL: 'http://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, 'us-east-1'),
    ).toEqual({
      host: 'monitoring.us-east-1.amazonaws.com',
    });
  });

  it('the SDK itself also sends to AWS_ENDPOINT_URL_CLOUDWATCH from the process environment', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDWATCH', server.url);
    vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
    const client = new CloudWatchClient({ region: 'eu-west-1', credentials: server.credentials, maxAttempts: 1 });
    await client.send(new DescribeAlarmsCommand({}));
    client.destroy();
    expect(server.requests.byOperation('DescribeAlarms')).toHaveLength(1);
  });

  it('and to AWS_ENDPOINT_URL when there is no CloudWatch-specific one', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', server.url);
    vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
    const client = new CloudWatchClient({ region: 'eu-west-1', credentials: server.credentials, maxAttempts: 1 });
    await client.send(new DescribeAlarmsCommand({}));
    client.destroy();
    expect(server.requests.count).toBe(1);
  });
});

describe('the client factory', () => {
  it('takes the region from AWS_REGION when dynodeck.yml names none, and signs for it', async () => {
    const { client, region } = createCloudWatchClient({
      env: {
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL_CLOUDWATCH: server.url,
        AWS_ACCESS_KEY_ID: server.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
      },
      instanceRole: false,
    });
    expect(region).toBe('eu-west-1');
    await client.send(new DescribeAlarmsCommand({}));
    client.destroy();
    expect(server.requests.log[0]?.status).toBe(200);
  });

  it('sends a session token with temporary credentials, which the server requires', async () => {
    const temporary = {
      accessKeyId: 'ASIATEMPORARY',
      secretAccessKey: 'temp-secret',
      sessionToken: 'FwoGZXIvYXdzEXAMPLE',
    };
    server.addCredentials(temporary);
    const cw = createCloudWatchService(
      { region: 'eu-west-1', rds: {}, alarms: 'all' },
      {
        AWS_ENDPOINT_URL_CLOUDWATCH: server.url,
        AWS_ACCESS_KEY_ID: temporary.accessKeyId,
        AWS_SECRET_ACCESS_KEY: temporary.secretAccessKey,
        AWS_SESSION_TOKEN: temporary.sessionToken,
      },
      createFakeClock(),
      { instanceRole: false },
    );
    await cw.pollAlarms();
    cw.close();
    expect(server.requests.log[0]).toMatchObject({ status: 200 });
    expect(server.requests.log[0]?.headers['x-amz-security-token']).toBe(temporary.sessionToken);
  });

  it('asks once when polls overlap, and leaves retries to the service (one attempt per request)', async () => {
    const cw = createCloudWatchService(
      { region: 'eu-west-1', rds: {}, alarms: 'all' },
      {
        AWS_ENDPOINT_URL_CLOUDWATCH: server.url,
        AWS_ACCESS_KEY_ID: server.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
      },
      createFakeClock(),
      { instanceRole: false },
    );
    server.failNext('DescribeAlarms', 'throttle');
    await Promise.all([cw.pollAlarms(), cw.pollAlarms(), cw.pollAlarms()]);
    cw.close();
    expect(server.requests.count).toBe(1);
    expect(server.requests.log[0]?.headers['amz-sdk-request']).toBe('attempt=1; max=1');
  });
});
