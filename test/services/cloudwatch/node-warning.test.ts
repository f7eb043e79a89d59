// Its own file: the SDK warns once per process, so an earlier client in the same file would hide it.
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { expect, it } from 'vitest';
import { createCloudWatchClient } from '../../../src/services/cloudwatch/cloudwatch-client.js';
import { createCloudWatchTestServer } from '../../cloudwatch-server/index.js';

it('a client made by the factory prints no Node version warning, which would tear the full-screen frame', async () => {
  delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  const server = await createCloudWatchTestServer({ region: 'eu-west-1' });
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    const { client } = createCloudWatchClient({
      region: 'eu-west-1',
      env: { AWS_ENDPOINT_URL_CLOUDWATCH: server.url },
      credentials: async () => server.credentials,
    });
    await client.send(new DescribeAlarmsCommand({}));
    client.destroy();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
    await server.close();
  }
  expect(server.requests.count).toBe(1);
  expect(warnings).toEqual([]);
});
