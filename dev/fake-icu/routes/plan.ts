/**
 * Planned workouts: downloads in trainer formats, the base64 file in the event list, one event, and bulk creation.
 *
 * Documented (spec):
 * - GET  /athlete/{id}/events/{eventId}/download{ext}: "Download a planned workout in zwo, mrc, erg or fit format".
 * - GET  /athlete/{id}/events{format}?ext=zwo|mrc|erg|fit adds `workout_filename` and `workout_file_base64` to each
 *   workout; `resolve=true` resolves targets to watts, bpm and m/s (see events.ts, workouts/files.ts).
 * - GET  /athlete/{id}/events/{eventId} (showEvent).
 * - POST /athlete/{id}/events/bulk: body EventEx[]; workouts in intervals.icu's text format (`description`) or as a
 *   zwo, mrc, erg or fit file in `file_contents` / `file_contents_base64` with `filename`; `upsert=true` updates the
 *   events with a matching `external_id` instead of creating new ones; `updatePlanApplied=true` stamps
 *   `plan_applied`. Answers the created (or updated) events.
 * Assumed:
 * - Downloads are `application/octet-stream` with `Content-Disposition: attachment; filename="<name>.<ext>"` (and
 *   the UTF-8 name in `filename*`), named after the workout (workouts/files.ts).
 * - An unknown extension is 400, an event that is not a structured workout 422, an unknown event 404.
 * - `upsert` matches by `external_id` alone: the spec adds "created by the same OAuth application", and every
 *   event the stand-in knows was made with the one API key.
 * - `upsertOnUid` and `updatePlanApplied` are marked required in the spec but default to false here (NOTES.md: some
 *   required parameters have server defaults). `upsertOnUid` is accepted and ignored.
 * - The text format in `description` is kept as sent, not parsed into steps; a `workout_doc` with `steps` is used as
 *   sent. An uploaded file's parse error answers 422 naming the event and the problem; nothing is created then.
 */

import type { AthleteState } from '../athlete-state';
import { badRequest, error, json, type Reply } from '../http';
import type { Router } from '../router';
import type { EventSeed } from '../seed/events';
import { thresholdsFor, workoutEvent } from '../seed/workouts';
import { icuTimestamp } from '../time';
import { checkSteps, type DocStep, type WorkoutDoc } from '../workouts/doc';
import {
  isWorkoutFormat,
  parseWorkoutFile,
  resolveSteps,
  WORKOUT_FORMATS,
  type WorkoutFormat,
  workoutFile,
} from '../workouts/files';
import { type App, athleteFor, isReply } from './app';

const CATEGORIES = [
  'WORKOUT',
  'RACE_A',
  'RACE_B',
  'RACE_C',
  'NOTE',
  'PLAN',
  'HOLIDAY',
  'SICK',
  'INJURED',
  'SET_EFTP',
  'FITNESS_DAYS',
  'SEASON_START',
  'TARGET',
  'SET_FITNESS',
];

/** Event fields a bulk body may set as they are (the rest are computed or file inputs). */
const COPIED_FIELDS = [
  'start_date_local',
  'end_date_local',
  'category',
  'type',
  'name',
  'description',
  'indoor',
  'color',
  'external_id',
  'uid',
  'moving_time',
  'icu_training_load',
  'distance',
  'tags',
  'show_as_note',
  'show_on_ctl_line',
  'not_on_fitness_chart',
  'for_week',
  'target',
  'carbs_per_hour',
  'sub_type',
];

function stepsOf(event: EventSeed): DocStep[] | undefined {
  const doc = event.workout_doc as WorkoutDoc | undefined;
  return Array.isArray(doc?.steps) && doc.steps.length > 0 ? doc.steps : undefined;
}

function fileFor(app: App, athlete: AthleteState, event: EventSeed, ext: WorkoutFormat) {
  const steps = stepsOf(event);
  if (!steps) return undefined;
  const type = String(event.type ?? 'Ride');
  const input = { name: String(event.name ?? 'Workout'), description: event.description as string, type, steps };
  return workoutFile(input, ext, thresholdsFor(athlete.sportSettings, type), app.now());
}

