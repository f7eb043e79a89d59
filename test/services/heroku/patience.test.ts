// Waiting on Heroku, on a fake clock: polls paced by the API budget, 429s waited out with
// backoff, writes never re-sent after an open failure, and a deadline that ends the wait.
import { describe, expect, it } from 'vitest';
import {
  deadlineIn,
  formatDuration,
  pacedInterval,
  patiently,
  pollUntil,
  TimeLimitReached,
  type Patience,
} from '../../../src/services/heroku/patience.js';
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock.js';

const rateLimited = () => Object.assign(new Error('Expected response to be successful, got 429'), { statusCode: 429 });
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

function patience(clock: FakeClock, budget: () => number | undefined = () => 4500) {
  const waits: string[] = [];
  const p: Patience = {
    clock,
    intervalMs: 1000,
    budget,
    backoffMs: 5000,
    maxBackoffMs: 60_000,
    random: () => 0.5, // no jitter
    onWait: (m) => waits.push(m),
  };
  return { p, waits };
}

/** Moves the clock in steps until the promise settles (each step lets due timers fire). */
async function settle<T>(clock: FakeClock, promise: Promise<T>, stepMs = 1000, maxMs = 3 * 3600_000) {
  let done = false;
  const result = promise.then(
    (value) => ((done = true), { value }),
    (error: unknown) => ((done = true), { error }),
  );
  for (let t = 0; !done && t <= maxMs; t += stepMs) await clock.advance(stepMs);
  return result;
}

