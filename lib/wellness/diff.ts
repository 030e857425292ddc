/**
 * Patches between wellness days: what changed, how pending edits combine, how to undo a write, and whether the server
 * holds what was sent. Only catalogue fields take part; computed fields (ctl, atl, updated, ...) are never written.
 */
import type { Wellness } from '../api/types';
import { EDITABLE_KEYS, type EditableKey, fieldFor, type WellnessPatch } from './catalogue';

/** Anything carrying wellness values: a loaded day, the form's parsed values, or a patch (null = empty). */
export type WellnessLike = Partial<Wellness> | WellnessPatch;

type Loose = Partial<Record<EditableKey, unknown>>;

/** "No value" in every spelling the API and the form use: absent, null, an empty comment, an unlocked day. */
export function isEmptyValue(key: EditableKey, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (key === 'comments') return value === '';
  if (key === 'locked') return value === false;
  return false;
}

/**
 * Numbers are equal when they differ by less than half the field's step: 70 and 70.0 and the float32 70.19999694 the
 * server may store for 70.2 are one weight, and a device's 27015 s of sleep is the form's unchanged 7:30.
 */
export function sameValue(key: EditableKey, a: unknown, b: unknown): boolean {
  const emptyA = isEmptyValue(key, a);
  const emptyB = isEmptyValue(key, b);
  if (emptyA || emptyB) return emptyA && emptyB;
  const field = fieldFor(key);
  if ('step' in field && typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= field.step / 2 + 1e-9;
  }
  return a === b;
}

/** The catalogue keys `values` carries, in catalogue order so results read like the form. */
function ownEditableKeys(values: object): EditableKey[] {
  return EDITABLE_KEYS.filter((key) => Object.hasOwn(values, key));
}

function clearValueFor(key: EditableKey): WellnessPatch[EditableKey] {
  return fieldFor(key).clearValue;
}

/**
 * The fields of `edited` that differ from `loaded`, emptied ones as their clear value (null). A key absent from
 * `edited` was not on the form and is left alone, so a partial edit (e.g. only `locked`) never clears the rest.
 */
export function diffWellness(loaded: WellnessLike, edited: WellnessLike): WellnessPatch {
  const from = loaded as Loose;
  const to = edited as Loose;
  const patch: Loose = {};
  for (const key of ownEditableKeys(edited)) {
    if (sameValue(key, from[key], to[key])) continue;
    patch[key] = isEmptyValue(key, to[key]) ? clearValueFor(key) : to[key];
  }
  return patch as WellnessPatch;
}

/** Two pending edits of the same day as one: `b` is later, so each field takes `b`'s value where `b` has one. */
export function mergeEdits(a: WellnessPatch, b: WellnessPatch): WellnessPatch {
  const merged: Loose = {};
  for (const patch of [a, b] as Loose[]) {
    for (const key of ownEditableKeys(patch)) {
      if (patch[key] !== undefined) merged[key] = patch[key];
    }
  }
  return merged as WellnessPatch;
}

/** The patch that puts back what `before` held for every field `patch` writes; fields empty before are cleared. */
export function undoPatch(before: WellnessLike, patch: WellnessPatch): WellnessPatch {
  const prior = before as Loose;
  const undo: Loose = {};
  for (const key of ownEditableKeys(patch)) {
    if ((patch as Loose)[key] === undefined) continue;
    undo[key] = isEmptyValue(key, prior[key]) ? clearValueFor(key) : prior[key];
  }
  return undo as WellnessPatch;
}

/** The day as the server should hold it after `patch`: only sent fields change, null removes a value. */
export function applyPatch(day: Partial<Wellness>, patch: WellnessPatch): Partial<Wellness> {
  const next: Record<string, unknown> = { ...day };
  for (const key of ownEditableKeys(patch)) {
    const value = (patch as Loose)[key];
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as Partial<Wellness>;
}

/**
 * Fields of `patch` that a read-back of the day does not reflect, e.g. a `locked: false` the server ignored or a null
 * that did not clear. Empty means the write is confirmed.
 */
export function unconfirmedFields(patch: WellnessPatch, readBack: WellnessLike): EditableKey[] {
  const held = readBack as Loose;
  return ownEditableKeys(patch).filter(
    (key) => (patch as Loose)[key] !== undefined && !sameValue(key, (patch as Loose)[key], held[key]),
  );
}

/** Equal on every catalogue field (empty spellings and formatting aside). */
export function sameWellness(a: WellnessLike, b: WellnessLike, keys: readonly EditableKey[] = EDITABLE_KEYS): boolean {
  return keys.every((key) => sameValue(key, (a as Loose)[key], (b as Loose)[key]));
}

export function isEmptyPatch(patch: WellnessPatch): boolean {
  return Object.values(patch).every((value) => value === undefined);
}