/** An event as listEvents shows it with `ext` and/or `resolve=true`. */
export function listedEvent(
  app: App,
  athlete: AthleteState,
  event: EventSeed,
  ext: WorkoutFormat | undefined,
  resolve: boolean,
): EventSeed {
  const steps = stepsOf(event);
  if (event.category !== 'WORKOUT' || !steps) return event;
  const out: EventSeed = { ...event };
  if (resolve) {
    const t = thresholdsFor(athlete.sportSettings, String(event.type ?? 'Ride'));
    out.workout_doc = { ...(event.workout_doc as object), steps: resolveSteps(steps, t) };
  }
  const file = ext && fileFor(app, athlete, event, ext);
  if (file) {
    out.workout_filename = file.filename;
    out.workout_file_base64 = Buffer.from(file.bytes).toString('base64');
  }
  return out;
}

/** `ext` of listEvents: undefined when absent, a format, or a 400 reply. */
export function listExt(value: string | null): WorkoutFormat | undefined | Reply {
  if (value === null || value === '') return undefined;
  const ext = value.replace(/^\./, '').toLowerCase();
  return isWorkoutFormat(ext) ? ext : badRequest(`Unsupported ext ${value} (${WORKOUT_FORMATS.join(', ')})`);
}

function findEvent(athlete: AthleteState, id: string | undefined): EventSeed | Reply {
  const n = Number(id);
  const found = Number.isInteger(n) ? athlete.events.find((e) => e.id === n) : undefined;
  return found ?? error(404, `Event not found: ${id}`);
}

const isEvent = (x: EventSeed | Reply): x is EventSeed => 'category' in x;

function localStart(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value.length === 16 ? `${value}:00` : value;
  return null;
}

function fileContents(input: Record<string, unknown>): Uint8Array | undefined {
  if (typeof input.file_contents_base64 === 'string') {
    const b64 = input.file_contents_base64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new Error('file_contents_base64 is not base64');
    return new Uint8Array(Buffer.from(b64, 'base64'));
  }
  if (typeof input.file_contents === 'string') return new TextEncoder().encode(input.file_contents);
  return undefined;
}

/** One EventEx of a bulk body to the Event to store, or the reason it is refused. */
function eventFrom(app: App, athlete: AthleteState, input: unknown, n: number, id: number): EventSeed | Reply {
  const where = `Event ${n + 1}`;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return error(400, `${where}: not an object`);
  const body = input as Record<string, unknown>;
  const start = localStart(body.start_date_local);
  if (!start) return error(422, `${where}: start_date_local must be a local date or date-time`);
  if (typeof body.category !== 'string' || !CATEGORIES.includes(body.category)) {
    return error(422, `${where}: category must be one of ${CATEGORIES.join(', ')}`);
  }
  const copied: Record<string, unknown> = {};
  for (const f of COPIED_FIELDS) if (body[f] !== undefined && body[f] !== null) copied[f] = body[f];
  const base = { ...copied, id, start_date_local: start, category: body.category } as EventSeed;
  const updated = icuTimestamp(app.now());

  let bytes: Uint8Array | undefined;
  try {
    bytes = fileContents(body);
  } catch (e) {
    return error(422, `${where}: ${(e as Error).message}`);
  }
  let steps: DocStep[] | undefined;
  let parsed: { name?: string; description?: string; type?: string } = {};
  if (bytes) {
    if (typeof body.filename !== 'string' || !body.filename) {
      return error(422, `${where}: filename is needed with file contents (its extension says the format)`);
    }
    try {
      const workout = parseWorkoutFile(body.filename, bytes, (type) => thresholdsFor(athlete.sportSettings, type));
      steps = workout.steps;
      parsed = workout;
    } catch (e) {
      return error(422, `${where} (${body.filename}): ${(e as Error).message}`);
    }
    parsed.name ??= body.filename.replace(/\.[^.]+$/, '');
  } else if (body.workout_doc !== undefined && body.workout_doc !== null) {
    const docSteps = (body.workout_doc as { steps?: unknown }).steps;
    try {
      checkSteps(docSteps);
    } catch (e) {
      return error(422, `${where}: ${(e as Error).message}`);
    }
    steps = docSteps;
  }
  if (!steps || base.category !== 'WORKOUT') {
    return { athlete_id: athlete.id, ...base, updated };
  }
  const event = workoutEvent(
    {
      id,
      start_date_local: start,
      type: String(base.type ?? parsed.type ?? 'Ride'),
      name: String(base.name ?? parsed.name ?? 'Workout'),
      indoor: typeof base.indoor === 'boolean' ? base.indoor : undefined,
    },
    steps,
    athlete.sportSettings,
    updated,
    athlete.id,
  );
  // The file's own description beats the generated text; what the caller sent beats both (assumed).
  if (parsed.description) event.description = parsed.description;
  return { ...event, ...base };
}

