/**
 * The request limiter: intervals.icu allows about 10 requests/s per IP (then 429), so the whole extension stays at or
 * below that. A sliding window: a slot is granted only while fewer than `perSecond` slots were granted in the last
 * window, so the cap holds in any rolling second, not just per fixed second. Waiting callers are served in order. The
 * client takes one slot per HTTP attempt, retries included.
 *
 * Our own few lines rather than p-queue: slots are all the extension needs of a queue, and p-queue's class with its
 * event emitter and timeout helpers cost the background 4.4 KB gzipped.
 */

export const REQUESTS_PER_SECOND = 10;

/**
 * The window is a little longer than a second: a slot is granted on a timer and its request leaves a few microtasks
 * later, so timer jitter alone put 11 requests into 996–1002 ms on the wire during a bulk export (measured in the
 * export e2e test). 50 ms of slack keeps the wire at ≤ 10 in any rolling second for about 5 % of throughput.
 */
export const WINDOW_SLACK_MS = 50;

interface Waiter {
  grant(): void;
}

export class RateLimiter {
  readonly #cap: number;
  readonly #windowMs: number;
  /** When the slots of the current window were granted, oldest first; never more than `cap`. */
  readonly #granted: number[] = [];
  readonly #waiting: Waiter[] = [];
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(cap: number, windowMs: number) {
    this.#cap = cap;
    this.#windowMs = windowMs;
  }

  /** Resolves when a slot is granted; rejects with the signal's reason, taking no slot, if it aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        const at = this.#waiting.indexOf(waiter);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
      this.#serve();
    });
  }

  /** Calls `listener` at every slot granted (tests watch the slots); returns the removal. */
  onGrant(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #serve(): void {
    if (this.#timer !== undefined) return; // a timer is already set for the next free slot
    while (this.#waiting.length > 0) {
      const now = Date.now();
      while (this.#granted.length > 0 && now - (this.#granted[0] as number) >= this.#windowMs) this.#granted.shift();
      if (this.#granted.length >= this.#cap) {
        this.#timer = setTimeout(
          () => {
            this.#timer = undefined;
            this.#serve();
          },
          (this.#granted[0] as number) + this.#windowMs - now,
        );
        return;
      }
      this.#granted.push(now);
      for (const listener of this.#listeners) listener();
      this.#waiting.shift()?.grant();
    }
  }
}

export function createRateLimiter(perSecond = REQUESTS_PER_SECOND): RateLimiter {
  return new RateLimiter(perSecond, 1000 + WINDOW_SLACK_MS);
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
export function takeSlot(limiter: RateLimiter, signal?: AbortSignal): Promise<void> {
  return limiter.take(signal);
}
