import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  classifyError,
  EXPIRED_LINE,
  NO_CREDENTIALS_LINE,
} from '../../../src/services/cloudwatch/cloudwatch-errors.js';
import {
  credentialChain,
  credentialsFromEnv,
  instanceRolePossible,
} from '../../../src/services/cloudwatch/credentials.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function awsHome(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-aws-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const context = { operation: 'GetMetricData', host: 'monitoring.eu-west-1.amazonaws.com' };

describe('credentials', () => {
  it('take AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY with a session token and expiry from the environment', () => {
    expect(
      credentialsFromEnv({
        AWS_ACCESS_KEY_ID: 'AKIA1',
        AWS_SECRET_ACCESS_KEY: 's',
        AWS_SESSION_TOKEN: 't',
        AWS_CREDENTIAL_EXPIRATION: '2026-12-02T12:00:00Z',
      }),
    ).toEqual({
      accessKeyId: 'AKIA1',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date('2026-12-02T12:00:00Z'),
    });
  });

  it('leave the environment keys to AWS_PROFILE when both are set, as the SDK does', () => {
    expect(
      credentialsFromEnv({ AWS_ACCESS_KEY_ID: 'AKIA1', AWS_SECRET_ACCESS_KEY: 's', AWS_PROFILE: 'shop' }),
    ).toBeUndefined();
  });

  it('read a named profile from the shared credentials file', async () => {
    const home = await awsHome({
      credentials: '[shop]\naws_access_key_id = AKIASHOP\naws_secret_access_key = shopsecret\n',
    });
    const chain = credentialChain(
      {
        AWS_PROFILE: 'shop',
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
        AWS_CONFIG_FILE: path.join(home, 'config'),
      },
      { instanceRole: false },
    );
    await expect(chain()).resolves.toMatchObject({ accessKeyId: 'AKIASHOP', secretAccessKey: 'shopsecret' });
  });

  it('with nothing configured, fail in a way that reads as "no AWS credentials", without probing instance metadata', async () => {
    const home = await awsHome({});
    const chain = credentialChain(
      { AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), AWS_CONFIG_FILE: path.join(home, 'config') },
      { instanceRole: false },
    );
    const error = await chain().catch((e: unknown) => e);
    expect(classifyError(error, context).line).toBe(NO_CREDENTIALS_LINE);
  });

  it('an SSO profile whose cached session has expired reads as "credentials expired: run aws sso login"', async () => {
    const startUrl = 'https://shop.awsapps.com/start';
    const cacheName = `${createHash('sha1').update(startUrl).digest('hex')}.json`;
    const home = await awsHome({
      '.aws/config': [
        '[profile shop-sso]',
        `sso_start_url = ${startUrl}`,
        'sso_region = eu-west-1',
        'sso_account_id = 123456789012',
        'sso_role_name = ReadOnly',
        'region = eu-west-1',
        '',
      ].join('\n'),
      [`.aws/sso/cache/${cacheName}`]: JSON.stringify({
        startUrl,
        region: 'eu-west-1',
        accessToken: 'expired-token',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    });
    vi.stubEnv('HOME', home);
    try {
      const chain = credentialChain(
        {
          AWS_PROFILE: 'shop-sso',
          AWS_CONFIG_FILE: path.join(home, '.aws/config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws/credentials'),
        },
        { instanceRole: false },
      );
      const error = await chain().catch((e: unknown) => e);
      expect(classifyError(error, { ...context, profile: 'shop-sso' }).line).toBe(EXPIRED_LINE);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('consider an instance role only on EC2, in a container, or with web identity', () => {
    const none = () => undefined;
    expect(instanceRolePossible({}, none)).toBe(false);
    expect(instanceRolePossible({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' }, none)).toBe(true);
    expect(instanceRolePossible({ AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' }, none)).toBe(true);
    const ec2 = (p: string) => (p.endsWith('sys_vendor') ? 'Amazon EC2\n' : undefined);
    expect(instanceRolePossible({}, ec2)).toBe(true);
    const xen = (p: string) => (p === '/sys/hypervisor/uuid' ? 'ec2e1916-9099-7caf-fd21-012345abcdef\n' : undefined);
    expect(instanceRolePossible({}, xen)).toBe(true);
    const laptop = (p: string) => (p.endsWith('sys_vendor') ? 'LENOVO\n' : undefined);
    expect(instanceRolePossible({}, laptop)).toBe(false);
  });
});
