/** Power-curve arithmetic shared by the activity and athlete curve routes, on top of lib/power/mean-max. */
import { meanMaxEfforts } from '../../../lib/power/mean-max';
import type { PowerEfforts } from '../types';
import { indexAtOrAfter } from './metrics';

/**
 * Durations the curves report: every second to 1 min, then coarser steps up to 24 h (a curve stops at its longest
 * activity). Includes the usual marks (5 s, 1, 5, 20, 60 min ...).
 */
export const STANDARD_SECS: number[] = (() => {
  const out: number[] = [];
  const span = (from: number, to: number, step: number) => {
    for (let s = from; s <= to; s += step) out.push(s);
  };
  span(1, 60, 1);
  span(62, 120, 2);
  span(130, 300, 10);
  span(330, 600, 30);
  span(660, 1200, 60);
  span(1320, 3600, 120);
  span(3900, 7200, 300);
  span(7800, 86400, 600);
  return out;
})();

/** Best efforts at STANDARD_SECS, with the stream indices of each window. */
export function effortsFor(time: readonly number[], watts: readonly (number | null)[]): PowerEfforts {
  const efforts = meanMaxEfforts(time, watts, STANDARD_SECS);
  const t0 = time[0] ?? 0;
  const last = Math.max(0, time.length - 1);
  return {
    secs: STANDARD_SECS,
    watts: efforts.map((e) => e?.watts ?? null),
    startIndex: efforts.map((e) => (e ? Math.min(indexAtOrAfter(time, t0 + e.start), last) : null)),
    endIndex: STANDARD_SECS.map((d, i) => {
      const e = efforts[i];
      return e ? Math.min(indexAtOrAfter(time, t0 + e.start + d), last) : null;
    }),
  };
}

/**
 * The part of an activity after the rider has done `kj` kilojoules of work (for "-kj0"/"-kj1" fatigued curves);
 * null when the activity never gets there.
 */
export function afterWork(
  time: readonly number[],
  watts: readonly (number | null)[],
  kj: number,
): { time: number[]; watts: (number | null)[]; offset: number } | null {
  let joules = 0;
  for (let i = 0; i < time.length; i++) {
    const w = watts[i];
    const dt = i + 1 < time.length ? Math.min((time[i + 1] as number) - (time[i] as number), 1) : 1;
    joules += (typeof w === 'number' ? w : 0) * dt;
    if (joules >= kj * 1000) {
      return { time: time.slice(i + 1), watts: watts.slice(i + 1), offset: i + 1 };
    }
  }
  return null;
}

/**
 * VO2max from 5-minute power as a power curve's `vo2max_5m`. How intervals.icu computes it is not documented;
 * a public note says it uses Sitko et al. 2022 (IJSPP 17(1):9–15), VO2max = 16.6 + 8.87 × W/kg, which we assume.
 */
export function vo2max5m(wattsPerKg5m: number): number {
  return Math.round((16.6 + 8.87 * wattsPerKg5m) * 100) / 100;
}
