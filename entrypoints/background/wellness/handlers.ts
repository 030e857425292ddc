/**
 * Quick wellness messages: load a day (cache, then network), save through the outbox (written to IndexedDB first,
 * then delivered by delivery.ts and read back), lock and unlock with an honest read-back, and the pending list.
 * Bulk lock is bulk-lock.ts, undo is undo.ts, the outbox instance and its wake-ups setup.ts.
 */
import { invalidInput } from '~/lib/api/errors';
import type { Athlete, Wellness } from '~/lib/api/types';
import { addDays, isIsoDate } from '~/lib/dates';
import {
  checkWellnessPatch,
  EDITABLE_KEYS,
  isEmptyPatch,
  type UnitPreferences,
  unconfirmedFields,
  type WellnessPatch,
  type WellnessValues,
  weightUnitFor,
} from '~/lib/wellness';
import type { PendingWellness, SaveWellnessResult, WellnessDayView, WellnessLockResult } from '~/lib/wellness/views';
import { athleteToday, requireAthlete, type Services } from '../services/context';
import { getCached, putCached, refresh, wellnessDayCacheKey } from '../store/cache';
import { discardEntry, getEntry, listEntries, type OutboxEntry, queueEdit } from '../store/wellness-outbox';
import { wellnessOutbox } from './setup';

/** How long a save waits for intervals.icu before answering "pending" (delivery goes on in the background). */
export const SAVE_WAIT_MS = 15_000;

const unitsCacheKey = (athleteId: string) => `athlete-units:${athleteId}`;

/** A day that can be written: a real date, not after tomorrow (athlete-local). */
export function checkWritableDate(date: string, today: string): void {
  if (!isIsoDate(date)) throw invalidInput(`Not a date: "${date}". Use YYYY-MM-DD.`);
  if (date > addDays(today, 1)) throw invalidInput('Wellness can only be entered up to tomorrow.');
}

/** The background's own check of a patch (lib/wellness/validate.ts), as the error the surfaces show. */
export function checkPatch(patch: unknown): WellnessPatch {
  const checked = checkWellnessPatch(patch);
  if ('problem' in checked) throw invalidInput(checked.problem);
  return checked.patch;
}

export function editableOf(day: Partial<Wellness>): WellnessValues {
  const values: Record<string, unknown> = {};
  for (const key of EDITABLE_KEYS) {
    const value = (day as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) values[key] = value;
  }
  return values as WellnessValues;
}

export function toPending({
  athleteId: _a,
  inFlight,
  before: _b,
  version: _v,
  origin: _o,
  settlesAt: _s,
  ...rest
}: OutboxEntry): PendingWellness {
  return { ...rest, sending: inFlight !== null };
}

async function weightUnit(services: Services, athleteId: string, fetch: boolean) {
  const key = unitsCacheKey(athleteId);
  let prefs = (await getCached<UnitPreferences>(key))?.value;
  if (!prefs && fetch) {
    try {
      const athlete: Athlete = await services.client.getAthlete(athleteId);
      prefs = { measurement_preference: athlete.measurement_preference, weight_pref_lb: athlete.weight_pref_lb };
      await putCached(key, prefs, services.now().getTime());
    } catch {
      // kg until the preference can be read
    }
  }
  return weightUnitFor(prefs);
}

export async function getWellnessDay(
  services: Services,
  request: { date?: string; source: 'cache' | 'network'; athleteId?: string },
): Promise<WellnessDayView> {
  const athlete = await requireAthlete(request.athleteId);
  const today = athleteToday(services, athlete);
  const date = request.date ?? today;
  if (!isIsoDate(date)) throw invalidInput(`Not a date: "${date}". Use YYYY-MM-DD.`);
  const key = wellnessDayCacheKey(athlete.id, date);
  const network = request.source === 'network';
  const [entry, unit, pending] = await Promise.all([
    network
      ? refresh(
          key,
          () => services.client.getWellness(athlete.id, date),
          () => services.now().getTime(),
        )
      : getCached<Wellness>(key),
    weightUnit(services, athlete.id, network),
    getEntry(athlete.id, date),
  ]);
  return {
    date,
    today,
    day: entry ? editableOf(entry.value) : null,
    fetchedAt: entry?.fetchedAt ?? null,
    pending: pending ? toPending(pending) : null,
    weightUnit: unit,
  };
}

/** Outbox first, then intervals.icu, then a read-back. Answers "pending" when the server can't be reached in time. */
export async function saveWellness(
  services: Services,
  request: { date: string; patch: WellnessPatch; athleteId?: string },
): Promise<SaveWellnessResult> {
  const athlete = await requireAthlete(request.athleteId);
  checkWritableDate(request.date, athleteToday(services, athlete));
  const patch = checkPatch(request.patch);
  if (isEmptyPatch(patch)) throw invalidInput('Nothing to save: no field changed.');
  await queueEdit({ athleteId: athlete.id, date: request.date, patch, now: services.now().getTime() });
  return deliverAndReport(services, athlete.id, request.date, patch);
}

/** Delivers the day's pending edit now and reports it, or "pending" when intervals.icu can't be reached in time. */
export async function deliverAndReport(
  services: Services,
  athleteId: string,
  date: string,
  patch: WellnessPatch,
): Promise<SaveWellnessResult> {
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    wellnessOutbox(services).deliver(athleteId, date, { quick: true }),
    new Promise<null>((resolve) => {
      timeout = setTimeout(() => resolve(null), SAVE_WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timeout));
  if (outcome?.status === 'saved') {
    return { status: 'saved', unconfirmed: unconfirmedFields(patch, outcome.day), day: editableOf(outcome.day) };
  }
  if (outcome?.status === 'idle') {
    // An earlier delivery of the day already carried these values; its read-back is in the cache.
    const cached = await getCached<Wellness>(wellnessDayCacheKey(athleteId, date));
    if (cached) {
      return { status: 'saved', unconfirmed: unconfirmedFields(patch, cached.value), day: editableOf(cached.value) };
    }
  }
  const entry = await getEntry(athleteId, date);
  const error = outcome?.status === 'pending' ? outcome.error : entry?.lastError;
  return { status: 'pending', unconfirmed: [], ...(error ? { error } : {}) };
}

export async function setWellnessLock(
  services: Services,
  request: { date: string; locked: boolean; athleteId?: string },
): Promise<WellnessLockResult> {
  if (typeof request.locked !== 'boolean') throw invalidInput('Say whether to lock or unlock the day.');
  const result = await saveWellness(services, {
    date: request.date,
    patch: { locked: request.locked },
    athleteId: request.athleteId,
  });
  return { ...result, requested: request.locked, locked: result.day ? result.day.locked === true : null };
}

export async function listPendingWellness(): Promise<PendingWellness[]> {
  const athlete = await requireAthlete();
  return (await listEntries(athlete.id)).map(toPending);
}

/** Tries now what is pending (one day or all), then answers what is still pending. */
export async function retryPending(services: Services, request: { date?: string } = {}): Promise<PendingWellness[]> {
  const athlete = await requireAthlete();
  await wellnessOutbox(services).deliverDue({ force: true, athleteId: athlete.id, date: request.date });
  return listPendingWellness();
}

export async function discardPending(services: Services, request: { date: string }): Promise<null> {
  const athlete = await requireAthlete();
  await discardEntry(athlete.id, request.date);
  await wellnessOutbox(services).reschedule();
  return null;
}
