/** fast-check generators for wellness days and patches, on each field's own grid and range. */
import fc from 'fast-check';
import type { Wellness } from '../../lib/api/types';
import { clearValueFor, type EditableKey, type WellnessPatch } from '../../lib/wellness/catalogue';

const onGrid = (min: number, max: number, step: number) =>
  fc.integer({ min: Math.round(min / step), max: Math.round(max / step) }).map((n) => Number((n * step).toFixed(1)));

const scale = fc.integer({ min: 1, max: 4 });

export const arbValue: { [K in EditableKey]: fc.Arbitrary<NonNullable<Wellness[K]>> } = {
  weight: onGrid(20, 300, 0.1),
  restingHR: fc.integer({ min: 20, max: 220 }),
  hrv: onGrid(1, 300, 0.1),
  sleepSecs: fc.integer({ min: 0, max: 24 * 60 }).map((m) => m * 60),
  sleepScore: fc.integer({ min: 0, max: 100 }),
  soreness: scale,
  fatigue: scale,
  stress: scale,
  mood: scale,
  motivation: scale,
  injury: scale,
  spO2: onGrid(50, 100, 0.1),
  vo2max: onGrid(10, 100, 0.1),
  steps: fc.integer({ min: 0, max: 200_000 }),
  comments: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
  locked: fc.boolean(),
};

/** A day as the API returns it: any subset of fields, plus fields the extension never edits. */
export const arbDay: fc.Arbitrary<Partial<Wellness>> = fc
  .tuple(fc.record(arbValue, { requiredKeys: [] }), fc.option(fc.double({ min: 0, max: 150, noNaN: true })))
  .map(([values, ctl]) => ({ id: '2026-03-28', ...values, ...(ctl === null ? {} : { ctl }) }));

/** A patch: any subset of fields, each set to a value or to its clear value (-1, "", false). */
export const arbPatch: fc.Arbitrary<WellnessPatch> = fc.record(
  Object.fromEntries(
    Object.entries(arbValue).map(([key, arb]) => [
      key,
      fc.oneof(arb as fc.Arbitrary<unknown>, fc.constant(clearValueFor(key as EditableKey))),
    ]),
  ) as { [K in EditableKey]: fc.Arbitrary<WellnessPatch[K]> },
  { requiredKeys: [] },
);
