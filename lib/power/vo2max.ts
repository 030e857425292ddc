/**
 * VO2max (ml/kg/min) estimated from the best 5-minute cycling power, as a straight line in W/kg:
 * VO2max = intercept + slope × (P5min / weight). Cycling power only: running power follows other physiology.
 *
 * Pure: no browser, Node or network imports.
 */

export type Vo2maxFormulaId = 'sitko' | 'acsm';

export interface Vo2maxFormula {
  id: Vo2maxFormulaId;
  /** Short label for settings and the card. */
  name: string;
  /** The equation as shown to the user. */
  equation: string;
  citation: string;
  /** Link to the source, when there is one. */
  url?: string;
  /** ml/kg/min */
  intercept: number;
  /** ml/kg/min per W/kg */
  slope: number;
}

/**
 * Each formula's line alone, what estimating needs: code that only computes (the background) uses this and carries
 * none of the names and citations below.
 */
export const VO2MAX_LINES: Readonly<Record<Vo2maxFormulaId, Readonly<Pick<Vo2maxFormula, 'intercept' | 'slope'>>>> = {
  sitko: { intercept: 16.6, slope: 8.87 },
  acsm: { intercept: 7, slope: 10.8 },
};

export const VO2MAX_FORMULAS: Readonly<Record<Vo2maxFormulaId, Readonly<Vo2maxFormula>>> = {
  sitko: {
    id: 'sitko',
    name: 'Sitko et al. 2022',
    equation: 'VO2max = 16.6 + 8.87 × 5-min W/kg',
    citation:
      'Sitko S, Cirer-Sastre R, Corbi F, López-Laval I. Five-Minute Power-Based Test to Predict Maximal Oxygen ' +
      'Consumption in Road Cycling. Int J Sports Physiol Perform. 2022;17(1):9–15.',
    url: 'https://doi.org/10.1123/ijspp.2020-0923',
    ...VO2MAX_LINES.sitko,
  },
  acsm: {
    id: 'acsm',
    name: 'ACSM leg cycling',
    equation: 'VO2max = 10.8 × 5-min W/kg + 7',
    // 1.8 ml O2 per kg·m of work with 1 W ≈ 6 kg·m/min gives 10.8; + 3.5 resting + 3.5 unloaded pedalling = 7.
    citation:
      "American College of Sports Medicine. ACSM's Guidelines for Exercise Testing and Prescription, metabolic " +
      'equation for leg cycling: VO2 = 1.8 × work rate / body mass + 3.5 + 3.5.',
    ...VO2MAX_LINES.acsm,
  },
};

export const DEFAULT_VO2MAX_FORMULA: Vo2maxFormulaId = 'sitko';

/** Bounds that catch unit slips (grams, kilowatts) and corrupt data rather than judge athletes. */
export const WEIGHT_KG_RANGE = { min: 20, max: 300 } as const;
export const POWER_5MIN_MAX_WATTS = 2000;

/**
 * Estimated VO2max in ml/kg/min (unrounded: round for display). 350 W at 70 kg → 60.95 (Sitko), 61.00 (ACSM).
 * Throws a RangeError naming the input and the reason when an input is unusable.
 */
export function estimateVo2max(
  power5minWatts: number,
  weightKg: number,
  formula: Vo2maxFormulaId = DEFAULT_VO2MAX_FORMULA,
): number {
  if (typeof power5minWatts !== 'number' || !Number.isFinite(power5minWatts)) {
    throw new RangeError(`5-minute power must be a finite number of watts, got ${String(power5minWatts)}`);
  }
  if (power5minWatts <= 0) {
    throw new RangeError(`5-minute power must be above 0 W, got ${power5minWatts} W`);
  }
  if (power5minWatts > POWER_5MIN_MAX_WATTS) {
    throw new RangeError(
      `5-minute power of ${power5minWatts} W is beyond any human effort (max ${POWER_5MIN_MAX_WATTS} W): check the data`,
    );
  }
  if (typeof weightKg !== 'number' || !Number.isFinite(weightKg)) {
    throw new RangeError(`Weight must be a finite number of kilograms, got ${String(weightKg)}`);
  }
  if (weightKg <= 0) {
    throw new RangeError(`Weight must be above 0 kg, got ${weightKg} kg`);
  }
  if (weightKg < WEIGHT_KG_RANGE.min || weightKg > WEIGHT_KG_RANGE.max) {
    throw new RangeError(
      `Weight of ${weightKg} kg is outside ${WEIGHT_KG_RANGE.min}–${WEIGHT_KG_RANGE.max} kg: is it in kilograms?`,
    );
  }
  // Object.hasOwn keeps "toString" and friends from passing as a formula when called from untyped code.
  if (!Object.hasOwn(VO2MAX_LINES, formula)) {
    throw new RangeError(`Unknown VO2max formula "${String(formula)}": use ${Object.keys(VO2MAX_LINES).join(' or ')}`);
  }
  const { intercept, slope } = VO2MAX_LINES[formula];
  return intercept + slope * (power5minWatts / weightKg);
}
