/**
 * Quick wellness in the background: load a day (cache, then network), save through the outbox (written to IndexedDB
 * first, then delivered and read back), lock and unlock with an honest read-back, bulk lock a range, undo, and the
 * pending list. Delivery itself is wellness-outbox.ts; this file adds the athlete, the caches, the undo log and the
 * browser wiring (alarm, browser start, back online).
 */
import { browser } from 'wxt/browser';
import { IcuError } from '~/lib/api/errors';
import type { Athlete, Wellness, WellnessDay, WellnessUpdate } from '~/lib/api/types';
import { todayIn } from '~/lib/dates';
import type { Dashboard } from '~/lib/messages';
import { type ConnectedAthlete, connectedAthlete } from '~/lib/settings';
import {
  addDays,
  checkWellnessPatch,
  daysBetween,
  EDITABLE_KEYS,
  type EditableKey,
  isEmptyPatch,
  isIsoDate,
  normalizePatch,
  sameValue,
  type UnitPreferences,
  unconfirmedFields,
  undoPatch,
  type WellnessPatch,
  type WellnessValues,
  weightUnitFor,
} from '~/lib/wellness';
import type {
  BulkLockPreview,
  BulkLockRequest,
  BulkLockResult,
  PendingWellness,
  SaveWellnessResult,
  UndoWellnessResult,
  WellnessDayView,
  WellnessHistoryEntry,
  WellnessLockResult,
} from '~/lib/wellness/views';
import type { Services } from '../services/context';
import { dashboardCacheKey, toWellnessGlance } from '../services/dashboard';
import { getCached, putCached, refresh } from '../store/cache';
import { addUndo, getUndo, listUndo, markUndone, type UndoDay, type WriteKind } from '../store/undo-log';
import { discardEntry, dropFields, getEntry, listEntries, type OutboxEntry, queueEdit } from '../store/wellness-outbox';
import { createOutbox, type Delivered, type Outbox } from './delivery';

export const OUTBOX_ALARM = 'wellness-outbox';
/** How long a save waits for intervals.icu before answering "pending" (delivery goes on in the background). */
export const SAVE_WAIT_MS = 15_000;
/** The longest range a bulk lock takes. */
export const BULK_MAX_DAYS = 366;
/** Days of a bulk write listed in the history (the count says how many there were). */
const HISTORY_DAYS_SHOWN = 10;

export const dayCacheKey = (athleteId: string, date: string) => `wellness-day:${athleteId}:${date}`;
const unitsCacheKey = (athleteId: string) => `athlete-units:${athleteId}`;

const invalid = (message: string) => new IcuError({ kind: 'invalid', message });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function requireAthlete(): Promise<ConnectedAthlete> {
  const athlete = await connectedAthlete.getValue();
  if (!athlete)
    throw new IcuError({ kind: 'auth', message: 'Not connected: add your API key in the extension’s settings.' });
  return athlete;
}

const todayFor = (services: Services, athlete: ConnectedAthlete) => todayIn(athlete.timezone, services.now());

/** A day that can be written: a real date, not after tomorrow (athlete-local). */
function checkWritableDate(date: string, today: string): void {
  if (!isIsoDate(date)) throw invalid(`Not a date: "${date}". Use YYYY-MM-DD.`);
  if (date > addDays(today, 1)) throw invalid('Wellness can only be entered up to tomorrow.');
}

/** The background's own check of a patch (lib/wellness/validate.ts), as the error the surfaces show. */
export function checkPatch(patch: unknown): WellnessPatch {
  const checked = checkWellnessPatch(patch);
  if ('problem' in checked) throw invalid(checked.problem);
  return checked.patch;
}

function editableOf(day: Partial<Wellness>): WellnessValues {
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

function writeKind(origin: Delivered['origin'], patch: WellnessPatch): WriteKind {
  if (origin === 'undo') return 'undo';
  const keys = Object.keys(patch);
  if (keys.length === 1 && keys[0] === 'locked') return patch.locked ? 'lock' : 'unlock';
  return 'edit';
}

/** Keeps the popup's "Today" glance in step after a write of today. */
async function updateGlance(services: Services, athlete: ConnectedAthlete, date: string, day: Partial<Wellness>) {
  if (date !== todayFor(services, athlete)) return;
  const key = dashboardCacheKey(athlete.id);
  const cached = await getCached<Dashboard>(key);
  if (!cached) return;
  const wellness = toWellnessGlance({ ...day, id: date } as Wellness, date);
  await putCached(key, { ...cached.value, wellness }, cached.fetchedAt);
}

async function onDelivered(services: Services, delivered: Delivered): Promise<void> {
  const now = services.now().getTime();
  await putCached(dayCacheKey(delivered.athleteId, delivered.date), { ...delivered.day, id: delivered.date }, now);
  const athlete = await connectedAthlete.getValue();
  if (athlete?.id === delivered.athleteId) await updateGlance(services, athlete, delivered.date, delivered.day);

  // Only what the server took is undoable, and a write that changed nothing is not worth a line in the history.
  const written: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(delivered.sent) as [EditableKey, unknown][]) {
    if (!delivered.unconfirmed.includes(key)) written[key] = value;
  }
  const patch = written as WellnessPatch;
  const restore = undoPatch(delivered.before, patch);
  const changed = (Object.keys(patch) as EditableKey[]).some(
    (key) => !sameValue(key, (patch as Record<string, unknown>)[key], (restore as Record<string, unknown>)[key]),
  );
  if (!changed) return;
  await addUndo({
    athleteId: delivered.athleteId,
    at: now,
    kind: writeKind(delivered.origin, patch),
    days: [{ date: delivered.date, patch, restore }],
    undoneAt: null,
  });
}

