// The flood's lines: Heroku-format (logplex / `heroku logs`) router, app, H-code error
// and runtime-metrics lines, reproduced from ../shared/bench/logflood.mjs (same mix,
// same mulberry32 PRNG, same seed, same order of draws) so the deck and the peer viewers
// see the same text: only the timestamps and the request UUIDs (crypto.randomUUID, not
// seeded) differ between runs. No dependencies.
//
// Mix (approx.): 55 % router at=info, 33 % app[web.N], 2 % router at=error
// (H12/H13/H10, status 503), 10 % heroku[web.N] runtime-metrics samples; median ~260
// characters, i.e. wider than a 160-column terminal.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** Small deterministic PRNG (mulberry32) so runs are comparable. */
export function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = [
  '/products/',
  '/cart',
  '/checkout',
  '/api/v1/orders/',
  '/api/v1/users/',
  '/search?q=shoes',
  '/assets/application.js',
  '/health',
  '/admin/reports/',
  '/',
];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const STATUSES = [200, 200, 200, 200, 200, 200, 201, 204, 301, 302, 304, 404, 422];
const ERRORS = [
  ['H12', 'Request timeout', 30000],
  ['H13', 'Connection closed without response', 2],
  ['H10', 'App crashed', 0],
];

/** One independent line source: `line()` gives the next line, `stamp()` a Heroku timestamp. */
export function createLineGenerator({ seed = 1 } = {}) {
  const rnd = mulberry32(seed);
  const ri = (n) => Math.floor(rnd() * n);
  const pick = (arr) => arr[ri(arr.length)];

  const APP_MSGS = [
    () =>
      `Started ${pick(METHODS)} "${pick(PATHS)}${ri(500)}" for 10.${ri(256)}.${ri(256)}.${ri(256)} at ${new Date().toISOString()}`,
    () => `Processing by ProductsController#show as HTML`,
    () => `  Parameters: {"id"=>"${ri(10000)}"}`,
    () =>
      `  Product Load (${(rnd() * 5).toFixed(1)}ms)  SELECT "products".* FROM "products" WHERE "products"."id" = $1 LIMIT $2`,
    () =>
      `  Rendered products/show.html.erb within layouts/application (Duration: ${ri(40)}.${ri(10)}ms | Allocations: ${ri(20000)})`,
    () =>
      `Completed 200 OK in ${1 + ri(120)}ms (Views: ${ri(60)}.${ri(10)}ms | ActiveRecord: ${ri(30)}.${ri(10)}ms | Allocations: ${ri(30000)})`,
    () => `Completed ${pick(STATUSES)} OK in ${1 + ri(120)}ms`,
    () =>
      `[ActiveJob] [OrderMailerJob] [${randomUUID()}] Performed OrderMailerJob from Sidekiq(default) in ${ri(900)}.${ri(100)}ms`,
  ];

  // Heroku timestamps: 2026-11-26T05:00:00.123456+00:00 (microseconds, +00:00).
  let lastMs = -1,
    lastStamp = '',
    usec = 0;
  function stamp() {
    const ms = Date.now();
    if (ms !== lastMs) {
      lastMs = ms;
      lastStamp = new Date(ms).toISOString().slice(0, 23); // 2026-11-26T05:00:00.123
      usec = 0;
    }
    usec = Math.min(999, usec + 1 + ri(3)); // fake sub-millisecond part, monotonic within a ms
    return `${lastStamp}${String(usec).padStart(3, '0')}+00:00`;
  }

  function line() {
    const r = rnd();
    const ts = stamp();
    if (r < 0.55) {
      const status = pick(STATUSES);
      return `${ts} heroku[router]: at=info method=${pick(METHODS)} path="${pick(PATHS)}${ri(1000)}" host=shop-staging.example.com request_id=${randomUUID()} fwd="10.${ri(256)}.${ri(256)}.${ri(256)}" dyno=web.${1 + ri(4)} connect=${ri(3)}ms service=${1 + ri(300)}ms status=${status} bytes=${200 + ri(40000)} protocol=https`;
    }
    if (r < 0.88) {
      return `${ts} app[web.${1 + ri(4)}]: ${pick(APP_MSGS)()}`;
    }
    if (r < 0.9) {
      const [code, desc, service] = pick(ERRORS);
      return `${ts} heroku[router]: at=error code=${code} desc="${desc}" method=${pick(METHODS)} path="${pick(PATHS)}${ri(1000)}" host=shop-staging.example.com request_id=${randomUUID()} fwd="10.${ri(256)}.${ri(256)}.${ri(256)}" dyno=web.${1 + ri(4)} connect=${ri(3)}ms service=${service}ms status=503 bytes=0 protocol=https`;
    }
    const d = 1 + ri(4);
    return `${ts} heroku[web.${d}]: source=web.${d} dyno=heroku.${100000 + ri(900000)}.${randomUUID()} sample#memory_total=${(100 + rnd() * 400).toFixed(2)}MB sample#memory_rss=${(100 + rnd() * 400).toFixed(2)}MB sample#memory_cache=${(rnd() * 20).toFixed(2)}MB sample#memory_swap=0.00MB sample#memory_pgpgin=${ri(100000)}pages sample#memory_pgpgout=${ri(100000)}pages sample#memory_quota=512.00MB sample#load_avg_1m=${(rnd() * 2).toFixed(2)}`;
  }

  return { line, stamp };
}

/** The line a harness waits for: `<ts> app[web.1]: FLOOD-END lines=<n>`. */
export function sentinelLine(stamp, lines) {
  return `${stamp()} app[web.1]: FLOOD-END lines=${lines}`;
}

/**
 * Paces a flood: every 10 ms, `emit(n)` is asked for however many lines bring the total
 * up to rate * elapsed (so the rate stays smooth even when a tick fires late). After
 * `seconds`, `done({ lines, elapsedS, maxBatchMs })` is called once (rate 0: nothing is
 * emitted, only the wait). `lines` counts the flood lines emitted (not the sentinel).
 */
export function paceFlood({ rate, seconds, emit, done, now = () => performance.now() }) {
  const total = Math.round(rate * seconds);
  const durMs = seconds * 1000;
  const t0 = now();
  let written = 0;
  let maxLag = 0;
  const tick = () => {
    const el = now() - t0;
    const target = el >= durMs ? total : Math.min(total, Math.floor((rate * el) / 1000));
    const due = target - written;
    if (due > 0) {
      emit(due);
      written += due;
    }
    maxLag = Math.max(maxLag, now() - t0 - el);
    if (el >= durMs) {
      clearInterval(timer);
      done({ lines: written, elapsedS: (now() - t0) / 1000, maxBatchMs: maxLag });
    }
  };
  const timer = setInterval(tick, 10);
  return { stop: () => clearInterval(timer) };
}