/**
 * `attachment` with an ASCII file name and the exact one as RFC 6266 `filename*` (UTF-8): Node refuses header
 * values outside Latin-1, and workout names may hold any character.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function planRoutes(router: Router, app: App): void {
  router.add('GET', '/api/v1/athlete/{id}/events/{eventId}/download{ext}', ({ params, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const ext = (params.ext ?? '').replace(/^\./, '').toLowerCase();
    if (!isWorkoutFormat(ext)) {
      return badRequest(`Unsupported format '${params.ext ?? ''}': use .zwo, .mrc, .erg or .fit`);
    }
    const event = findEvent(athlete, params.eventId);
    if (!isEvent(event)) return event;
    const file = event.category === 'WORKOUT' ? fileFor(app, athlete, event, ext) : undefined;
    if (!file) return error(422, `Event ${event.id} is not a structured workout`);
    return {
      status: 200,
      body: file.bytes,
      contentType: file.contentType,
      headers: { 'Content-Disposition': contentDisposition(file.filename) },
    };
  });

  router.add('GET', '/api/v1/athlete/{id}/events/{eventId}', ({ params, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const event = findEvent(athlete, params.eventId);
    return isEvent(event) ? json(event) : event;
  });

  router.add('POST', '/api/v1/athlete/{id}/events/bulk', ({ params, query, body, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    if (!Array.isArray(body)) return badRequest('The body must be a JSON array of events');
    const upsert = query.get('upsert') === 'true';
    const planApplied = query.get('updatePlanApplied') === 'true' ? icuTimestamp(app.now()) : undefined;
    // Event ids are unique across athletes, as intervals.icu's are.
    const everyEvent = [...app.state.athletes.values()].flatMap((a) => a.events);
    let nextId = Math.max(80000, ...everyEvent.map((e) => e.id)) + 1;
    // Every event is checked before any is stored, so a bad one leaves the calendar as it was.
    const results: { event: EventSeed }[] = [];
    for (const [n, input] of body.entries()) {
      const externalId = (input as { external_id?: unknown } | null)?.external_id;
      const earlier =
        upsert && typeof externalId === 'string'
          ? (results.find((r) => r.event.external_id === externalId)?.event ??
            athlete.events.find((e) => e.external_id === externalId))
          : undefined;
      const made = eventFrom(app, athlete, input, n, earlier?.id ?? nextId);
      if (!isEvent(made)) return made;
      if (!earlier) nextId++;
      if (planApplied) made.plan_applied = planApplied;
      const again = results.findIndex((r) => r.event.id === made.id);
      if (again >= 0) results.splice(again, 1);
      results.push({ event: made });
    }
    for (const { event } of results) {
      const at = athlete.events.findIndex((e) => e.id === event.id);
      if (at >= 0) athlete.events[at] = event;
      else athlete.events.push(event);
    }
    return json(results.map((r) => r.event));
  });
}