// ---- the outbox of this background instance ------------------------------------------------------------------

const outboxes = new WeakMap<Services, Outbox>();
const timers = new WeakMap<Services, ReturnType<typeof setTimeout>>();

/** Stops the in-process retry timer of these services (tests; the alarm stays). */
export function stopWellnessTimer(services: Services): void {
  clearTimeout(timers.get(services));
}

export function wellnessOutbox(services: Services): Outbox {
  let outbox = outboxes.get(services);
  if (outbox) return outbox;
  const now = () => services.now().getTime();
  outbox = createOutbox({
    // normalizePatch: an entry queued by a version that cleared with null goes out with -1 (null changes nothing).
    put: (athleteId, date, patch) =>
      (services.singleAttemptClient ?? services.client).putWellness(
        athleteId,
        date,
        normalizePatch(patch) as WellnessUpdate,
      ),
    get: (athleteId, date) => services.client.getWellness(athleteId, date),
    now,
    sleep,
    instance: `${now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    async schedule(at) {
      stopWellnessTimer(services);
      if (at === null) {
        await browser.alarms.clear(OUTBOX_ALARM);
        return;
      }
      // The alarm wakes a stopped worker (browsers may round short delays up); the timer serves a live one promptly.
      await browser.alarms.create(OUTBOX_ALARM, { when: at });
      const delay = at - now();
      if (delay < 60_000)
        timers.set(
          services,
          setTimeout(() => void deliverDue(services), Math.max(0, delay) + 20),
        );
    },
    onDelivered: (delivered) => onDelivered(services, delivered),
  });
  outboxes.set(services, outbox);
  return outbox;
}

async function deliverDue(services: Services, options?: Parameters<Outbox['deliverDue']>[0]): Promise<void> {
  try {
    await wellnessOutbox(services).deliverDue(options);
  } catch (error) {
    console.error('[icu-companion] wellness delivery failed:', error instanceof Error ? error.name : typeof error);
  }
}

/**
 * Registered synchronously by the background's main: retries on the outbox alarm, at browser start and when the
 * network comes back; and a worker that starts for any reason picks up what is due (including attempts a stopped
 * worker left in doubt).
 */
export function setupWellness(services: Services): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void deliverDue(services);
  });
  browser.runtime.onStartup.addListener(() => void deliverDue(services, { force: true }));
  if (typeof globalThis.addEventListener === 'function') {
    globalThis.addEventListener('online', () => void deliverDue(services, { force: true }));
  }
  void deliverDue(services);
}

// ---- messages ---------------------------------------------------------------------------------------------------

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
  request: { date?: string; source: 'cache' | 'network' },
): Promise<WellnessDayView> {
  const athlete = await requireAthlete();
  const today = todayFor(services, athlete);
  const date = request.date ?? today;
  if (!isIsoDate(date)) throw invalid(`Not a date: "${date}". Use YYYY-MM-DD.`);
  const key = dayCacheKey(athlete.id, date);
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
  request: { date: string; patch: WellnessPatch },
): Promise<SaveWellnessResult> {
  const athlete = await requireAthlete();
  checkWritableDate(request.date, todayFor(services, athlete));
  const patch = checkPatch(request.patch);
  if (isEmptyPatch(patch)) throw invalid('Nothing to save: no field changed.');
  await queueEdit({ athleteId: athlete.id, date: request.date, patch, now: services.now().getTime() });
  return deliverAndReport(services, athlete.id, request.date, patch);
}

async function deliverAndReport(
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
    const cached = await getCached<Wellness>(dayCacheKey(athleteId, date));
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
  request: { date: string; locked: boolean },
): Promise<WellnessLockResult> {
  if (typeof request.locked !== 'boolean') throw invalid('Say whether to lock or unlock the day.');
  const result = await saveWellness(services, { date: request.date, patch: { locked: request.locked } });
  return { ...result, requested: request.locked, locked: result.day ? result.day.locked === true : null };
}

async function readRange(services: Services, athlete: ConnectedAthlete, request: BulkLockRequest) {
  const { oldest, newest } = request;
  if (!isIsoDate(oldest) || !isIsoDate(newest)) throw invalid('Enter both dates as YYYY-MM-DD.');
  if (oldest > newest) throw invalid('The first day must not be after the last day.');
  const days = daysBetween(oldest, newest) + 1;
  if (days > BULK_MAX_DAYS) throw invalid(`Choose at most ${BULK_MAX_DAYS} days.`);
  checkWritableDate(newest, todayFor(services, athlete));
  const list = await services.client.listWellness(athlete.id, oldest, newest);
  return { days, byDate: new Map(list.map((day) => [day.id as string, day])) };
}

function datesToChange(request: BulkLockRequest, byDate: Map<string, Wellness>): string[] {
  const out: string[] = [];
  for (let date = request.oldest; date <= request.newest; date = addDays(date, 1)) {
    if ((byDate.get(date)?.locked === true) !== request.locked) out.push(date);
  }
  return out;
}

export async function previewBulkLock(services: Services, request: BulkLockRequest): Promise<BulkLockPreview> {
  const athlete = await requireAthlete();
  const { days, byDate } = await readRange(services, athlete, request);
  const { oldest, newest, locked } = request;
  return { oldest, newest, locked, days, change: datesToChange(request, byDate) };
}

/** One `wellness-bulk` write of the days that change, then the range read back. */
export async function bulkLock(services: Services, request: BulkLockRequest): Promise<BulkLockResult> {
  const athlete = await requireAthlete();
  const { days, byDate } = await readRange(services, athlete, request);
  const change = datesToChange(request, byDate);
  const { oldest, newest, locked } = request;
  if (change.length === 0) return { oldest, newest, locked, days, changed: [], unconfirmed: [] };
  const result = await writeLocks(
    services,
    athlete.id,
    change.map((date) => ({ date, patch: { locked }, restore: { locked: !locked } })),
    locked ? 'bulk-lock' : 'bulk-unlock',
  );
  return { oldest, newest, locked, days, changed: result.confirmed, unconfirmed: result.unconfirmed };
}

/** Writes several days in one bulk request, reads them back, logs what was confirmed. */
async function writeLocks(services: Services, athleteId: string, days: UndoDay[], kind: WriteKind) {
  await services.client.putWellnessBulk(
    athleteId,
    days.map((day) => ({ id: day.date, ...normalizePatch(day.patch) }) as WellnessDay),
  );
  const dates = days.map((day) => day.date);
  const sorted = [...dates].sort();
  const first = sorted[0] as string;
  const last = sorted.at(-1) as string;
  const readBack = new Map(
    (await services.client.listWellness(athleteId, first, last)).map((d) => [d.id as string, d]),
  );
  const now = services.now().getTime();
  const confirmed: UndoDay[] = [];
  const unconfirmed: { date: string; fields: EditableKey[] }[] = [];
  for (const day of days) {
    const held = readBack.get(day.date) ?? { id: day.date };
    await putCached(dayCacheKey(athleteId, day.date), held, now);
    const missing = unconfirmedFields(day.patch, held);
    if (missing.length > 0) unconfirmed.push({ date: day.date, fields: missing });
    else confirmed.push(day);
    // This write is newer than any pending edit of these fields: the outbox must not put older values back.
    await dropFields(athleteId, day.date, Object.keys(day.patch) as EditableKey[]);
  }
  if (confirmed.length > 0) await addUndo({ athleteId, at: now, kind, days: confirmed, undoneAt: null });
  return { confirmed: confirmed.map((d) => d.date), unconfirmed: unconfirmed.map((d) => d.date), details: unconfirmed };
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

export async function listWellnessHistory(): Promise<WellnessHistoryEntry[]> {
  const athlete = await requireAthlete();
  return (await listUndo(athlete.id)).map((entry) => ({
    id: entry.id as number,
    at: entry.at,
    kind: entry.kind,
    days: entry.days.slice(0, HISTORY_DAYS_SHOWN),
    dayCount: entry.days.length,
    undone: entry.undoneAt !== null,
  }));
}

/** Puts back what a write replaced: one day through the outbox, a bulk write as one bulk request. */
export async function undoWellness(services: Services, request: { id: number }): Promise<UndoWellnessResult> {
  const athlete = await requireAthlete();
  const entry = await getUndo(request.id);
  if (!entry || entry.athleteId !== athlete.id) throw invalid('That change is no longer in the history.');
  if (entry.undoneAt !== null) throw invalid('That change was already undone.');
  const now = services.now().getTime();
  await markUndone(request.id, now);
  const [only] = entry.days;
  if (entry.days.length === 1 && only && !entry.kind.startsWith('bulk')) {
    await queueEdit({ athleteId: athlete.id, date: only.date, patch: only.restore, origin: 'undo', now });
    const result = await deliverAndReport(services, athlete.id, only.date, only.restore);
    return {
      status: result.status,
      unconfirmed: result.unconfirmed.length > 0 ? [{ date: only.date, fields: result.unconfirmed }] : [],
      ...(result.error ? { error: result.error } : {}),
    };
  }
  const days = entry.days.map((day) => ({ date: day.date, patch: day.restore, restore: day.patch }));
  const result = await writeLocks(services, athlete.id, days, 'undo');
  return { status: 'saved', unconfirmed: result.details };
}
