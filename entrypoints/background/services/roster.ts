/**
 * The roster page's data: each athlete's today (in their own time zone) from their wellness, one athlete per request
 * so the page shows progress and one refusal (403: the key may no longer see that athlete; 404) stays on its row;
 * and everyone's last-7-days load from one `athlete-summary` request. "Lock today" is `setWellnessLock` with the
 * row's athlete id, read back like every wellness write.
 */
import { IcuError } from '~/lib/api/errors';
import type { RosterRow } from '~/lib/coach-views';
import { addDays, todayIn } from '~/lib/dates';
import { connectedAthlete } from '~/lib/settings';
import { putCached, wellnessDayCacheKey } from '../store/cache';
import { requireAthlete, type Services } from './context';

/** Plain words for the refusals a coach meets; other errors keep their own message. */
function rowError(error: unknown, name: string): IcuError {
  if (!(error instanceof IcuError)) return new IcuError({ kind: 'invalid', message: 'The day could not be read.' });
  if (error.status === 403) {
    return new IcuError({
      ...error.toInfo(),
      message: `intervals.icu no longer lets your key see ${name} (403): they may have stopped sharing with you. Refresh the list of athletes.`,
    });
  }
  if (error.kind === 'not-found') {
    return new IcuError({ ...error.toInfo(), message: `intervals.icu has no athlete ${name} any more (404).` });
  }
  return error;
}

export async function getRosterRow(services: Services, request: { athleteId: string }): Promise<RosterRow> {
  const athlete = await requireAthlete(request.athleteId);
  const today = todayIn(athlete.timezone, services.now());
  const base: RosterRow = {
    athlete,
    today,
    weightKg: null,
    restingHR: null,
    hrv: null,
    sleepSecs: null,
    locked: false,
    error: null,
  };
  try {
    const day = await services.client.getWellness(athlete.id, today);
    // The editor reads the same cache: a lock from the roster shows in the popup at once.
    await putCached(wellnessDayCacheKey(athlete.id, today), day, services.now().getTime());
    return {
      ...base,
      weightKg: day.weight ?? null,
      restingHR: day.restingHR ?? null,
      hrv: day.hrv ?? null,
      sleepSecs: day.sleepSecs ?? null,
      locked: day.locked === true,
    };
  } catch (error) {
    return { ...base, error: rowError(error, athlete.name).toInfo() };
  }
}

/** `training_load` of each athlete over the coach's last 7 days, by athlete id (null: none reported). */
export async function getRosterLoads(services: Services): Promise<Record<string, number | null>> {
  // The coach's own days (requireAthlete says "not connected" when there is no owner).
  const owner = (await connectedAthlete.getValue()) ?? (await requireAthlete());
  const end = todayIn(owner.timezone, services.now());
  const rows = await services.client.getAthleteSummary(owner.id, { start: addDays(end, -6), end });
  const loads: Record<string, number | null> = {};
  for (const row of rows) if (row.athlete_id) loads[row.athlete_id] = row.training_load ?? null;
  return loads;
}
