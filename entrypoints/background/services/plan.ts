/**
 * Planned workouts for the popup's Plan section and the in-page download buttons: today and the next 7 days of
 * WORKOUT events, one workout as a file in any of the four formats, and the whole week's files for one zip.
 *
 * Files cross the message channel as base64 (Chrome's runtime messaging carries JSON only); the surface that asked
 * saves them (components/export/download.ts says why there). A workout file is a few KB.
 */
import { IcuError } from '~/lib/api/errors';
import type { Event } from '~/lib/api/types';
import { bytesToBase64 } from '~/lib/base64';
import { addDays } from '~/lib/dates';
import { isWorkoutFormat, type WorkoutFormat } from '~/lib/plan/formats';
import {
  isDownloadable,
  PLAN_DAYS,
  type PlannedWorkoutView,
  type PlanView,
  toPlannedWorkout,
  workoutFileName,
} from '~/lib/plan/views';
import { getCached, readThrough } from '../store/cache';
import { athleteToday, requireAthlete, type Services } from './context';

/** The popup refetches the plan at most this often (its Refresh asks anyway). */
export const PLAN_MAX_AGE_MS = 5 * 60_000;
export const planCacheKey = (athleteId: string) => `plan:${athleteId}`;

export interface WorkoutFile {
  fileName: string;
  base64: string;
}

const planWindow = (today: string) => ({ oldest: today, newest: addDays(today, PLAN_DAYS - 1) });

const byStart = (a: Event, b: Event) => (a.start_date_local ?? '').localeCompare(b.start_date_local ?? '');

export async function getPlan(
  services: Services,
  request: { source: 'cache' | 'network'; force?: boolean },
): Promise<PlanView | null> {
  const athlete = await requireAthlete();
  const key = planCacheKey(athlete.id);
  if (request.source === 'cache') return (await getCached<PlanView>(key))?.value ?? null;
  const today = athleteToday(services, athlete);
  const cached = await getCached<PlanView>(key);
  const entry = await readThrough(
    key,
    async (): Promise<PlanView> => {
      const events = await services.client.listEvents(athlete.id, { ...planWindow(today), category: ['WORKOUT'] });
      return {
        ...planWindow(today),
        today,
        workouts: events
          .filter((e) => typeof e.id === 'number')
          .sort(byStart)
          .map(toPlannedWorkout),
        fetchedAt: services.now().getTime(),
      };
    },
    // A new day moves the window: refetch then, as on a Refresh.
    {
      maxAgeMs: !request.force && cached?.value.today === today ? PLAN_MAX_AGE_MS : 0,
      now: () => services.now().getTime(),
    },
  );
  return entry.value;
}

function checkFormat(format: unknown): WorkoutFormat {
  if (!isWorkoutFormat(format)) {
    throw new IcuError({ kind: 'invalid', message: 'Choose one of the formats ZWO, FIT, ERG or MRC.' });
  }
  return format;
}

/** One planned workout: from the cached plan when it is there, else `GET /events/{id}` (e.g. a workout page). */
export async function getPlannedWorkout(services: Services, request: { eventId: number }): Promise<PlannedWorkoutView> {
  const athlete = await requireAthlete();
  if (!Number.isInteger(request.eventId)) throw new IcuError({ kind: 'invalid', message: 'No such planned workout.' });
  const cached = (await getCached<PlanView>(planCacheKey(athlete.id)))?.value.workouts.find(
    (w) => w.id === request.eventId,
  );
  return cached ?? toPlannedWorkout(await services.client.getEvent(athlete.id, request.eventId));
}

/** One planned workout as a file named `<date>_<name>.<ext>`. */
export async function downloadWorkout(
  services: Services,
  request: { eventId: number; format: WorkoutFormat },
): Promise<WorkoutFile & { workout: PlannedWorkoutView }> {
  const format = checkFormat(request.format);
  const athlete = await requireAthlete();
  const [workout, bytes] = await Promise.all([
    getPlannedWorkout(services, request),
    services.client.downloadWorkout(athlete.id, request.eventId, format),
  ]);
  return { workout, fileName: workoutFileName(workout, format), base64: bytesToBase64(bytes) };
}

/**
 * Every structured workout of the plan's days in one format, from one list request (`ext` + `resolve=true` add each
 * file as base64), for the surface to zip. Workouts intervals.icu sends no file for are named in `skipped`.
 */
export async function downloadPlanFiles(
  services: Services,
  request: { format: WorkoutFormat },
): Promise<{ today: string; newest: string; files: WorkoutFile[]; skipped: string[] }> {
  const format = checkFormat(request.format);
  const athlete = await requireAthlete();
  const window = planWindow(athleteToday(services, athlete));
  const events = await services.client.listEvents(athlete.id, {
    ...window,
    category: ['WORKOUT'],
    ext: format,
    resolve: true,
  });
  const files: WorkoutFile[] = [];
  const skipped: string[] = [];
  for (const event of events.sort(byStart)) {
    const workout = toPlannedWorkout(event);
    const base64 = (event as Event & { workout_file_base64?: string }).workout_file_base64;
    if (base64 && isDownloadable(workout)) files.push({ fileName: workoutFileName(workout, format), base64 });
    else skipped.push(workout.name);
  }
  return { today: window.oldest, newest: window.newest, files, skipped };
}
