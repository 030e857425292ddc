/** Wellness values as short text with their units, for the pending list, the history and status lines. */
import { formatAbsoluteDate, formatNumber } from '~/components/format';
import {
  type EditableKey,
  fieldFor,
  formatHoursMinutes,
  isEmptyValue,
  stepDecimals,
  type WeightUnit,
  type WellnessPatch,
  weightFromKg,
} from '~/lib/wellness';

export function valueText(key: EditableKey, value: unknown, weightUnit: WeightUnit = 'kg'): string {
  if (isEmptyValue(key, value)) return key === 'locked' ? 'unlocked' : 'empty';
  const field = fieldFor(key);
  switch (field.kind) {
    case 'toggle':
      return value ? 'locked' : 'unlocked';
    case 'text': {
      const text = String(value);
      return `“${text.length > 24 ? `${text.slice(0, 23)}…` : text}”`;
    }
    case 'duration':
      return `${formatHoursMinutes(value as number)} h`;
    case 'scale':
      return `${value} · ${field.labels[(value as number) - 1] ?? ''}`;
    case 'number': {
      const n = key === 'weight' ? weightFromKg(value as number, weightUnit) : (value as number);
      const unit = key === 'weight' ? weightUnit : field.unit;
      const text = formatNumber(n, { maxDecimals: stepDecimals(field.step) });
      return unit ? (unit === '%' ? `${text} %` : `${text} ${unit}`) : text;
    }
  }
}

/** "Weight 71.2 kg, Mood 1 · Great". */
export function patchText(patch: WellnessPatch, weightUnit: WeightUnit = 'kg'): string {
  return (Object.entries(patch) as [EditableKey, unknown][])
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) =>
      key === 'locked'
        ? value
          ? 'Locked'
          : 'Unlocked'
        : `${fieldFor(key).label} ${valueText(key, value, weightUnit)}`,
    )
    .join(', ');
}

export const fieldLabels = (keys: readonly string[]): string =>
  keys.map((key) => fieldFor(key as EditableKey)?.label ?? key).join(', ');

/** "Mon, 3 Mar" (a day name helps more than a number for recent days). */
export const dayText = (date: string): string => formatAbsoluteDate(date);
