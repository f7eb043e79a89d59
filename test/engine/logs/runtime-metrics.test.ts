import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatRuntimeMetrics, readProcessMemory } from '../../../src/engine/logs/runtime-metrics.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakeProc(processes: Record<number, { rssKb?: number; children?: number[] }>): string {
  const root = mkdtempSync(join(tmpdir(), 'dynodeck-proc-'));
  dirs.push(root);
  for (const [pid, info] of Object.entries(processes)) {
    mkdirSync(join(root, pid, 'task', pid), { recursive: true });
    writeFileSync(
      join(root, pid, 'status'),
      `Name:\tnode\nState:\tS (sleeping)\n${info.rssKb === undefined ? '' : `VmRSS:\t  ${info.rssKb} kB\n`}Threads:\t1\n`,
    );
    writeFileSync(join(root, pid, 'task', pid, 'children'), (info.children ?? []).map((c) => `${c} `).join(''));
  }
  return root;
}

describe('runtime metrics', () => {
  it("runtime metrics lines match Heroku's shape", () => {
    expect(
      formatRuntimeMetrics({
        dyno: 'web.1',
        dynoId: '62565967.7e2ee10e',
        memoryRssMb: 21,
        memoryTotalMb: 21,
        load1m: 0.02,
        load5m: 0.06,
        load15m: 0.05,
      }),
    ).toEqual([
      'source=web.1 dyno=heroku.62565967.7e2ee10e sample#load_avg_1m=0.02 sample#load_avg_5m=0.06 sample#load_avg_15m=0.05',
      'source=web.1 dyno=heroku.62565967.7e2ee10e sample#memory_total=21.00MB sample#memory_rss=21.00MB sample#memory_cache=0.00MB sample#memory_swap=0.00MB sample#memory_pgpgin=0pages sample#memory_pgpgout=0pages sample#memory_quota=512.00MB',
    ]);
    const [, memory] = formatRuntimeMetrics({
      dyno: 'worker.2',
      dynoId: 'abc',
      memoryRssMb: 600.456,
      memoryTotalMb: 610.5,
      memorySwapMb: 10.044,
      memoryQuotaMb: 1024,
      load1m: 1,
      load5m: 0.5,
      load15m: 0.25,
    });
    expect(memory).toContain('source=worker.2 dyno=heroku.abc sample#memory_total=610.50MB sample#memory_rss=600.46MB');
    expect(memory).toContain('sample#memory_swap=10.04MB');
    expect(memory).toMatch(/sample#memory_quota=1024\.00MB$/);
  });

  it('reads resident memory of a process and its descendants', async () => {
    const root = fakeProc({
      100: { rssKb: 1024, children: [200, 300] },
      200: { rssKb: 2048, children: [400] },
      400: { rssKb: 1024, children: [100] },
      500: { children: [] },
    });
    expect(await readProcessMemory(100, root)).toEqual({ rssMb: 4 });
    expect(await readProcessMemory(200, root)).toEqual({ rssMb: 4 });
    expect(await readProcessMemory(300, root)).toBeUndefined();
    expect(await readProcessMemory(500, root)).toBeUndefined();
  });

  it('reads this very process from /proc', async () => {
    const memory = await readProcessMemory(process.pid);
    if (process.platform === 'linux') expect(memory!.rssMb).toBeGreaterThan(1);
    expect(await readProcessMemory(-1)).toBeUndefined();
  });
});
