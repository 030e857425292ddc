import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VO2MAX_FORMULA,
  estimateVo2max,
  POWER_5MIN_MAX_WATTS,
  VO2MAX_FORMULAS,
  type Vo2maxFormulaId,
  WEIGHT_KG_RANGE,
} from '../../lib/power/vo2max';

describe('estimateVo2max', () => {
  it.each([
    // The figures from DESIGN.md and issue 5.
    [350, 70, 'sitko', 60.95],
    [350, 70, 'acsm', 61.0],
    // 4 W/kg: 16.6 + 35.48 and 43.2 + 7.
    [300, 75, 'sitko', 52.08],
    [300, 75, 'acsm', 50.2],
    [100, 50, 'sitko', 34.34],
  ] as const)('%s W at %s kg with %s → %s', (watts, kg, formula, expected) => {
    expect(estimateVo2max(watts, kg, formula)).toBeCloseTo(expected, 10);
  });

  it('uses Sitko et al. 2022 by default', () => {
    expect(DEFAULT_VO2MAX_FORMULA).toBe('sitko');
    expect(estimateVo2max(350, 70)).toBe(estimateVo2max(350, 70, 'sitko'));
  });

  it.each([
    [0, 70, /5-minute power must be above 0 W, got 0 W/],
    [-5, 70, /5-minute power must be above 0 W/],
    [Number.NaN, 70, /5-minute power must be a finite number of watts, got NaN/],
    [Number.POSITIVE_INFINITY, 70, /5-minute power must be a finite number.*Infinity/],
    [POWER_5MIN_MAX_WATTS + 1, 70, /beyond any human effort/],
    [350, 0, /Weight must be above 0 kg, got 0 kg/],
    [350, -70, /Weight must be above 0 kg/],
    [350, Number.NaN, /Weight must be a finite number of kilograms, got NaN/],
    [350, Number.NEGATIVE_INFINITY, /Weight must be a finite number/],
    [350, 70_000, /Weight of 70000 kg is outside 20–300 kg: is it in kilograms\?/],
    [350, 7, /Weight of 7 kg is outside/],
  ])('rejects %d W at %d kg', (watts, kg, message) => {
    expect(() => estimateVo2max(watts, kg)).toThrow(RangeError);
    expect(() => estimateVo2max(watts, kg)).toThrow(message);
  });

  it('rejects non-numbers and unknown formulas from untyped callers', () => {
    expect(() => estimateVo2max('350' as unknown as number, 70)).toThrow(/5-minute power must be a finite number/);
    expect(() => estimateVo2max(350, null as unknown as number)).toThrow(/Weight must be a finite number.*null/);
    expect(() => estimateVo2max(350, 70, 'cooper' as Vo2maxFormulaId)).toThrow(
      'Unknown VO2max formula "cooper": use sitko or acsm',
    );
    expect(() => estimateVo2max(350, 70, 'toString' as Vo2maxFormulaId)).toThrow(/Unknown VO2max formula/);
  });

  it('accepts the edges of the weight range', () => {
    expect(estimateVo2max(100, WEIGHT_KG_RANGE.min)).toBeCloseTo(16.6 + 8.87 * 5, 10);
    expect(estimateVo2max(300, WEIGHT_KG_RANGE.max)).toBeCloseTo(16.6 + 8.87, 10);
  });

  it('is a straight line in W/kg: it rises with power and falls with weight', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 40, max: 120, noNaN: true }),
        fc.constantFrom<Vo2maxFormulaId>('sitko', 'acsm'),
        (watts, kg, formula) => {
          const { intercept, slope } = VO2MAX_FORMULAS[formula];
          const v = estimateVo2max(watts, kg, formula);
          expect(v).toBeCloseTo(intercept + (slope * watts) / kg, 9);
          expect(estimateVo2max(watts + 1, kg, formula)).toBeGreaterThan(v);
          expect(estimateVo2max(watts, kg + 1, formula)).toBeLessThan(v);
        },
      ),
    );
  });
});

describe('VO2MAX_FORMULAS', () => {
  it('carries what the UI and README show, keyed by id', () => {
    for (const [id, f] of Object.entries(VO2MAX_FORMULAS)) {
      expect(f.id).toBe(id);
      expect(f.name).not.toBe('');
      expect(f.citation).not.toBe('');
      // The equation text shows the same coefficients the code uses.
      expect(f.equation).toContain(String(f.intercept));
      expect(f.equation).toContain(String(f.slope));
    }
    expect(VO2MAX_FORMULAS.sitko.citation).toContain('2022;17(1):9–15');
    expect(VO2MAX_FORMULAS.sitko.url).toBe('https://doi.org/10.1123/ijspp.2020-0923');
  });
});
