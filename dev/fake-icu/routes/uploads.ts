/**
 * POST /athlete/{id}/activities: activity files uploaded as multipart/form-data.
 *
 * Documented (spec): the form field is `file`, a fit, tcx or gpx file or a zip or gz of them; optional query
 * parameters `name`, `description`, `device_name`, `external_id`, `paired_event_id`; "Activities are de-duped using a
 * hash of the file"; "Response code is 201 if at least one new activity was created and 200 otherwise (all dups)";
 * the body is UploadResponse {icu_athlete_id, id, activities[]}.
 * Assumed:
 * - A duplicate is a recording with the same file hash, or with the same start time and device as an activity
 *   already there (so re-uploading one of the six seeded recordings is a duplicate although its copy on the calendar
 *   was moved to recent dates). `activities` lists the existing activity for a duplicate, new ones for the rest;
 *   `id` is the first of them.
 * - A new activity keeps the file's real date; its local time is in the athlete's time zone. It appears in the
 *   activity list, GET /activity/{id}, its streams, intervals (from the laps) and power curves, like a seeded one.
 *   Fitness (CTL/ATL) in wellness is not recomputed.
 * - Errors: not multipart or no `file` part → 400; a file that is not FIT, TCX or GPX (or an archive of them), or
 *   cannot be decoded → 422 naming the file and the problem; nothing is created then, also for the other files of
 *   a zip. A body over the size limit → 413 (server.ts, before auth); an archive that unpacks to more than 4× the
 *   limit → 413. intervals.icu's own limits are not documented.
 */

import type { AthleteState } from '../athlete-state';
import { error, json, type Reply } from '../http';
import type { Router } from '../router';
import { activityFromRecording } from '../seed/activities';
import { localDateTime } from '../time';
import type { UploadedActivity } from '../types';
import { type Recording, readRecording, UploadError, unpack } from '../uploads/files';
import { type App, athleteFor, isReply } from './app';

/** Activity type for a recording's FIT sport (intervals.icu's names). */
function activityType(r: Recording): string {
  const { sport, subSport } = r.fit.session;
  if (sport === 'cycling')
    return subSport === 'virtualActivity' || subSport === 'indoorCycling' ? 'VirtualRide' : 'Ride';
  if (sport === 'running') return subSport === 'treadmill' || subSport === 'virtualActivity' ? 'VirtualRun' : 'Run';
  if (sport === 'swimming') return subSport === 'openWater' ? 'OpenWaterSwim' : 'Swim';
  if (sport === 'walking') return 'Walk';
  if (sport === 'hiking') return 'Hike';
  return 'Workout';
}

/** Duplicates are looked for among the athlete's own activities: another athlete may upload the same file. */
function findDuplicate(athlete: AthleteState, r: Recording): UploadedActivity | undefined {
  const start = r.fit.start.toISOString();
  return athlete.activities.find(
    (a): a is UploadedActivity =>
      a.kind === 'upload' &&
      (a.recorded.sha256 === r.sha256 || (a.recorded.start === start && a.recorded.device === r.fit.deviceName)),
  );
}

/** Activity ids are unique across athletes. */
function nextActivityId(app: App): number {
  const numbers = [...app.state.athletes.values()]
    .flatMap((a) => a.activities)
    .map((a) => Number(/^i(\d+)$/.exec(a.id)?.[1] ?? 0));
  return Math.max(9100000, ...numbers) + 1;
}

async function filePart(ctx: { raw: Buffer; contentType: string }): Promise<{ name: string; bytes: Uint8Array }> {
  let form: FormData;
  try {
    // The WHATWG Request parses multipart/form-data in Node 20 without a dependency.
    form = await new Request('http://fake-icu/upload', {
      method: 'POST',
      headers: { 'content-type': ctx.contentType },
      body: new Uint8Array(ctx.raw),
    }).formData();
  } catch (e) {
    throw new UploadError(400, `The multipart/form-data body cannot be read (${(e as Error).message})`);
  }
  const file = form.get('file');
  if (file === null) throw new UploadError(400, "Required part 'file' is not present");
  if (typeof file === 'string') throw new UploadError(400, "The 'file' part must be a file, not a text field");
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw new UploadError(422, `${file.name || 'file'}: the file is empty`);
  return { name: file.name || 'upload', bytes };
}

export function uploadRoutes(router: Router, app: App): void {
  router.add('POST', '/api/v1/athlete/{id}/activities', async ({ params, query, raw, req, caller }): Promise<Reply> => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(contentType)) {
      return error(400, "Expected multipart/form-data with the activity file in the 'file' part");
    }
    const pairedParam = query.get('paired_event_id');
    const pairedEventId = pairedParam === null ? undefined : Number(pairedParam);
    if (pairedEventId !== undefined && !Number.isInteger(pairedEventId)) {
      return error(400, `paired_event_id must be an integer: ${pairedParam}`);
    }

    let recordings: Recording[];
    try {
      const upload = await filePart({ raw, contentType });
      recordings = unpack(upload.name, upload.bytes, app.maxUploadBytes * 4).map((f) => readRecording(f.name, f.bytes));
    } catch (e) {
      if (e instanceof UploadError) return error(e.status, e.message);
      throw e;
    }

    const ids: string[] = [];
    let created = 0;
    for (const r of recordings) {
      const dup = findDuplicate(athlete, r);
      if (dup) {
        ids.push(dup.id);
        continue;
      }
      const ctx = {
        today: localDateTime(app.now(), athlete.timezone).slice(0, 10),
        timezone: athlete.timezone,
        settings: athlete.sportSettings,
        weightOn: (day: string) => athlete.wellness.get(day)?.weight ?? Number(athlete.seed.athlete.icu_weight ?? 70),
        athleteId: athlete.id,
        restingHR: Number(athlete.seed.athlete.icu_resting_hr ?? 48),
      };
      const id = `i${nextActivityId(app)}`;
      const activity = activityFromRecording(
        r.fit,
        {
          id,
          file: r.name,
          type: activityType(r),
          name: query.get('name') ?? r.title,
          description: query.get('description') ?? undefined,
          deviceName: query.get('device_name') ?? r.fit.deviceName,
          externalId: query.get('external_id') ?? r.name,
          startLocal: localDateTime(r.fit.start, athlete.timezone),
          fileType: r.fileType,
          pairedEventId,
          uploaded: app.now(),
          sha256: r.sha256,
          trainer: r.fit.session.subSport === 'indoorCycling' || r.fit.session.subSport === 'virtualActivity',
        },
        ctx,
      );
      athlete.addActivity(activity);
      ids.push(id);
      created++;
    }
    const activities = ids.map((id) => ({ icu_athlete_id: athlete.id, id }));
    return json({ icu_athlete_id: athlete.id, id: ids[0], activities }, created > 0 ? 201 : 200);
  });
}
