/**
 * The wellness form's input → per-field messages and API-ready values (kg, seconds, integers on 1–4 scales), and the
 * background's check of a patch any surface sends. Empty input means "no value": it becomes the field's clear value
 * (`-1` for numbers, see catalogue.ts), which clears the field if the day had one. `-1` typed by the user is out of
 * every range and gets the range message.
 */

import { addDays, type IsoDate, isIsoDate } from '../dates';
import {
  type DurationField,
  type EditableKey,
  fieldFor,
  isEditableKey,
  type NumberField,
  type NumericKey,
  type ScaleField,
  type ScaleKey,
  stepDecimals,
  type TextField,
  WELLNESS_FIELDS,
  type WellnessPatch,
} from './catalogue';
import { diffWellness, isEmptyValue, sameValue, type WellnessLike } from './diff';
import {
  hoursMinutesToSecs,
  KG_PER_LB,
  roundTo,
  secsToHoursMinutes,
  type WeightUnit,
  weightFromKg,
  weightToKg,
} from './units';

/** A number or scale input: text as typed, or a number from a picker; empty/null = no value. */
export type RawInput = string | number | null | undefined;

/** Sleep as two inputs (hours, minutes) or one text ("7:30", "7h30", "7.5"). */
export type SleepInput = { hours: RawInput; minutes: RawInput } | RawInput;

export type WellnessFormValues = { [K in NumericKey | ScaleKey]?: RawInput } & {
  sleepSecs?: SleepInput;
  comments?: string | null;
  locked?: boolean;
};

export interface ValidateOptions {
  /** Today in the athlete's time zone (see `todayIn`). */
  today: IsoDate;
  /** The day being edited. */
  date: IsoDate;
  /** The unit weight is typed in (the API gets kg). */
  weightUnit?: WeightUnit;
  /** The day as loaded: a value the user left unchanged is accepted even outside our ranges (a device wrote it). */
  loaded?: WellnessLike;
}

export type FormErrorKey = EditableKey | 'date';

export interface WellnessFormResult {
  ok: boolean;
  /** One specific message per field that can't be sent. */
  errors: Partial<Record<FormErrorKey, string>>;
  /** Every valid field present on the form, API-ready; emptied ones hold their clear value. */
  values: WellnessPatch;
  /** `values` minus what `loaded` already holds: what to send. */
  patch: WellnessPatch;
}

type Loose = Partial<Record<EditableKey, unknown>>;

/** A value, or a message; `understood` is a value that was read fine but is not allowed (out of range, ...). */
type Parsed<T> = { value: T | null } | { error: string; understood?: T };

const ENTER_A_NUMBER = 'Enter a number';

const isBlank = (raw: RawInput): boolean => raw === undefined || raw === null || String(raw).trim() === '';

// Spaces (incl. no-break and thin) group digits: "10 000" is ten thousand.
const GROUP_SPACES = /[\s\u00a0\u202f_]/g;
const NUMBER_TEXT = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

interface ReadNumber {
  value: number;
  /** Decimals typed, trailing zeros ignored. */
  decimals: number;
  /** A decimal separator was typed: whole-number fields refuse it, since "10,000" steps could mean ten. */
  fractional: boolean;
}

/** Text → number, accepting a decimal comma ("70,5"). */
function readNumber(raw: string | number): ReadNumber | undefined {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return undefined;
    return { value: raw, decimals: stepDecimals(Math.abs(raw)), fractional: !Number.isInteger(raw) };
  }
  const text = raw.replace(GROUP_SPACES, '');
  if (!NUMBER_TEXT.test(text)) return undefined;
  const normalized = text.replace(',', '.');
  const fraction = normalized.split('.')[1];
  return {
    value: Number(normalized),
    decimals: (fraction ?? '').replace(/0+$/, '').length,
    fractional: fraction !== undefined,
  };
}

