/**
 * The one catalogue of wellness fields the extension edits, in the popup form's order. Every range, unit, scale label
 * and "how to clear" lives here so the form, validation, diffs and the stand-in agree.
 *
 * API names are the exact camelCase of the OpenAPI `Wellness` schema. The API is metric; imperial weight is a display
 * concern (see units.ts).
 */
import type { Wellness } from '../api/types';

export type InputKind = 'number' | 'scale' | 'duration' | 'text' | 'toggle';

/**
 * What a partial PUT sends to empty a field. Numbers: `-1`, as the intervals.icu developer documented when announcing
 * the wellness endpoints ("Only include fields you want to change … To 'unset' numeric fields send -1", forum thread
 * "API access to Intervals.icu", post 34); nothing public shows `null` clearing anything, so a null is never sent.
 * `comments` (a string): `""` — assumed, not documented. `locked`: `false` — whether the API accepts it is
 * uncertain. Every write is read back (see unconfirmedFields), so a clear the server ignores is reported.
 */
export type ClearValue = -1 | '' | false;

/** Documented by intervals.icu: `-1` unsets a numeric wellness field. */
export const NUMBER_CLEAR_VALUE = -1;

interface FieldBase<K extends keyof Wellness> {
  key: K;
  label: string;
  /** A short clarification shown next to the label, e.g. which HRV measure. */
  hint?: string;
  kind: InputKind;
  /** The value a partial PUT sends to empty the field (see ClearValue): the one place that decides it. */
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

/**
 * A partial write: a value sets the field, the field's clear value (`-1`, `""`, `false`) empties it, an absent key
 * leaves it alone. Exactly what goes on the wire. A `null` (older outbox entries) is read as the clear value by
 * `normalizePatch`.
 */
export type WellnessPatch = { [K in EditableKey]?: NonNullable<Wellness[K]> };

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
  clearValue: NUMBER_CLEAR_VALUE,
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
  clearValue: NUMBER_CLEAR_VALUE,
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
    clearValue: NUMBER_CLEAR_VALUE,
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
    clearValue: '',
  } satisfies TextField,
  // An unlocked day is the server's default (a day never locked reads back `locked: null`), so "no lock" is false.
  { key: 'locked', label: 'Locked', kind: 'toggle', clearValue: false } satisfies ToggleField,
] as const satisfies readonly WellnessField[];

export const EDITABLE_KEYS: readonly EditableKey[] = WELLNESS_FIELDS.map((f) => f.key);

type FieldFor<K extends EditableKey> = Extract<(typeof WELLNESS_FIELDS)[number], { key: K }>;

const byKey = new Map<EditableKey, WellnessField>(WELLNESS_FIELDS.map((f) => [f.key, f]));

export function fieldFor<K extends EditableKey>(key: K): FieldFor<K> {
  return byKey.get(key) as FieldFor<K>;
}

/** What the wire carries to empty `key`. */
export function clearValueFor(key: EditableKey): ClearValue {
  return fieldFor(key).clearValue;
}

export function isEditableKey(key: string): key is EditableKey {
  return byKey.has(key as EditableKey);
}

/** Number of decimals a step allows: 0.1 → 1, 1 → 0, 60 → 0. */
export function stepDecimals(step: number): number {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
