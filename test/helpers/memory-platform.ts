// An in-memory Platform (our own port, not a provider client) for screen and store tests.
import type {
  ActionOutcome,
  EnvironmentSnapshot,
  Platform,
  PlatformEvents,
  ReleaseSummary,
} from '../../src/services/ports.js';

export interface MemoryPlatform extends Platform {
  calls: string[];
  envs: EnvironmentSnapshot[];
  nextOutcome?: ActionOutcome;
}

const release = (version: number, commit: string): ReleaseSummary => ({
  id: `r${version}`,
  version,
  status: 'succeeded',
  description: `Deploy ${commit.slice(0, 7)}`,
  commit,
  user: 'maya@example.com',
  createdAt: Date.UTC(2026, 10, 26, 8, 0, 0),
  current: true,
});

export function memoryPlatform(): MemoryPlatform {
  const envs: EnvironmentSnapshot[] = [
    {
      name: 'box-1',
      app: 'shop-box-1',
      stage: 'development',
      url: 'http://127.0.0.1:5102/',
      maintenance: false,
      formation: { web: 1, worker: 0 },
      dynos: [{ name: 'web.1', type: 'web', state: 'up', startedAt: 0 }],
      release: release(2, 'b'.repeat(40)),
    },
    {
      name: 'staging',
      app: 'shop-staging',
      stage: 'staging',
      url: 'http://127.0.0.1:5100/',
      maintenance: false,
      formation: { web: 2, worker: 1 },
      dynos: [
        { name: 'web.1', type: 'web', state: 'up', startedAt: 0 },
        { name: 'web.2', type: 'web', state: 'crashed', startedAt: 0 },
        { name: 'worker.1', type: 'worker', state: 'up', startedAt: 0 },
      ],
      release: release(5, 'c'.repeat(40)),
    },
    {
      name: 'production',
      app: 'shop-production',
      stage: 'production',
      url: 'http://127.0.0.1:5101/',
      maintenance: false,
      formation: { web: 2, worker: 1 },
      dynos: [],
      release: release(4, 'd'.repeat(40)),
    },
  ];
  const calls: string[] = [];
  const platform: MemoryPlatform = {
    name: 'engine',
    calls,
    envs,
    environments: async () => structuredClone(envs),
    releases: async (env) =>
      [
        release(5, 'c'.repeat(40)),
        { ...release(4, 'd'.repeat(40)), current: false },
        { ...release(3, 'e'.repeat(40)), current: false, status: 'failed' as const },
      ].map((r) => ({ ...r, description: `${env} ${r.description}` })),
    configVarNames: async () => ['DATABASE_URL', 'SECRET_KEY_BASE'],
    deploy: async (env, _repo, ref, events?: PlatformEvents) => {
      calls.push(`deploy ${env} ${ref}`);
      events?.onStep?.('build', ref);
      events?.onOutput?.('-----> Building');
      events?.onStep?.('release', 'v6');
      return platform.nextOutcome ?? { ok: true, release: release(6, 'f'.repeat(40)) };
    },
    promote: async (from, to) => {
      calls.push(`promote ${from} ${to}`);
      return { ok: true, release: release(5, 'c'.repeat(40)) };
    },
    scale: async (env, q) => {
      calls.push(
        `scale ${env} ${Object.entries(q)
          .map(([t, n]) => `${t}=${n}`)
          .join(' ')}`,
      );
    },
    restart: async (env, target) => {
      calls.push(`restart ${env} ${target ?? 'all'}`);
    },
    rollback: async (env, r) => {
      calls.push(`rollback ${env} ${r}`);
      return { ok: true, release: release(7, 'd'.repeat(40)) };
    },
    setMaintenance: async (env, on) => {
      calls.push(`maintenance ${env} ${on ? 'on' : 'off'}`);
    },
    followRelease: async (env, id) => {
      calls.push(`follow ${env} ${id}`);
      return { ok: true, release: release(6, 'f'.repeat(40)) };
    },
    logSessionUrl: async () => {
      throw new Error('no logs in memory');
    },
  };
  return platform;
}
