/**
 * Mean-maximal power (MMP): for each duration d, the highest mean power over any d consecutive seconds.
 *
 * Policy (DESIGN.md, ../shared/fixtures/activities/reference.json):
 * - a 1 Hz grid over elapsed time, second 0 = the first sample, up to the last sample;
 * - each sample goes to second `round(t - t0)`;
 * - seconds with no sample (pauses, dropouts) and samples whose power is null count as 0 W;
 * - every window of d grid seconds is checked exactly (prefix sums, every start position); no smoothing, no spike
 *   filter;
 * - `null` when the grid is shorter than d.
 *
 * Choices where the policy is silent (tested in tests/power/mean-max.test.ts):
 * - Unsorted input is fine: t0 is the smallest time, and every sample lands in its own second wherever it appears in
 *   the arrays, so the result equals that of the sorted series.
 * - Several samples in one grid second (duplicate timestamps, or recordings faster than 1 Hz) are averaged, a null
 *   sample counting as 0 W in that average: the grid then holds one value per second, as if recorded at 1 Hz.
 * - Samples with a non-finite time are dropped; non-finite power (NaN, ±Infinity) counts like null (0 W). Other values
 *   are used as given (no clamping of negative or implausible values: that would be a spike filter).
 * - `time` and `watts` of different lengths: the extra tail of the longer array is ignored.
 * - A duration that is not a positive integer number of seconds gives `null`.
 *
 * Pure: no browser, Node or network imports.
 */

/** Power per grid second (index = seconds since the first sample). Empty when there are no usable samples. */
export function powerGrid(time: readonly number[], watts: readonly (number | null)[]): Float64Array {
  const n = Math.min(time.length, watts.length);
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  let sorted = true;
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    if (!Number.isFinite(t)) continue;
    if (t < t0) t0 = t;
    if (t > t1) t1 = t;
    if (t < prev) sorted = false;
    prev = t;
  }
  if (!(t1 >= t0)) return new Float64Array(0);

  const length = Math.round(t1 - t0) + 1;
  const grid = new Float64Array(length);
  // Samples are counted per second only when two can share one. In sorted input (the usual case) samples that round
  // to the same second are neighbours, so the counts start at the first collision; unsorted input always counts.
  let counts: Uint32Array | undefined;
  let lastSecond = -1;
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    if (!Number.isFinite(t)) continue;
    const s = Math.round(t - t0);
    const w = watts[i];
    const value = typeof w === 'number' && Number.isFinite(w) ? w : 0;
    if (counts === undefined && (!sorted || s === lastSecond)) {
      counts = new Uint32Array(length);
      // Samples placed so far each sit alone in their second.
      for (let j = 0; j < i; j++) {
        const tj = time[j] as number;
        if (Number.isFinite(tj)) counts[Math.round(tj - t0)] = 1;
      }
    }
    if (counts !== undefined) {
      const c = counts[s] as number;
      // Running mean of the samples that fall into second s.
      grid[s] = c === 0 ? value : ((grid[s] as number) * c + value) / (c + 1);
      counts[s] = c + 1;
    } else {
      grid[s] = value;
    }
    lastSecond = s;
  }
  return grid;
}

/** Prefix sums: `sums[i]` = total of `grid[0..i)`. Length `grid.length + 1`. */
export function prefixSums(grid: Float64Array): Float64Array {
  const sums = new Float64Array(grid.length + 1);
  let acc = 0;
  for (let i = 0; i < grid.length; i++) {
    acc += grid[i] as number;
    sums[i + 1] = acc;
  }
  return sums;
}

/** One duration's best window: mean watts and the grid second where it starts (the first one if several tie). */
export interface MeanMaxEffort {
  watts: number;
  start: number;
}

/** Best window of `d` seconds over a prefix-sum array, or null if the grid is shorter than `d`. */
export function bestWindow(sums: Float64Array, d: number): MeanMaxEffort | null {
  const length = sums.length - 1;
  if (!Number.isInteger(d) || d < 1 || d > length) return null;
  let best = Number.NEGATIVE_INFINITY;
  let start = 0;
  const last = length - d;
  for (let i = 0; i <= last; i++) {
    const total = (sums[i + d] as number) - (sums[i] as number);
    if (total > best) {
      best = total;
      start = i;
    }
  }
  return { watts: best / d, start };
}

/** Mean-maximal power for each duration, with where the best window starts (grid second). */
export function meanMaxEfforts(
  time: readonly number[],
  watts: readonly (number | null)[],
  durations: readonly number[],
): (MeanMaxEffort | null)[] {
  const sums = prefixSums(powerGrid(time, watts));
  return durations.map((d) => bestWindow(sums, d));
}

/**
 * Mean-maximal power (watts, unrounded) for each duration in seconds; `null` when the series is shorter than the
 * duration. See the policy at the top of this file.
 */
export function meanMaxPower(
  time: readonly number[],
  watts: readonly (number | null)[],
  durations: readonly number[],
): (number | null)[] {
  const sums = prefixSums(powerGrid(time, watts));
  const length = sums.length - 1;
  const out: (number | null)[] = new Array(durations.length);
  for (let k = 0; k < durations.length; k++) {
    const d = durations[k] as number;
    if (!Number.isInteger(d) || d < 1 || d > length) {
      out[k] = null;
      continue;
    }
    // Tight loop: the best total over every start position.
    let best = Number.NEGATIVE_INFINITY;
    for (let i = 0, j = d; j <= length; i++, j++) {
      const total = (sums[j] as number) - (sums[i] as number);
      if (total > best) best = total;
    }
    out[k] = best / d;
  }
  return out;
}
