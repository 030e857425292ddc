/**
 * The one catalogue of wellness fields the extension edits, in the popup form's order. Every range, unit, scale label
 * and "how to clear" lives here so the form, validation, diffs and the stand-in agree.
 *
 * API names are the exact camelCase of the OpenAPI `Wellness` schema. The API is metric; imperial weight is a display
 * concern (see units.ts).
 */
import type { Wellness } from '../api/types';

export type InputKind = 'number' | 'scale' | 'duration' | 'text' | 'toggle';

/** What a field's value is sent as to clear it. */
export type ClearValue = null | false;

interface FieldBase<K extends keyof Wellness> {
  key: K;
  label: string;
  /** A short clarification shown next to the label, e.g. which HRV measure. */
  hint?: string;
  kind: InputKind;
  /**
   * The value a partial PUT sends to empty the field. intervals.icu documents only "fields provided are changed";
   * `null` clearing a value is the assumed convention, not a documented one, so every clear is verified by reading the
   * day back (lib/store / background), and this is the one place to change if the server proves otherwise.
   */
  clearValue: ClearValue;
}

export interface NumberField<K extends NumericKey = NumericKey> extends FieldBase<K> {
  kind: 'number';
  unit: string;
  min: number;
  max: number;
  /** Smallest meaningful change: the input's step, its allowed decimals, and the tolerance when comparing values. */
  step: number;
}

export interface ScaleField<K extends ScaleKey = ScaleKey> extends FieldBase<K> {
  kind: 'scale';
  min: 1;
  max: 4;
  step: 1;
  /** Labels for 1..4 as intervals.icu shows them; on every scale 1 is the best state and 4 the worst. */
  labels: readonly [string, string, string, string];
}

export interface DurationField extends FieldBase<'sleepSecs'> {
  kind: 'duration';
  /** The API stores seconds; the form edits hours and minutes. */
  unit: 's';
  min: number;
  max: number;
  step: number;
}

export interface TextField extends FieldBase<'comments'> {
  kind: 'text';
  maxLength: number;
}

export interface ToggleField extends FieldBase<'locked'> {
  kind: 'toggle';
}

export type NumericKey = 'weight' | 'restingHR' | 'hrv' | 'sleepScore' | 'spO2' | 'vo2max' | 'steps';
export type ScaleKey = 'soreness' | 'fatigue' | 'stress' | 'mood' | 'motivation' | 'injury';
export type EditableKey = NumericKey | ScaleKey | 'sleepSecs' | 'comments' | 'locked';

export type WellnessField = NumberField | ScaleField | DurationField | TextField | ToggleField;

/** The editable part of a wellness day, as loaded from the API. */
export type WellnessValues = Pick<Wellness, EditableKey>;

/** A partial write: a value sets the field, `null` clears it, an absent key leaves it alone. */
export type WellnessPatch = { [K in EditableKey]?: NonNullable<Wellness[K]> | null };

const number = <K extends NumericKey>(
  key: K,
  label: string,
  unit: string,
  [min, max]: [number, number],
  step: number,
  hint?: string,
): NumberField<K> => ({
  key,
  label,
  kind: 'number',
  unit,
  min,
  max,
  step,
  clearValue: null,
  ...(hint ? { hint } : {}),
});

const scale = <K extends ScaleKey>(key: K, label: string, labels: ScaleField['labels']): ScaleField<K> => ({
  key,
  label,
  kind: 'scale',
  min: 1,
  max: 4,
  step: 1,
  labels,
  clearValue: null,
});

export const HOUR_SECS = 3600;

/** Our own cap: the spec gives no maximum for `comments`, and a quick form needs no more than a few paragraphs. */
export const COMMENTS_MAX_LENGTH = 2000;

/*
 * Scale labels: the 1–4 values and their direction (1 = best) agree across public intervals.icu clients (a Home
 * Assistant integration, the CrankAddict section-11 sync, watt-mind/coach#33). Mood, motivation, stress and injury
 * labels agree word for word. For soreness and fatigue most sources say Low/Avg/High/Extreme, one says
 * None/Some/High/Extreme: check against the live site before relying on the exact words.
 */
export const WELLNESS_FIELDS = [
  number('weight', 'Weight', 'kg', [20, 300], 0.1),
  number('restingHR', 'Resting HR', 'bpm', [20, 220], 1),
  number('hrv', 'HRV', 'ms', [1, 300], 0.1, 'rMSSD'),
  {
    key: 'sleepSecs',
    label: 'Sleep',
    kind: 'duration',
    unit: 's',
    min: 0,
    max: 24 * HOUR_SECS,
    step: 60,
    clearValue: null,
  } satisfies DurationField,
  number('sleepScore', 'Sleep score', '', [0, 100], 1),
  scale('soreness', 'Soreness', ['Low', 'Avg', 'High', 'Extreme']),
  scale('fatigue', 'Fatigue', ['Low', 'Avg', 'High', 'Extreme']),
  scale('stress', 'Stress', ['Low', 'Avg', 'High', 'Extreme']),
  scale('mood', 'Mood', ['Great', 'Good', 'OK', 'Grumpy']),
  scale('motivation', 'Motivation', ['Extreme', 'High', 'Avg', 'Low']),
  scale('injury', 'Injury', ['None', 'Niggle', 'Poor', 'Injured']),
  number('spO2', 'SpO2', '%', [50, 100], 0.1),
  number('vo2max', 'VO2max', 'ml/kg/min', [10, 100], 0.1),
  number('steps', 'Steps', '', [0, 200_000], 1),
  {
    key: 'comments',
    label: 'Comments',
    kind: 'text',
    maxLength: COMMENTS_MAX_LENGTH,
    clearValue: null,
  } satisfies TextField,
  // An unlocked day is the server's default, so "no lock" is sent as false rather than null.
  { key: 'locked', label: 'Locked', kind: 'toggle', clearValue: false } satisfies ToggleField,
] as const satisfies readonly WellnessField[];

export const EDITABLE_KEYS: readonly EditableKey[] = WELLNESS_FIELDS.map((f) => f.key);

type FieldFor<K extends EditableKey> = Extract<(typeof WELLNESS_FIELDS)[number], { key: K }>;

const byKey = new Map<EditableKey, WellnessField>(WELLNESS_FIELDS.map((f) => [f.key, f]));

export function fieldFor<K extends EditableKey>(key: K): FieldFor<K> {
  return byKey.get(key) as FieldFor<K>;
}

export function isEditableKey(key: string): key is EditableKey {
  return byKey.has(key as EditableKey);
}

/** "2 · Avg" style label for a scale value; undefined for values outside 1–4. */
export function scaleLabel(key: ScaleKey, value: number): string | undefined {
  return Number.isInteger(value) && value >= 1 && value <= 4 ? fieldFor(key).labels[value - 1] : undefined;
}

/** Number of decimals a step allows: 0.1 → 1, 1 → 0, 60 → 0. */
export function stepDecimals(step: number): number {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
