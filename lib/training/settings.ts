/**
 * Training settings the popup edits, per sport (intervals.icu's sport settings): FTP, indoor FTP, W′, LTHR, max HR and
 * threshold pace. The ranges, the form's parsing (W′ typed in kJ, pace as m:ss in the sport's unit) and which fields
 * changed live here, shared by the form and the background's own check. Pure: no browser, network or storage.
 */
import type { SportSettings } from '../api/types';
import {
  formatPace,
  isPaceUnit,
  type PaceUnit,
  paceBounds,
  paceSecsToSpeed,
  paceUnitLabel,
  parsePace,
  speedToPaceSecs,
} from './pace';

export const TRAINING_KEYS = ['ftp', 'indoor_ftp', 'w_prime', 'lthr', 'max_hr', 'threshold_pace'] as const;
export type TrainingKey = (typeof TRAINING_KEYS)[number];

/** A partial write of one sport's settings, in API units (W, J, bpm, m/s): only the fields that change. */
export type TrainingPatch = Partial<Pick<SportSettings, TrainingKey>>;

/** The settings of one sport as the popup shows them, with intervals.icu's own estimates. */
export interface SportSettingsView extends Pick<SportSettings, TrainingKey | 'pace_units'> {
  id: number;
  /** The activity types these settings cover; the first names the sport ("Ride"). */
  types: string[];
  /** intervals.icu's estimates from its power model, where it has them (W, J). */
  estimate: { eftp: number | null; wPrime: number | null; from: 'wellness' | 'power-model' } | null;
}

export const TRAINING_LABELS: Readonly<Record<TrainingKey, string>> = {
  ftp: 'FTP',
  indoor_ftp: 'Indoor FTP',
  w_prime: 'W′',
  lthr: 'LTHR',
  max_hr: 'Max HR',
  threshold_pace: 'Threshold pace',
};

const WATTS = { min: 30, max: 2000 };
const BPM = { min: 60, max: 240 };
/** W′ in kJ as typed; the API keeps joules. */
const W_PRIME_KJ = { min: 1, max: 100 };

export type TrainingForm = Partial<Record<TrainingKey, string>>;

/** A sport's settings as the form's starting text: W′ in kJ, pace as m:ss in the sport's unit. */
export function toTrainingForm(settings: Pick<SportSettings, TrainingKey | 'pace_units'>): TrainingForm {
  const text = (n: number | undefined) => (typeof n === 'number' ? String(n) : '');
  const pace = isPaceUnit(settings.pace_units) ? paceFromSpeed(settings.threshold_pace, settings.pace_units) : '';
  return {
    ftp: text(settings.ftp),
    indoor_ftp: text(settings.indoor_ftp),
    w_prime: typeof settings.w_prime === 'number' ? String(Math.round(settings.w_prime / 100) / 10) : '',
    lthr: text(settings.lthr),
    max_hr: text(settings.max_hr),
    threshold_pace: pace,
  };
}

function paceFromSpeed(metresPerSecond: number | undefined, unit: Exclude<PaceUnit, 'NONE'>): string {
  return formatPace(speedToPaceSecs(metresPerSecond, unit));
}

export interface TrainingFormResult {
  ok: boolean;
  errors: Partial<Record<TrainingKey, string>>;
  /** What to send: only the fields whose value changed, in API units. */
  patch: TrainingPatch;
}

function wholeNumber(text: string, label: string, { min, max }: { min: number; max: number }, unit: string) {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { error: `${label} must be a whole number of ${unit}` };
  const value = Number(trimmed);
  if (value < min || value > max) return { error: `${label} must be between ${min} and ${max} ${unit}` };
  return { value };
}

/**
 * The form against the settings it was filled from: per-field messages, and the changed fields in API units. A field
 * emptied that had a value is refused (intervals.icu documents no way to clear these through the API), so nothing
 * goes out half-understood.
 */
export function validateTrainingForm(
  form: TrainingForm,
  loaded: Pick<SportSettings, TrainingKey | 'pace_units'>,
): TrainingFormResult {
  const errors: TrainingFormResult['errors'] = {};
  const patch: Record<string, number> = {};
  const start = toTrainingForm(loaded);
  for (const key of TRAINING_KEYS) {
    const text = form[key];
    if (text === undefined || text.trim() === (start[key] ?? '').trim()) continue; // untouched
    const label = TRAINING_LABELS[key];
    if (text.trim() === '') {
      errors[key] = `${label} cannot be cleared from here: set it on intervals.icu`;
      continue;
    }
    let parsed: { value?: number; error?: string };
    switch (key) {
      case 'ftp':
      case 'indoor_ftp':
        parsed = wholeNumber(text, label, WATTS, 'W');
        break;
      case 'lthr':
      case 'max_hr':
        parsed = wholeNumber(text, label, BPM, 'bpm');
        break;
      case 'w_prime': {
        const kj = Number(text.trim().replace(',', '.'));
        parsed =
          /^\d+([.,]\d)?$/.test(text.trim()) && kj >= W_PRIME_KJ.min && kj <= W_PRIME_KJ.max
            ? { value: Math.round(kj * 1000) }
            : { error: `W′ must be between ${W_PRIME_KJ.min} and ${W_PRIME_KJ.max} kJ, at most one decimal` };
        break;
      }
      case 'threshold_pace':
        parsed = parseThresholdPace(text, loaded.pace_units);
        break;
    }
    if (parsed.error !== undefined) errors[key] = parsed.error;
    else if (parsed.value !== undefined) patch[key] = parsed.value;
  }
  const lthr = patch.lthr ?? loaded.lthr;
  const maxHr = patch.max_hr ?? loaded.max_hr;
  if (!errors.lthr && !errors.max_hr && typeof lthr === 'number' && typeof maxHr === 'number' && lthr >= maxHr) {
    errors[patch.lthr !== undefined ? 'lthr' : 'max_hr'] = `LTHR (${lthr} bpm) must be below max HR (${maxHr} bpm)`;
  }
  return { ok: Object.keys(errors).length === 0, errors, patch: patch as TrainingPatch };
}

