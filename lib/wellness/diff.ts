/**
 * Patches between wellness days: what changed, how pending edits combine, how to undo a write, and whether the server
 * holds what was sent. Only catalogue fields take part; computed fields (ctl, atl, updated, ...) are never written.
 */
import type { Wellness } from '../api/types';
import { clearValueFor, EDITABLE_KEYS, type EditableKey, fieldFor, type WellnessPatch } from './catalogue';

/** Anything carrying wellness values: a loaded day, the form's parsed values, or a patch (clear value = empty). */
export type WellnessLike = Partial<Wellness> | WellnessPatch | { [K in EditableKey]?: Wellness[K] | null };

type Loose = Partial<Record<EditableKey, unknown>>;

/**
 * "No value" in every spelling the API, the form and a patch use: absent, null (a read-back of an empty field, e.g.
 * `locked: null` on a day never locked), or the field's clear value (`-1`, `""`, `false`). No catalogue range
 * includes `-1`, so it is never a user's value.
 */
export function isEmptyValue(key: EditableKey, value: unknown): boolean {
  return value === undefined || value === null || value === clearValueFor(key);
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

/**
 * The fields of `edited` that differ from `loaded`, emptied ones as their clear value. A key absent from
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

/**
 * Two pending edits of the same day as one: `b` is later, so each field takes `b`'s value where `b` has one — a later
 * set wins over an earlier clear and a later clear over an earlier set.
 */
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

/** The day as the server should hold it after `patch`: only sent fields change, a clear value removes one. */
export function applyPatch(day: Partial<Wellness>, patch: WellnessPatch): Partial<Wellness> {
  const next: Record<string, unknown> = { ...day };
  for (const key of ownEditableKeys(patch)) {
    const value = (patch as Loose)[key];
    if (value === undefined) continue;
    if (isEmptyValue(key, value)) delete next[key];
    else next[key] = value;
  }
  return next as Partial<Wellness>;
}

/**
 * A patch as the wire must carry it: a `null` (the "clear" of extension versions before -1, still in an outbox or
 * undo log written then) becomes the field's clear value, since intervals.icu ignores null.
 */
export function normalizePatch(patch: Partial<Record<EditableKey, unknown>>): WellnessPatch {
  const out: Loose = {};
  for (const key of ownEditableKeys(patch)) {
    const value = patch[key];
    if (value !== undefined) out[key] = value === null ? clearValueFor(key) : value;
  }
  return out as WellnessPatch;
}

/**
 * Fields of `patch` that a read-back of the day does not reflect, e.g. a `locked: false` the server ignored or a `-1`
 * that did not clear. A cleared field must read back empty (null or absent). Empty means the write is confirmed.
 */
export function unconfirmedFields(patch: WellnessPatch, readBack: WellnessLike): EditableKey[] {
  const held = readBack as Loose;
  return ownEditableKeys(patch).filter(
    (key) => (patch as Loose)[key] !== undefined && !sameValue(key, (patch as Loose)[key], held[key]),
  );
}

export function isEmptyPatch(patch: WellnessPatch): boolean {
  return Object.values(patch).every((value) => value === undefined);
}
