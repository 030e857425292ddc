import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatHoursMinutes,
  hoursMinutesToSecs,
  KG_PER_LB,
  kgToLb,
  lbToKg,
  roundTo,
  secsToHoursMinutes,
  weightFromKg,
  weightToKg,
  weightUnitFor,
} from '../../lib/wellness/units';

describe('weight units', () => {
  it.each([
    [{ weight_pref_lb: true }, 'lb'],
    [{ weight_pref_lb: false, measurement_preference: 'feet' }, 'kg'],
    [{ weight_pref_lb: true, measurement_preference: 'meters' }, 'lb'],
    [{ measurement_preference: 'feet' }, 'lb'],
    [{ measurement_preference: 'meters' }, 'kg'],
    [{}, 'kg'],
    [undefined, 'kg'],
  ] as const)('%j → %s', (prefs, unit) => {
    expect(weightUnitFor(prefs)).toBe(unit);
  });

  it('converts with the exact pound', () => {
    expect(lbToKg(1)).toBe(KG_PER_LB);
    expect(kgToLb(KG_PER_LB)).toBe(1);
    expect(weightToKg(155, 'lb')).toBe(70.31);
    expect(weightToKg(70.3, 'kg')).toBe(70.3);
    expect(weightFromKg(70.31, 'lb')).toBe(155);
    expect(weightFromKg(70.31, 'kg')).toBe(70.3);
  });

  it('round-trips every 0.1 lb entry through the kg the API stores', () => {
    fc.assert(
      fc.property(fc.integer({ min: 441, max: 6613 }), (tenths) => {
        const lb = tenths / 10;
        expect(weightFromKg(weightToKg(lb, 'lb'), 'lb')).toBe(lb);
      }),
    );
  });

  it('round-trips every 0.1 kg entry through pounds within 0.05 kg', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 3000 }), (tenths) => {
        const kg = tenths / 10;
        const back = weightToKg(weightFromKg(kg, 'lb'), 'lb');
        expect(Math.abs(back - kg)).toBeLessThanOrEqual(0.05);
      }),
    );
  });

  it.each([
    [1.005, 2, 1.01],
    [70.25, 1, 70.3],
    [-1.5, 0, -2],
    [0, 1, 0],
  ])('roundTo(%d, %d) = %d', (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });
});

describe('sleep as hours and minutes', () => {
  it.each([
    [0, 0, 0, '0:00'],
    [27_000, 7, 30, '7:30'],
    [27_015, 7, 30, '7:30'],
    [28_785, 8, 0, '8:00'],
    [86_400, 24, 0, '24:00'],
    [-60, 0, 0, '0:00'],
  ])('%d s = %d h %d min', (secs, hours, minutes, text) => {
    expect(secsToHoursMinutes(secs)).toEqual({ hours, minutes });
    expect(formatHoursMinutes(secs)).toBe(text);
  });

  it('round-trips every h:mm up to 24 h', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (hours, minutes) => {
        expect(secsToHoursMinutes(hoursMinutesToSecs({ hours, minutes }))).toEqual({ hours, minutes });
      }),
    );
  });
});