function parseThresholdPace(text: string, unit: PaceUnit | undefined): { value?: number; error?: string } {
  if (!isPaceUnit(unit)) return { error: 'This sport has no pace unit: set one on intervals.icu first' };
  const secs = parsePace(text);
  const label = paceUnitLabel(unit);
  if (secs === undefined)
    return { error: `Enter the pace as m:ss ${label}, e.g. ${unit.startsWith('MINS') ? '4:20' : '1:35'}` };
  const { fastest, slowest } = paceBounds(unit);
  if (secs < fastest || secs > slowest) {
    return { error: `Threshold pace must be between ${formatPace(fastest)} and ${formatPace(slowest)} ${label}` };
  }
  return { value: paceSecsToSpeed(secs, unit) };
}

/**
 * Whether the server holds what was sent: integers exactly, the pace to within float32 storage (about 7 digits) and
 * the second a form shows.
 */
export function sameSetting(key: TrainingKey, a: unknown, b: unknown): boolean {
  if (typeof a !== 'number' || typeof b !== 'number') return a === b || (a == null && b == null);
  if (key === 'threshold_pace') return Math.abs(a - b) <= 1e-4 * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
}

/** Fields of `patch` that a read-back does not hold. */
export function unconfirmedSettings(patch: TrainingPatch, readBack: Partial<SportSettings>): TrainingKey[] {
  return TRAINING_KEYS.filter((key) => patch[key] !== undefined && !sameSetting(key, patch[key], readBack[key]));
}

/**
 * Fields outside `patch` that changed between `before` and `after` (ignoring `updated` and the zones a recalculation
 * may rewrite): a sign that the server treated a partial body as the whole record.
 */
export function changedBesides(
  patch: TrainingPatch,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  alsoExpected: readonly string[] = [],
): string[] {
  const expected = new Set<string>(['updated', ...Object.keys(patch), ...alsoExpected]);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !expected.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** "FTP 290 W", "W′ 19.5 kJ", "Threshold pace 4:20 /km": one value with its unit, for history lines. */
export function settingText(key: TrainingKey, value: number | null | undefined, unit?: PaceUnit | null): string {
  if (typeof value !== 'number') return '—';
  switch (key) {
    case 'ftp':
    case 'indoor_ftp':
      return `${value} W`;
    case 'w_prime':
      return `${Math.round(value / 100) / 10} kJ`;
    case 'lthr':
    case 'max_hr':
      return `${value} bpm`;
    case 'threshold_pace':
      return isPaceUnit(unit) ? `${paceFromSpeed(value, unit)} ${paceUnitLabel(unit)}` : `${value.toFixed(2)} m/s`;
  }
}

const API_RANGES: Readonly<Record<TrainingKey, { min: number; max: number; integer: boolean }>> = {
  ftp: { ...WATTS, integer: true },
  indoor_ftp: { ...WATTS, integer: true },
  w_prime: { min: W_PRIME_KJ.min * 1000, max: W_PRIME_KJ.max * 1000, integer: true },
  lthr: { ...BPM, integer: true },
  max_hr: { ...BPM, integer: true },
  // m/s: the same 0.3–7 m/s the pace bounds allow.
  threshold_pace: { min: 0.3, max: 7, integer: false },
};

/** The background's own check of a patch in API units: known fields, numbers in range. */
export function checkTrainingPatch(patch: unknown): { patch: TrainingPatch } | { problem: string } {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch))
    return { problem: 'The settings changes are missing.' };
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!(TRAINING_KEYS as readonly string[]).includes(key))
      return { problem: `"${key}" is not a setting the popup writes.` };
    const range = API_RANGES[key as TrainingKey];
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= range.min &&
      value <= range.max &&
      (!range.integer || Number.isInteger(value));
    if (!ok) return { problem: `${TRAINING_LABELS[key as TrainingKey]}: ${JSON.stringify(value)} is out of range.` };
    out[key] = value;
  }
  if (Object.keys(out).length === 0) return { problem: 'Nothing to save: no setting changed.' };
  return { patch: out as TrainingPatch };
}
