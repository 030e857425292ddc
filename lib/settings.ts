/**
 * Settings, one `defineItem` (lib/storage-item.ts) each, in `storage.local`. Everything here may be read by content scripts (they
 * can read `storage.local`), so nothing secret belongs here: the API key lives in IndexedDB (entrypoints/background/store/secrets.ts).
 *
 * Each item has a `version`; a change of shape bumps it and adds a `migrations[newVersion]` function turning the old
 * value into the new one (WXT runs them on first access), with a test holding a value of every older version.
 *
 * `@__PURE__`: an item a bundle does not use is left out of it (the background uses three of these); defining one only
 * reads it, and any migrations still run before the first read wherever it is used.
 */

import type { AthleteProfile } from './athletes';
import type { AthleteSummary } from './messages';
import { DEFAULT_WORKOUT_FORMAT, isWorkoutFormat, type WorkoutFormat } from './plan/formats';
import { DEFAULT_VO2MAX_FORMULA, VO2MAX_LINES, type Vo2maxFormulaId, WEIGHT_KG_RANGE } from './power/vo2max';
import { defineItem } from './storage-item';

/**
 * The athlete the stored key was checked against, or (for a coach) the one the extension acts on: id, name, time zone
 * and units, all shown in the UI, nothing secret.
 */
export interface ConnectedAthlete extends AthleteSummary, Omit<AthleteProfile, keyof AthleteSummary> {}

/**
 * `local:connectedAthlete` — v1: `{ id, name, timezone }` or null when not connected. Written by a successful
 * "Check connection", removed by "Forget key".
 */
export const connectedAthlete = /* @__PURE__ */ defineItem<ConnectedAthlete | null>('local:connectedAthlete', {
  fallback: null,
  version: 1,
});

/**
 * `local:coachedAthletes` — v1: `{ athletes, fetchedAt }` from `GET /athletes` (the key's owner included), each kept to
 * id, name, time zone and units (lib/athletes.ts), or null before the first answer. Removed by "Forget key".
 */
export const coachedAthletes = /* @__PURE__ */ defineItem<{ athletes: AthleteProfile[]; fetchedAt: number } | null>(
  'local:coachedAthletes',
  { fallback: null, version: 1 },
);

/**
 * `local:actingAthlete` — v1: the id of the athlete the popup, options page and shortcuts act on (chosen in the
 * switcher), or null for the key's owner. Removed by "Forget key".
 */
export const actingAthlete = /* @__PURE__ */ defineItem<string | null>('local:actingAthlete', {
  fallback: null,
  version: 1,
});

/**
 * `local:vo2maxFormula` — v1: 'sitko' (Sitko et al. 2022, the default) or 'acsm' (ACSM leg cycling). Chosen in the
 * popup's VO2max card or on the options page. Read it with `readVo2maxFormula`, which ignores unknown values.
 */
export const vo2maxFormula = /* @__PURE__ */ defineItem<Vo2maxFormulaId>('local:vo2maxFormula', {
  fallback: DEFAULT_VO2MAX_FORMULA,
  version: 1,
});

/**
 * `local:vo2maxWeightOverride` — v1: kilograms (20–300) the user typed in the VO2max card, used instead of the
 * recorded weights for every estimate, or null (use wellness → curve → athlete weight). Removed by "Forget key".
 */
export const vo2maxWeightOverride = /* @__PURE__ */ defineItem<number | null>('local:vo2maxWeightOverride', {
  fallback: null,
  version: 1,
});

/** `local:vo2maxWindow` — v1: the window last chosen in the VO2max card ('42d', '90d', 's0', '1y', 'all'). */
export const vo2maxWindow = /* @__PURE__ */ defineItem<string>('local:vo2maxWindow', {
  fallback: '42d',
  version: 1,
});

/** The stored formula, or the default when the stored value is not a known formula. */
export async function readVo2maxFormula(): Promise<Vo2maxFormulaId> {
  const value = await vo2maxFormula.getValue();
  return Object.hasOwn(VO2MAX_LINES, value) ? value : DEFAULT_VO2MAX_FORMULA;
}

/** The stored weight override, or null when none (or an unusable value) is stored. */
export async function readVo2maxWeightOverride(): Promise<number | null> {
  const value = await vo2maxWeightOverride.getValue();
  return typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= WEIGHT_KG_RANGE.min &&
    value <= WEIGHT_KG_RANGE.max
    ? value
    : null;
}

/** CSV export: the delimiter between cells. ';' suits spreadsheets in locales that write decimals with a comma. */
export type CsvDelimiter = ',' | ';';

/** `local:exportDelimiter` — v1: ',' (default) or ';'. Set in the popup's Export section or on the export page. */
export const exportDelimiter = /* @__PURE__ */ defineItem<CsvDelimiter>('local:exportDelimiter', {
  fallback: ',',
  version: 1,
});

/** `local:exportBom` — v1: start CSV files with a UTF-8 byte order mark, so Excel reads accents right. Default off. */
export const exportBom = /* @__PURE__ */ defineItem<boolean>('local:exportBom', {
  fallback: false,
  version: 1,
});

/**
 * `local:exportStreamsExcluded` — v1: the stream choices (`STREAM_CHOICES` ids in lib/export/streams.ts, e.g.
 * 'latlng', 'other') left out of streams CSVs. Default [] (every stream the activity has): storing what is left out
 * means a stream type added later is exported until the user says otherwise.
 */
export const exportStreamsExcluded = /* @__PURE__ */ defineItem<string[]>('local:exportStreamsExcluded', {
  fallback: [],
  version: 1,
});

/**
 * `local:workoutFormat` — v1: the planned-workout file format one click downloads ('zwo' default, 'fit', 'erg',
 * 'mrc'). Set in the popup's Plan section or on the options page; read it with `readWorkoutFormat`.
 */
export const workoutFormat = /* @__PURE__ */ defineItem<WorkoutFormat>('local:workoutFormat', {
  fallback: DEFAULT_WORKOUT_FORMAT,
  version: 1,
});

/** The stored default format, or ZWO when the stored value is not a known format. */
export async function readWorkoutFormat(): Promise<WorkoutFormat> {
  const value = await workoutFormat.getValue();
  return isWorkoutFormat(value) ? value : DEFAULT_WORKOUT_FORMAT;
}

/**
 * The athlete a surface acts on: `athleteId` (the key's owner or a coached athlete), else the one chosen in the
 * switcher, else the owner. Null when not connected, or when `athleteId` is not one of them (a stale choice falls
 * back to the owner instead).
 */
export async function readActingAthlete(athleteId?: string): Promise<ConnectedAthlete | null> {
  const owner = await connectedAthlete.getValue();
  if (!owner) return null;
  const wanted = athleteId ?? (await actingAthlete.getValue()) ?? owner.id;
  if (wanted === owner.id) return owner;
  const coached = (await coachedAthletes.getValue())?.athletes.find((a) => a.id === wanted);
  return coached ?? (athleteId ? null : owner);
}
