/**
 * History and undo: the last writes with the values they replaced, and Undo, which puts those back — one day through
 * the outbox like any save, a bulk write as one bulk request — verified by read-back.
 */
import { invalidInput } from '~/lib/api/errors';
import type { UndoWellnessResult, WellnessHistoryEntry } from '~/lib/wellness/views';
import { requireAthlete, type Services } from '../services/context';
import { getUndo, listUndo, markUndone } from '../store/undo-log';
import { queueEdit } from '../store/wellness-outbox';
import { writeDays } from './bulk-lock';
import { deliverAndReport } from './handlers';

/** Days of a bulk write listed in the history (the count says how many there were). */
const HISTORY_DAYS_SHOWN = 10;

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
  if (!entry || entry.athleteId !== athlete.id) throw invalidInput('That change is no longer in the history.');
  if (entry.undoneAt !== null) throw invalidInput('That change was already undone.');
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
  const result = await writeDays(services, athlete.id, days, 'undo');
  return { status: 'saved', unconfirmed: result.details };
}
