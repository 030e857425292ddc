import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter, RateLimiter } from '../../entrypoints/background/api/limiter';
import { fakeFetch, json, nth, status, testClient } from './helpers';

/** The most requests seen in any window of `ms` milliseconds. */
function busiestWindow(times: readonly number[], ms = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (nth(sorted, end) - nth(sorted, start) >= ms) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('the rate limiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps 50 concurrent calls at ≤ 10 requests in any 1 s window', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = fakeFetch(() => json({ id: 'i1' }));
    const client = testClient(fetch, { limiter: createRateLimiter() });

    const all = Promise.all(Array.from({ length: 50 }, () => client.getAthlete()));
    await vi.advanceTimersByTimeAsync(10_000);
    await all;

    expect(calls).toHaveLength(50);
    expect(busiestWindow(calls.map((c) => c.at))).toBe(10);
    // And it does not crawl: 50 requests at 10/s need a little over 4 s.
    expect(nth(calls, -1).at - nth(calls, 0).at).toBeLessThan(5_000);
  });

  it('counts retries too', async () => {
    vi.useFakeTimers();
    // The first 30 attempts fail with 503, so most calls retry.
    const { fetch, calls } = fakeFetch((_, call) => (call <= 30 ? status(503) : json({ id: 'i1' })));
    const client = testClient(fetch, { limiter: createRateLimiter() });

    const all = Promise.all(Array.from({ length: 40 }, () => client.getAthlete()));
    await vi.advanceTimersByTimeAsync(20_000);
    await all;

    expect(calls).toHaveLength(70);
    expect(busiestWindow(calls.map((c) => c.at))).toBeLessThanOrEqual(10);
  });

  it('is shared by clients given the same limiter', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter();
    const { fetch, calls } = fakeFetch(() => json({}));
    const a = testClient(fetch, { limiter });
    const b = testClient(fetch, { limiter });

    const all = Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).getAthlete()));
    await vi.advanceTimersByTimeAsync(5_000);
    await all;

    expect(busiestWindow(calls.map((c) => c.at))).toBeLessThanOrEqual(10);
  });

  it('grants in order, and the next slot exactly when the oldest leaves the window', async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = new RateLimiter(3, 1000);
    const order: string[] = [];
    const at: Record<string, number> = {};
    const take = (name: string) =>
      limiter.take().then(() => {
        order.push(name);
        at[name] = Date.now();
      });
    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map(take));
    await vi.advanceTimersByTimeAsync(999);
    expect(order).toEqual(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(1);
    await all;
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(at).toEqual({ a: 0, b: 0, c: 0, d: 1000, e: 1000 });
  });

  it('an aborted wait rejects with the signal’s reason and takes no slot', async () => {
    vi.useFakeTimers({ now: 0 });
    const limiter = new RateLimiter(1, 1000);
    const granted: number[] = [];
    limiter.onGrant(() => granted.push(Date.now()));
    await limiter.take();
    const controller = new AbortController();
    const aborted = limiter.take(controller.signal).catch((e: unknown) => e);
    const next = limiter.take();
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await aborted).toBe(reason);
    await vi.advanceTimersByTimeAsync(1000);
    await next;
    expect(granted).toEqual([0, 1000]); // the waiter behind the aborted one got the next slot
    await expect(limiter.take(controller.signal)).rejects.toBe(reason); // already aborted: no wait at all
    expect(granted).toHaveLength(2);
  });
});
