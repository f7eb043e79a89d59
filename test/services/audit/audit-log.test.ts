import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLogPath, createAuditLog } from '../../../src/services/audit/audit-log.js';
import { OTHER_FAILURE } from '../../../src/services/audit/audit-detail.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dynodeck-audit-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const entries = async () =>
  (await readFile(auditLogPath(root), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { detail?: Record<string, unknown> });

describe('the audit log', () => {
  it('is created readable by its user only', async () => {
    await createAuditLog({ root, who: 'maya' }).write({ what: 'scale', target: 'staging', result: 'started' });
    expect((await stat(auditLogPath(root))).mode & 0o777).toBe(0o600);
  });

  it('an existing file readable by others is made private again', async () => {
    await mkdir(path.dirname(auditLogPath(root)), { recursive: true });
    await writeFile(auditLogPath(root), '');
    await chmod(auditLogPath(root), 0o644);
    await createAuditLog({ root, who: 'maya' }).write({ what: 'scale', target: 'staging', result: 'started' });
    expect((await stat(auditLogPath(root))).mode & 0o777).toBe(0o600);
  });

  it("keeps a failure's reason to the deck's own words, without what the build printed", async () => {
    const log = createAuditLog({ root, who: 'maya' });
    const secret = 'postgres://shop:hunter2@db.internal:5432/shop';
    await log.write({
      what: 'deploy',
      target: 'staging',
      result: 'failed',
      detail: { reason: `build failed: DATABASE_URL=${secret} npm ERR! exit 1`, release: 'v7', releaseId: 'r-7' },
    });
    await log.write({
      what: 'deploy',
      target: 'staging',
      result: 'failed',
      detail: { reason: 'stopped by the test gate: tests failed (exit status 1) in aaaaaaa' },
    });
    await log.write({
      what: 'promote',
      target: 'production',
      result: 'failed',
      detail: { reason: `Release command failed: SECRET_KEY_BASE=${secret}` },
    });
    const text = await readFile(auditLogPath(root), 'utf8');
    expect(text).not.toContain('hunter2');
    expect((await entries()).map((e) => e.detail)).toEqual([
      { reason: 'build failed', release: 'v7', releaseId: 'r-7' },
      { reason: 'stopped by the test gate' },
      { reason: OTHER_FAILURE },
    ]);
  });

  it('writes only the details it knows: a config var value or a token under another key is left out', async () => {
    await createAuditLog({ root, who: 'maya' }).write({
      what: 'config',
      target: 'staging',
      result: 'succeeded',
      detail: { ref: 'main', value: 'hunter2', DATABASE_URL: 'postgres://x:hunter2@db', apiKey: 'k', via: 'cli' },
    });
    expect(await readFile(auditLogPath(root), 'utf8')).not.toContain('hunter2');
    expect((await entries())[0]!.detail).toEqual({ ref: 'main', via: 'cli' });
  });

  it('a full disk is reported, and the write does not throw', async () => {
    await mkdir(path.dirname(auditLogPath(root)), { recursive: true });
    await symlink('/dev/full', auditLogPath(root));
    const reported: string[] = [];
    const log = createAuditLog({ root, who: 'maya', onFailure: (m) => reported.push(m) });
    await expect(log.write({ what: 'deploy', target: 'staging', result: 'started' })).resolves.toBeUndefined();
    expect(reported).toEqual([`not recorded: deploy staging started (${auditLogPath(root)}: ENOSPC)`]);
  });

  it('a folder that cannot be made is reported, and the write does not throw', async () => {
    await writeFile(path.join(root, '.dynodeck'), 'not a folder');
    const reported: string[] = [];
    const log = createAuditLog({ root, who: 'maya', onFailure: (m) => reported.push(m) });
    await log.write({ what: 'restart', target: 'box-1', result: 'started' });
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/^not recorded: restart box-1 started \(.*audit\.log: E[A-Z]+\)$/);
  });
});