describe('waiting on Heroku', () => {
  it('polls come slower as the API budget drains, and once a minute when it is nearly empty', () => {
    expect([4500, 2000, 500, 100].map((left) => pacedInterval(1000, left))).toEqual([1000, 2000, 4000, 60_000]);
    expect(pacedInterval(1000, undefined)).toBe(1000);
  });

  it('a poll with a third of the budget left reads half as often as with a full one', async () => {
    const readsIn10s = async (budget: number) => {
      const clock = createFakeClock();
      const { p } = patience(clock, () => budget);
      let reads = 0;
      const polling = pollUntil(
        async () => reads++,
        () => false,
        deadlineIn(clock, 10_000, 'the build'),
        p,
      );
      await settle(clock, polling);
      return reads;
    };
    expect(await readsIn10s(4500)).toBe(11); // at 0 s and each second up to 10 s
    expect(await readsIn10s(1500)).toBe(6); // every 2 s
  });

  it('a 429 while polling waits with backoff (Heroku sends no Retry-After) and the poll goes on', async () => {
    const clock = createFakeClock();
    const { p, waits } = patience(clock);
    let calls = 0;
    const polling = pollUntil(
      async () => {
        calls++;
        if (calls <= 3) throw rateLimited();
        return calls >= 5 ? 'succeeded' : 'pending';
      },
      (status) => status === 'succeeded',
      deadlineIn(clock, 30 * 60_000, 'the build'),
      p,
    );
    const start = clock.now();
    const { value } = (await settle(clock, polling, 500)) as { value: string };
    expect(value).toBe('succeeded');
    expect(waits).toEqual([
      "Heroku's API rate limit is reached (429): asking again in 5 s",
      "Heroku's API rate limit is reached (429): asking again in 10 s",
      "Heroku's API rate limit is reached (429): asking again in 20 s",
    ]);
    expect(clock.now() - start).toBeGreaterThanOrEqual(36_000); // 5 + 10 + 20 s, then a 1 s poll
  });

  it('backoff stops growing at a minute', async () => {
    const clock = createFakeClock();
    const { p, waits } = patience(clock);
    let calls = 0;
    const call = patiently(
      async () => {
        if (++calls <= 6) throw rateLimited();
        return 'ok';
      },
      'read',
      deadlineIn(clock, 3600_000, 'the release'),
      p,
    );
    await settle(clock, call, 5000);
    expect(waits.map((w) => w.replace(/.*in /, ''))).toEqual(['5 s', '10 s', '20 s', '40 s', '1 min', '1 min']);
  });

  it('a write refused with a 429 is sent again after the wait; one that failed with a reset is not', async () => {
    const clock = createFakeClock();
    const { p } = patience(clock);
    let refused = 0;
    const again = patiently(
      async () => {
        if (++refused === 1) throw rateLimited();
        return 'created';
      },
      'write',
      deadlineIn(clock, 60_000, 'the build'),
      p,
    );
    expect(await settle(clock, again)).toEqual({ value: 'created' });
    expect(refused).toBe(2);

    let sent = 0;
    const once = patiently(
      async () => {
        sent++;
        throw reset();
      },
      'write',
      deadlineIn(clock, 60_000, 'the build'),
      p,
    );
    expect(await settle(clock, once)).toEqual({ error: expect.objectContaining({ code: 'ECONNRESET' }) });
    expect(sent).toBe(1);
  });

  it('a read that fails with a 503 or a reset waits and tries again; a 404 fails at once', async () => {
    const clock = createFakeClock();
    const { p, waits } = patience(clock);
    const failures = [Object.assign(new Error('503'), { statusCode: 503 }), reset()];
    const read = patiently(
      async () => {
        const next = failures.shift();
        if (next) throw next;
        return 'read';
      },
      'read',
      deadlineIn(clock, 60_000, 'the build'),
      p,
    );
    expect(await settle(clock, read)).toEqual({ value: 'read' });
    expect(waits).toEqual([
      'Heroku answered 503: asking again in 5 s',
      'Heroku did not answer (socket hang up): asking again in 10 s',
    ]);

    let reads = 0;
    const missing = patiently(
      async () => {
        reads++;
        throw Object.assign(new Error('404'), { statusCode: 404 });
      },
      'read',
      deadlineIn(clock, 60_000, 'the build'),
      p,
    );
    expect(await settle(clock, missing)).toEqual({ error: expect.objectContaining({ statusCode: 404 }) });
    expect(reads).toBe(1);
  });

  it('polling ends at the deadline, after one last read, with what it waited for and how long', async () => {
    const clock = createFakeClock();
    const { p } = patience(clock);
    const reads: number[] = [];
    const start = clock.now();
    const polling = pollUntil(
      async () => reads.push(clock.now() - start),
      () => false,
      deadlineIn(clock, 30 * 60_000, 'the build of 1a2b3c4'),
      p,
    );
    const { error } = (await settle(clock, polling, 60_000)) as { error: Error };
    expect(error).toBeInstanceOf(TimeLimitReached);
    expect(error.message).toBe('the build of 1a2b3c4 did not finish within 30 min');
    expect(reads[reads.length - 1]).toBe(30 * 60_000);
  });

  it('429s that last past the deadline end the wait too', async () => {
    const clock = createFakeClock();
    const { p } = patience(clock);
    const polling = pollUntil(
      async () => {
        throw rateLimited();
      },
      () => true,
      deadlineIn(clock, 2 * 60_000, 'the promotion'),
      p,
    );
    const { error } = (await settle(clock, polling, 10_000)) as { error: Error };
    expect(error.message).toBe('the promotion did not finish within 2 min');
  });

  it('while an output stream runs, polls are ten times further apart and its end wakes the next one', async () => {
    const clock = createFakeClock();
    const { p } = patience(clock);
    const reads: number[] = [];
    let endStream!: () => void;
    const stream = new Promise<void>((resolve) => (endStream = resolve));
    let streaming = true;
    void stream.then(() => (streaming = false));
    let finished = false;
    const start = clock.now();
    const polling = pollUntil(
      async () => (reads.push(clock.now() - start), finished),
      (done) => done,
      deadlineIn(clock, 30 * 60_000, 'the build'),
      p,
      () => (streaming ? stream : undefined),
    );
    await clock.advance(25_000);
    expect(reads).toEqual([0, 10_000, 20_000]);
    finished = true;
    endStream();
    await clock.advance(0);
    expect(await settle(clock, polling)).toEqual({ value: true });
    expect(reads).toEqual([0, 10_000, 20_000, 25_000]);
  });

  it('durations read as people say them', () => {
    expect([300, 5000, 60_000, 30 * 60_000, 65 * 60_000, 3600_000].map(formatDuration)).toEqual([
      '300 ms',
      '5 s',
      '1 min',
      '30 min',
      '1 h 5 min',
      '1 h',
    ]);
  });
});
