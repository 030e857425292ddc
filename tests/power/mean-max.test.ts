import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFitFile } from '../../dev/fake-icu/fit';
import { FIXTURES_DIR } from '../../dev/fake-icu/paths';
import { meanMaxEfforts, meanMaxPower, powerGrid } from '../../lib/power/mean-max';

interface Reference {
  durations_s: number[];
  files: Record<string, { first_to_last_record_s: number; record_count: number; mmp_w: Record<string, number | null> }>;
}

const reference = JSON.parse(readFileSync(join(FIXTURES_DIR, 'reference.json'), 'utf8')) as Reference;

/** Straightforward O(n·d) reference: bucket samples into seconds (mean per second), then sum every window. */
function naiveMeanMax(time: number[], watts: (number | null)[], durations: number[]): (number | null)[] {
  const n = Math.min(time.length, watts.length);
  const finite = time.slice(0, n).filter((t) => Number.isFinite(t));
  if (finite.length === 0) return durations.map(() => null);
  const t0 = Math.min(...finite);
  const length = Math.round(Math.max(...finite) - t0) + 1;
  const buckets: number[][] = Array.from({ length }, () => []);
  for (let i = 0; i < n; i++) {
    const t = time[i] as number;
    if (!Number.isFinite(t)) continue;
    const w = watts[i];
    buckets[Math.round(t - t0)]?.push(typeof w === 'number' && Number.isFinite(w) ? w : 0);
  }
  const grid = buckets.map((b) => (b.length === 0 ? 0 : b.reduce((a, c) => a + c, 0) / b.length));
  return durations.map((d) => {
    if (!Number.isInteger(d) || d < 1 || d > length) return null;
    let best = Number.NEGATIVE_INFINITY;
    for (let s = 0; s + d <= length; s++) {
      let sum = 0;
      for (let k = 0; k < d; k++) sum += grid[s + k] as number;
      best = Math.max(best, sum / d);
    }
    return best;
  });
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

describe('meanMaxPower on the real recordings (reference.json)', () => {
  for (const [file, ref] of Object.entries(reference.files)) {
    it(`reproduces every figure of ${file} to 0.1 W`, () => {
      const fit = readFitFile(join(FIXTURES_DIR, file));
      expect(fit.records).toHaveLength(ref.record_count);
      expect(fit.records.at(-1)?.time).toBe(ref.first_to_last_record_s);
      const time = fit.records.map((r) => r.time);
      const watts = fit.records.map((r) => r.watts);
      const got = meanMaxPower(time, watts, reference.durations_s);
      const expected = reference.durations_s.map((d) => ref.mmp_w[String(d)] ?? null);
      expect(got.map(round1)).toEqual(expected);
    });
  }

  it('matches the naive scan on the pause-heavy ELEMNT ride and the tiny smart-recording ride', () => {
    for (const file of ['2019-02-17-062644-ELEMNT-297E-195-0.fit', '2020-06-01-16-52-40.fit']) {
      const fit = readFitFile(join(FIXTURES_DIR, file));
      const time = fit.records.map((r) => r.time);
      const watts = fit.records.map((r) => r.watts);
      const durations = [1, 5, 30, 41, 60, 120, 300, 3824, 3900];
      const got = meanMaxPower(time, watts, durations);
      const want = naiveMeanMax(time, watts, durations);
      got.forEach((g, i) => {
        const w = want[i] ?? null;
        if (w === null) expect(g).toBeNull();
        else expect(g).toBeCloseTo(w, 9);
      });
    }
  });
});

describe('meanMaxPower edge cases', () => {
  it('empty input gives null for every duration', () => {
    expect(meanMaxPower([], [], [1, 5])).toEqual([null, null]);
  });

  it('all-null power counts as 0 W, not as missing', () => {
    expect(meanMaxPower([0, 1, 2], [null, null, null], [1, 3, 4])).toEqual([0, 0, null]);
  });

  it('duration 0, negative or fractional durations give null; longer than the grid gives null', () => {
    expect(meanMaxPower([0, 1, 2], [100, 200, 300], [0, -1, 1.5, 3, 4, Number.NaN])).toEqual([
      null,
      null,
      null,
      200,
      null,
      null,
    ]);
  });

  it('a single sample is a grid of one second', () => {
    expect(meanMaxPower([42], [250], [1, 2])).toEqual([250, null]);
  });

  it('gaps count as 0 W and lengthen the grid', () => {
    // seconds 0..4: 100, 0, 0, 0, 100
    expect(meanMaxPower([10, 14], [100, 100], [1, 2, 5, 6])).toEqual([100, 50, 40, null]);
  });

  it('timestamps are rounded to the nearest second of elapsed time', () => {
    expect(Array.from(powerGrid([0, 0.9, 2.2], [1, 2, 3]))).toEqual([1, 2, 3]);
  });

  it('unsorted timestamps give the same result as the sorted series', () => {
    const time = [3, 0, 2, 1, 7];
    const watts = [300, 100, null, 200, 50];
    const order = time.map((_, i) => i).sort((a, b) => (time[a] as number) - (time[b] as number));
    const sortedT = order.map((i) => time[i] as number);
    const sortedW = order.map((i) => watts[i] ?? null);
    expect(meanMaxPower(time, watts, [1, 2, 3, 8])).toEqual(meanMaxPower(sortedT, sortedW, [1, 2, 3, 8]));
  });

  it('duplicate timestamps are averaged into one second (null counts as 0 W)', () => {
    expect(Array.from(powerGrid([0, 1, 1, 2], [100, 200, 400, 100]))).toEqual([100, 300, 100]);
    expect(Array.from(powerGrid([0, 0], [200, null]))).toEqual([100]);
  });

  it('non-finite times are dropped and non-finite power counts as 0 W', () => {
    expect(meanMaxPower([0, Number.NaN, 1], [100, 999, Number.NaN], [1, 2])).toEqual([100, 50]);
  });

  it('different array lengths: the longer tail is ignored', () => {
    expect(meanMaxPower([0, 1, 2, 3], [100, 200], [1, 2, 3])).toEqual([200, 150, null]);
  });

  it('no window mean exceeds the 1-second peak', () => {
    const got = meanMaxPower([0, 1, 2, 10], [500, 400, 300, 600], [1, 2, 3, 11]);
    expect(got[0]).toBe(600);
    for (const v of got) if (v !== null) expect(v).toBeLessThanOrEqual(600);
  });

  it('reports where the best window starts', () => {
    const efforts = meanMaxEfforts([0, 1, 2, 3, 4], [100, 300, 300, 100, 500], [1, 2]);
    expect(efforts).toEqual([
      { watts: 500, start: 4 },
      { watts: 300, start: 1 },
    ]);
  });
});

describe('meanMaxPower property: equals a naive O(n·d) scan', () => {
  const sample = fc.record({
    step: fc.oneof(
      { weight: 6, arbitrary: fc.constant(1) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }) },
      { weight: 1, arbitrary: fc.integer({ min: 4, max: 40 }) },
      { weight: 1, arbitrary: fc.double({ min: 0, max: 3, noNaN: true }) },
    ),
    watts: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 1500 }) },
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.double({ min: 0, max: 2000, noNaN: true }) },
    ),
  });

  it('for random small series with gaps, duplicates and nulls', () => {
    fc.assert(
      fc.property(
        fc.array(sample, { maxLength: 80 }),
        fc.double({ min: -1000, max: 1e6, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (samples, start, durations, shuffle) => {
          let t = start;
          let time = samples.map((s) => {
            t += s.step;
            return t;
          });
          let watts = samples.map((s) => s.watts);
          if (shuffle) {
            const idx = time.map((_, i) => i).reverse();
            time = idx.map((i) => time[i] as number);
            watts = idx.map((i) => watts[i] ?? null);
          }
          const got = meanMaxPower(time, watts, durations);
          const want = naiveMeanMax(time, watts, durations);
          expect(got.length).toBe(want.length);
          got.forEach((g, i) => {
            const w = want[i] ?? null;
            if (w === null) expect(g).toBeNull();
            else expect(g).toBeCloseTo(w, 6);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
