/**
 * Display units for wellness values. The API is metric (kg, seconds); athletes who prefer pounds see and type lb, and
 * sleep is edited as hours and minutes.
 */
import { HOUR_SECS } from './catalogue';

export type WeightUnit = 'kg' | 'lb';

/** Exact by definition (international avoirdupois pound). */
export const KG_PER_LB = 0.45359237;

/** kg sent to the API from a pound entry keep 2 decimals, so 0.1 lb steps survive the round trip. */
export const KG_DECIMALS_FROM_LB = 2;

/** The athlete fields that carry unit preferences (`GET /athlete/{id}`). */
export interface UnitPreferences {
  /** "meters" or "feet". */
  measurement_preference?: string;
  weight_pref_lb?: boolean;
}

/**
 * `weight_pref_lb` is intervals.icu's own weight setting and may differ from the general measurement preference, so it
 * decides when present; otherwise an imperial ("feet") athlete gets pounds.
 */
export function weightUnitFor(prefs: UnitPreferences | undefined): WeightUnit {
  if (typeof prefs?.weight_pref_lb === 'boolean') return prefs.weight_pref_lb ? 'lb' : 'kg';
  return prefs?.measurement_preference === 'feet' ? 'lb' : 'kg';
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Number.EPSILON nudges values like 1.005 that sit just below the half in binary.
  return Math.round((value + Math.sign(value) * Number.EPSILON * Math.abs(value)) * factor) / factor;
}

export const kgToLb = (kg: number): number => kg / KG_PER_LB;

export const lbToKg = (lb: number): number => lb * KG_PER_LB;

/** A weight as typed in the athlete's unit → kg for the API. */
export function weightToKg(value: number, unit: WeightUnit): number {
  return unit === 'lb' ? roundTo(lbToKg(value), KG_DECIMALS_FROM_LB) : value;
}

/** kg from the API → the athlete's unit, rounded to what the form shows (one decimal). */
export function weightFromKg(kg: number, unit: WeightUnit): number {
  return roundTo(unit === 'lb' ? kgToLb(kg) : kg, 1);
}

export interface HoursMinutes {
  hours: number;
  minutes: number;
}

/** Seconds → whole hours and minutes, rounded to the nearest minute (7:59:45 → 8 h 0 min). */
export function secsToHoursMinutes(secs: number): HoursMinutes {
  const totalMinutes = Math.round(Math.max(0, secs) / 60);
  return { hours: Math.floor(totalMinutes / 60), minutes: totalMinutes % 60 };
}

export function hoursMinutesToSecs({ hours, minutes }: HoursMinutes): number {
  return hours * HOUR_SECS + minutes * 60;
}

/** 27000 → "7:30". */
export function formatHoursMinutes(secs: number): string {
  const { hours, minutes } = secsToHoursMinutes(secs);
  return `${hours}:${String(minutes).padStart(2, '0')}`;
}