function formatBound(value: number, unit: string): string {
  if (!unit) return String(value);
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

function rangeMessage(label: string, min: number, max: number, unit: string): string {
  return `${label} must be between ${min} and ${formatBound(max, unit)}`;
}

/** Weight bounds in the typed unit, rounded inwards so every number the message allows is accepted. */
function weightBounds(field: NumberField, unit: WeightUnit): { min: number; max: number } {
  if (unit === 'kg') return { min: field.min, max: field.max };
  return { min: Math.ceil((field.min / KG_PER_LB) * 10) / 10, max: Math.floor((field.max / KG_PER_LB) * 10) / 10 };
}

function parseNumberField(field: NumberField, raw: RawInput, weightUnit: WeightUnit): Parsed<number> {
  if (isBlank(raw)) return { value: null };
  const read = readNumber(raw as string | number);
  if (!read) return { error: ENTER_A_NUMBER };
  const unit = field.key === 'weight' ? weightUnit : undefined;
  const understood = unit ? weightToKg(read.value, unit) : read.value;
  const decimals = stepDecimals(field.step);
  if (decimals === 0 && read.fractional) return { error: `${field.label} must be a whole number`, understood };
  if (read.decimals > decimals) {
    return { error: `${field.label} takes at most ${decimals} decimal${decimals === 1 ? '' : 's'}`, understood };
  }
  const { min, max } = unit ? weightBounds(field, unit) : field;
  if (read.value < min || read.value > max) {
    return { error: rangeMessage(field.label, min, max, unit ?? field.unit), understood };
  }
  return { value: understood };
}

function parseScaleField(field: ScaleField, raw: RawInput): Parsed<number> {
  if (isBlank(raw)) return { value: null };
  const read = readNumber(raw as string | number);
  if (!read || read.fractional || read.value < field.min || read.value > field.max) {
    return {
      error: `${field.label} must be a whole number from ${field.min} to ${field.max}`,
      understood: read?.value,
    };
  }
  return { value: read.value };
}

const SLEEP_EXAMPLE = 'Enter sleep as hours and minutes, e.g. 7:30';

function wholeNumber(raw: RawInput): number | undefined {
  if (isBlank(raw)) return 0;
  const read = readNumber(raw as string | number);
  return read && !read.fractional && read.value >= 0 ? read.value : undefined;
}

/** Sleep text → seconds: "7:30", "7h30", "7 h 30 min", "7h", or decimal hours "7.5". */
function sleepTextToSecs(text: string): number | undefined {
  const clock = /^(\d{1,2})\s*(?::|h)\s*(\d{1,2})?\s*(?:m|min)?$/i.exec(text);
  if (clock) {
    const minutes = Number(clock[2] ?? 0);
    return minutes < 60 ? hoursMinutesToSecs({ hours: Number(clock[1]), minutes }) : undefined;
  }
  const read = readNumber(text);
  return read ? Math.round(read.value * 60) * 60 : undefined; // negative: the range message follows
}

function parseSleep(field: DurationField, raw: SleepInput): Parsed<number> {
  let secs: number | undefined;
  if (raw !== null && typeof raw === 'object') {
    if (isBlank(raw.hours) && isBlank(raw.minutes)) return { value: null };
    const hours = wholeNumber(raw.hours);
    const minutes = wholeNumber(raw.minutes);
    if (hours === undefined) return { error: 'Sleep hours must be a whole number' };
    if (minutes === undefined || minutes > 59) return { error: 'Sleep minutes must be a whole number from 0 to 59' };
    secs = hoursMinutesToSecs({ hours, minutes });
  } else {
    if (isBlank(raw)) return { value: null };
    secs = typeof raw === 'number' ? Math.round(raw * 60) * 60 : sleepTextToSecs(String(raw).trim());
    if (secs === undefined || !Number.isFinite(secs)) return { error: SLEEP_EXAMPLE };
  }
  if (secs < field.min || secs > field.max) return { error: 'Sleep must be between 0 and 24 h', understood: secs };
  return { value: secs };
}

function parseComments(field: TextField, raw: string | null | undefined): Parsed<string> {
  if (raw === undefined || raw === null || raw.trim() === '') return { value: null };
  if (raw.length > field.maxLength) {
    return {
      error: `${field.label} must be at most ${field.maxLength} characters (now ${raw.length})`,
      understood: raw,
    };
  }
  return { value: raw };
}

/** A device may write values outside our ranges; leaving such a value untouched must not block saving the rest. */
function unchangedFromLoaded(key: EditableKey, understood: unknown, loaded: WellnessLike | undefined): boolean {
  // A typed -1 "equals" an empty loaded field (both empty): it is still refused, never taken for "unchanged".
  if (understood === undefined || isEmptyValue(key, understood) || loaded === undefined) return false;
  return sameValue(key, understood, (loaded as Loose)[key]);
}

function validateDate(options: ValidateOptions): string | undefined {
  if (!isIsoDate(options.date)) return 'Enter the date as YYYY-MM-DD';
  if (options.date > addDays(options.today, 1)) return 'Wellness can only be entered up to tomorrow';
  return undefined;
}

export function validateWellnessForm(form: WellnessFormValues, options: ValidateOptions): WellnessFormResult {
  const errors: WellnessFormResult['errors'] = {};
  const values: Record<string, unknown> = {};
  const input = form as Record<string, unknown>;

  const dateError = validateDate(options);
  if (dateError) errors.date = dateError;

  for (const field of WELLNESS_FIELDS) {
    const raw = input[field.key];
    if (raw === undefined) continue; // not on the form: left alone
    let parsed: Parsed<unknown>;
    switch (field.kind) {
      case 'number':
        parsed = parseNumberField(field, raw as RawInput, options.weightUnit ?? 'kg');
        break;
      case 'scale':
        parsed = parseScaleField(field, raw as RawInput);
        break;
      case 'duration':
        parsed = parseSleep(field, raw as SleepInput);
        break;
      case 'text':
        parsed = parseComments(field, raw as string | null);
        break;
      case 'toggle':
        parsed = { value: raw === true };
        break;
    }
    if ('error' in parsed && !unchangedFromLoaded(field.key, parsed.understood, options.loaded)) {
      errors[field.key] = parsed.error;
    } else {
      values[field.key] = ('error' in parsed ? parsed.understood : parsed.value) ?? field.clearValue;
    }
  }

  const patch = diffWellness(options.loaded ?? {}, values as WellnessPatch);
  return { ok: Object.keys(errors).length === 0, errors, values: values as WellnessPatch, patch };
}

/**
 * A loaded day as the form's starting values: weight in the athlete's unit, sleep as hours and minutes, numbers rounded
 * to their field's step. Validating these unchanged yields an empty patch.
 */
export function toFormValues(day: WellnessLike, weightUnit: WeightUnit = 'kg'): WellnessFormValues {
  const loaded = day as Record<string, unknown>;
  const form: Record<string, unknown> = {};
  for (const field of WELLNESS_FIELDS) {
    const value = loaded[field.key];
    switch (field.kind) {
      case 'number':
      case 'scale': {
        if (typeof value !== 'number') form[field.key] = '';
        else if (field.key === 'weight') form[field.key] = String(weightFromKg(value, weightUnit));
        else form[field.key] = String(roundTo(value, stepDecimals(field.step)));
        break;
      }
      case 'duration': {
        const hm = typeof value === 'number' ? secsToHoursMinutes(value) : undefined;
        form[field.key] = { hours: hm ? String(hm.hours) : '', minutes: hm ? String(hm.minutes) : '' };
        break;
      }
      case 'text':
        form[field.key] = typeof value === 'string' ? value : '';
        break;
      case 'toggle':
        form[field.key] = value === true;
        break;
    }
  }
  return form as WellnessFormValues;
}

/** Why `value` cannot be written to `key`, or undefined when it can (the field's clear value always can). */
export function fieldValueProblem(key: EditableKey, value: unknown): string | undefined {
  if (isEmptyValue(key, value)) return undefined;
  const field = fieldFor(key);
  let ok: boolean;
  switch (field.kind) {
    case 'text':
      ok = typeof value === 'string' && value.length <= field.maxLength;
      break;
    case 'toggle':
      ok = typeof value === 'boolean';
      break;
    default:
      ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= field.min &&
        value <= field.max &&
        (field.kind !== 'scale' || Number.isInteger(value));
  }
  return ok ? undefined : `${field.label}: ${JSON.stringify(value)} is out of range.`;
}

/**
 * The background's check of a patch from any surface (the form validates first; other features save too): known
 * fields, values in range, `null` read as the clear value. Returns the wire-ready patch, or the reason it is refused.
 */
export function checkWellnessPatch(patch: unknown): { patch: WellnessPatch } | { problem: string } {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch))
    return { problem: 'The wellness changes are missing.' };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!isEditableKey(key)) return { problem: `"${key}" is not a wellness field the extension writes.` };
    const problem = fieldValueProblem(key, value);
    if (problem) return { problem };
    out[key] = value === null ? fieldFor(key).clearValue : value;
  }
  return { patch: out as WellnessPatch };
}
