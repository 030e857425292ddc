/** Small statistics over record slices, the way the activity and interval summaries need them. */

export const round = (x: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

function present(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

export function mean(values: readonly (number | null)[], { skipZeros = false } = {}): number | null {
  const xs = present(values).filter((v) => !skipZeros || v !== 0);
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function max(values: readonly (number | null)[]): number | null {
  const xs = present(values);
  return xs.length === 0 ? null : xs.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
}

export function min(values: readonly (number | null)[]): number | null {
  const xs = present(values);
  return xs.length === 0 ? null : xs.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
}

/**
 * Normalized power over the recorded samples in order (pauses are not recorded, so they are skipped rather than
 * counted as zeros): 30-sample rolling mean, fourth-power mean, fourth root. Null power counts as 0 W.
 */
export function normalizedPower(watts: readonly (number | null)[]): number | null {
  const w = watts.map((v) => (v === null || !Number.isFinite(v) ? 0 : v));
  if (w.length === 0 || present(watts).length === 0) return null;
  const window = Math.min(30, w.length);
  let sum = 0;
  let acc = 0;
  let count = 0;
  for (let i = 0; i < w.length; i++) {
    sum += w[i] as number;
    if (i >= window) sum -= w[i - window] as number;
    if (i >= window - 1) {
      acc += (sum / window) ** 4;
      count++;
    }
  }
  return (acc / count) ** 0.25;
}

/** Training load (TSS): hours × IF² × 100, with IF = NP / FTP. */
export function trainingLoad(movingSecs: number, np: number, ftp: number): number {
  const intensity = np / ftp;
  return ((movingSecs * np * intensity) / (ftp * 3600)) * 100;
}

/** 1-based zone of `value` given zone upper bounds (the last zone catches everything above). */
export function zoneOf(value: number, upperBounds: readonly number[]): number {
  const i = upperBounds.findIndex((b) => value < b);
  return i < 0 ? upperBounds.length : i + 1;
}

/** Seconds (samples) spent in each zone. */
export function timeInZones(values: readonly (number | null)[], upperBounds: readonly number[]): number[] {
  const out = upperBounds.map(() => 0);
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    const z = zoneOf(v, upperBounds) - 1;
    out[z] = (out[z] ?? 0) + 1;
  }
  return out;
}

/** First index whose time is >= t (times ascending); `times.length` when none. */
export function indexAtOrAfter(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
