/**
 * The request limiter: intervals.icu allows about 10 requests/s per IP (then 429), so the whole extension stays at or
 * below that. p-queue in strict (sliding window) mode guarantees at most `perSecond` slots in any rolling second, not
 * just per fixed second. The client takes one slot per HTTP attempt, retries included.
 */
import PQueue from 'p-queue';

export type RateLimiter = PQueue;

export const REQUESTS_PER_SECOND = 10;

/**
 * The window is a little longer than a second: a slot is granted on a timer and its request leaves a few microtasks
 * later, so timer jitter alone put 11 requests into 996–1002 ms on the wire during a bulk export (measured in the
 * export e2e test). 50 ms of slack keeps the wire at ≤ 10 in any rolling second for about 5 % of throughput.
 */
export const WINDOW_SLACK_MS = 50;

export function createRateLimiter(perSecond = REQUESTS_PER_SECOND): RateLimiter {
  return new PQueue({ intervalCap: perSecond, interval: 1000 + WINDOW_SLACK_MS, strict: true });
}

/**
 * The background's one limiter. Every client made without an explicit limiter shares it, so two clients (the stored
 * key's and a candidate key's during "Check connection") still count against the same budget.
 */
export const sharedLimiter: RateLimiter = createRateLimiter();

/**
 * Waits until the limiter grants a slot. Only the slot is queued, not the request: the request's own timeout starts
 * after the wait, so a long bulk export queues without timing out.
 */
export async function takeSlot(limiter: RateLimiter, signal?: AbortSignal): Promise<void> {
  await limiter.add(() => undefined, signal ? { signal } : {});
}
