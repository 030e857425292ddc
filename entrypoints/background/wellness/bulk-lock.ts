/**
 * Lock or unlock a date range: a preview of the days that would change, then one `wellness-bulk` write of just those
 * days, read back to report any day the server did not change.
 */
import { invalidInput } from '~/lib/api/errors';
import type { Wellness, WellnessDay } from '~/lib/api/types';
import { addDays, daysBetween, isIsoDate } from '~/lib/dates';
import type { ConnectedAthlete } from '~/lib/settings';
import { type EditableKey, normalizePatch, unconfirmedFields } from '~/lib/wellness';
import type { BulkLockPreview, BulkLockRequest, BulkLockResult } from '~/lib/wellness/views';
import { athleteToday, requireAthlete, type Services } from '../services/context';
import { putCached, wellnessDayCacheKey } from '../store/cache';
import { addUndo, type UndoDay, type WriteKind } from '../store/undo-log';
import { dropFields } from '../store/wellness-outbox';
import { checkWritableDate } from './handlers';

/** The longest range a bulk lock takes. */
export const BULK_MAX_DAYS = 366;

async function readRange(services: Services, athlete: ConnectedAthlete, request: BulkLockRequest) {
  const { oldest, newest } = request;
  if (!isIsoDate(oldest) || !isIsoDate(newest)) throw invalidInput('Enter both dates as YYYY-MM-DD.');
  if (oldest > newest) throw invalidInput('The first day must not be after the last day.');
  const days = daysBetween(oldest, newest) + 1;
  if (days > BULK_MAX_DAYS) throw invalidInput(`Choose at most ${BULK_MAX_DAYS} days.`);
  checkWritableDate(newest, athleteToday(services, athlete));
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
  const result = await writeDays(
    services,
    athlete.id,
    change.map((date) => ({ date, patch: { locked }, restore: { locked: !locked } })),
    locked ? 'bulk-lock' : 'bulk-unlock',
  );
  return { oldest, newest, locked, days, changed: result.confirmed, unconfirmed: result.unconfirmed };
}

/** Writes several days in one bulk request, reads them back, logs what was confirmed (bulk lock and its undo). */
export async function writeDays(services: Services, athleteId: string, days: UndoDay[], kind: WriteKind) {
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
    await putCached(wellnessDayCacheKey(athleteId, day.date), held, now);
    const missing = unconfirmedFields(day.patch, held);
    if (missing.length > 0) unconfirmed.push({ date: day.date, fields: missing });
    else confirmed.push(day);
    // This write is newer than any pending edit of these fields: the outbox must not put older values back.
    await dropFields(athleteId, day.date, Object.keys(day.patch) as EditableKey[]);
  }
  if (confirmed.length > 0) await addUndo({ athleteId, at: now, kind, days: confirmed, undoneAt: null });
  return { confirmed: confirmed.map((d) => d.date), unconfirmed: unconfirmed.map((d) => d.date), details: unconfirmed };
}
