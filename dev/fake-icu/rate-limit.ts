/**
 * Per-client-IP token bucket: about 10 requests/s with a short burst, like intervals.icu. Past it → 429 with
 * `Retry-After: 1`.
 */
export interface RateLimitOptions {
  /** Bucket size: requests allowed at once (default 10). */
  burst?: number;
  /** Refill rate in requests per second (default 10). */
  perSecond?: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  readonly burst: number;
  readonly perSecond: number;

  constructor(
    options: RateLimitOptions = {},
    private now: () => number = () => performance.now(),
  ) {
    this.burst = options.burst ?? 10;
    this.perSecond = options.perSecond ?? 10;
  }

  /** Takes a token for `client`; false when the bucket is empty. */
  take(client: string): boolean {
    const t = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, at: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.perSecond);
    bucket.at = t;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(client, bucket);
    return allowed;
  }

  reset(): void {
    this.buckets.clear();
  }
}
