/** Words and numbers of the VO2max views (popup card and in-page badge), with units. */
import { formatAbsoluteDate, formatNumber, formatWeight, quantityText } from '~/components/format';
import { VO2MAX_FORMULAS, type Vo2maxFormulaId } from '~/lib/power/vo2max';
import type { ResolvedWeight, WeightSource } from '~/lib/power/vo2max-rules';

export const formatVo2max = (value: number, locale?: string) => formatNumber(value, { decimals: 1 }, locale);
export const formatWatts = (watts: number, locale?: string) => `${formatNumber(Math.round(watts), {}, locale)}\u00a0W`;
export const formatWattsPerKg = (wkg: number, locale?: string) =>
  `${formatNumber(wkg, { decimals: 2 }, locale)}\u00a0W/kg`;
export const formatKg = (kg: number, locale?: string) => quantityText(formatWeight(kg, locale));

/** Short formula names for the card and badge ("Sitko 2022", "ACSM"). */
export const FORMULA_SHORT: Readonly<Record<Vo2maxFormulaId, string>> = { sitko: 'Sitko 2022', acsm: 'ACSM' };

export function formulaTitle(formula: Vo2maxFormulaId): string {
  const f = VO2MAX_FORMULAS[formula];
  return `${f.name}: ${f.equation}`;
}

/** Where a weight came from, in a few words: "wellness, 10 Mar", "power curve", "your entry", "athlete profile". */
export function weightSourceText(
  source: WeightSource,
  context: { date?: string | null; curve?: 'curve' | 'activity'; now?: Date } = {},
): string {
  switch (source) {
    case 'override':
      return 'your entry';
    case 'wellness':
      return context.date ? `wellness, ${formatAbsoluteDate(context.date, context.now)}` : 'wellness';
    case 'curve':
      return context.curve === 'activity' ? 'the activity' : 'the power curve';
    case 'athlete':
      return 'athlete profile';
  }
}

export function weightText(weight: ResolvedWeight, context: Parameters<typeof weightSourceText>[1] = {}): string {
  return `${formatKg(weight.kg)} (${weightSourceText(weight.source, context)})`;
}
