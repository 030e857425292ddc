/**
 * Wellness: list (JSON or CSV), one day, and the three ways to write. Writes change only the fields sent, as the
 * intervals.icu developer documented ("Only include fields you want to change … To 'unset' numeric fields send -1",
 * forum thread "API access to Intervals.icu", post 34):
 * - a numeric field sent as `-1` is unset (documented);
 * - a field sent as `null` keeps its stored value (nothing documents null clearing; `nullClears` switches to the
 *   undocumented opposite);
 * - `comments` sent as `""` is cleared (assumed: the documentation covers numbers only);
 * - a day never locked reads back `"locked": null`, as real records do.
 * Fields the server computes (ctl, atl, rampRate, ...) are ignored, `updated` is set to now.
 */

import type { AthleteState } from '../athlete-state';
import { badRequest, csv, json, listParam, pickFields, type Reply, type RequestContext } from '../http';
import { componentProperties, numericComponentProperties, validateRequestBody } from '../openapi-validate';
import type { Router } from '../router';
import { icuTimestamp, isIsoDay } from '../time';
import { COMPUTED_WELLNESS_FIELDS, type Wellness } from '../types';
import { type App, athleteFor, isReply, today } from './app';

const EXT = new Set(['', '.json', '.csv']);

function wellnessFields(): string[] {
  return componentProperties('Wellness');
}

/** Checks a written record; returns an error message or null. */
function invalid(method: string, path: string, body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'The body must be a JSON object';
  const result = validateRequestBody(method, path, body, { strict: false, allowNull: true });
  return result.valid ? null : `Invalid wellness record: ${result.errors.join('; ')}`;
}

/** What a day never written holds: real intervals.icu answers `"locked": null` for a day never locked. */
const blankDay = (day: string): Wellness => ({ id: day, locked: null }) as unknown as Wellness;

/** The stored day as the API shows it: `locked` is null, not absent, until the day has been locked. */
function shown(record: Wellness): Wellness {
  return { ...record, locked: record.locked ?? null } as Wellness;
}

/** `value` sent for `key` empties the field (see the file comment). */
function clears(app: App, key: string, value: unknown): boolean {
  if (value === null) return app.nullClears;
  if (value === -1) return numericComponentProperties('Wellness').includes(key);
  return key === 'comments' && value === '';
}

function apply(app: App, athlete: AthleteState, day: string, body: Record<string, unknown>): Wellness {
  const known = new Set(wellnessFields());
  const record: Wellness = structuredClone(athlete.wellness.get(day) ?? { id: day });
  const target = record as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (!known.has(key) || COMPUTED_WELLNESS_FIELDS.includes(key)) continue;
    if (key === 'locked' && value === false && !app.unlockable) continue;
    if (clears(app, key, value)) delete target[key];
    else if (value !== null) target[key] = value;
  }
  record.id = day;
  record.updated = icuTimestamp(app.now());
  athlete.wellness.set(day, record);
  return shown(record);
}

/** The fields a simulated device sync (Garmin, Oura, Whoop) writes. */
export const DEVICE_SYNC_FIELDS = ['weight', 'restingHR', 'hrv', 'sleepSecs'] as const;
export type DeviceSyncValues = Partial<Record<(typeof DEVICE_SYNC_FIELDS)[number], number>>;

/** What a watch or ring would upload overnight when no values are given. */
const DEFAULT_DEVICE_VALUES: Required<DeviceSyncValues> = { weight: 72.6, restingHR: 57, hrv: 38, sleepSecs: 5 * 3600 };

/**
 * A device sync as intervals.icu applies one: it overwrites weight, resting HR, HRV and sleep on an unlocked day and
 * leaves a locked day (`locked: true`) alone. Returns whether it wrote and the day as it now stands. The athlete is
 * the key owner unless another seeded athlete is given.
 */
export function deviceSync(
  app: App,
  day: string,
  values: DeviceSyncValues = DEFAULT_DEVICE_VALUES,
  athlete: AthleteState = app.state.owner,
): { applied: boolean; day: Wellness } {
  const current = athlete.wellness.get(day);
  if (current?.locked) return { applied: false, day: structuredClone(current) };
  const record: Wellness = structuredClone(current ?? { id: day });
  const target = record as unknown as Record<string, unknown>;
  for (const key of DEVICE_SYNC_FIELDS) {
    if (typeof values[key] === 'number') target[key] = values[key];
  }
  record.updated = icuTimestamp(app.now());
  athlete.wellness.set(day, record);
  return { applied: true, day: structuredClone(record) };
}

function list(app: App, athlete: AthleteState, ctx: RequestContext): Reply {
  const { params, query } = ctx;
  if (!EXT.has(params.ext ?? '')) return badRequest(`Unsupported format ${params.ext}`);
  const oldest = query.get('oldest') ?? '0000-01-01';
  const newest = query.get('newest') ?? today(app, athlete);
  for (const d of [query.get('oldest'), query.get('newest')]) {
    if (d !== null && !isIsoDay(d)) return badRequest(`Invalid date: ${d}`);
  }
  const days = [...athlete.wellness.values()]
    .filter((w) => w.id >= oldest && w.id <= newest)
    .sort((a, b) => a.id.localeCompare(b.id));
  if (params.ext === '.csv') {
    const scalar = wellnessFields().filter((f) => f !== 'sportInfo');
    const cols = listParam(query, 'cols') ?? scalar.filter((f) => days.some((d) => f in d));
    const columns = ['id', ...cols.filter((c) => c !== 'id')];
    return csv([columns, ...days.map((d) => columns.map((c) => (d as unknown as Record<string, never>)[c]))]);
  }
  const fields = listParam(query, 'fields');
  return json(days.map((d) => pickFields(shown(d), fields)));
}

export function wellnessRoutes(router: Router, app: App): void {
  router.add('GET', '/api/v1/athlete/{id}/wellness{ext}', (ctx) => {
    const athlete = athleteFor(app, ctx.caller, ctx.params.id);
    return isReply(athlete) ? athlete : list(app, athlete, ctx);
  });

  router.add('GET', '/api/v1/athlete/{id}/wellness/{date}', ({ params, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const day = params.date ?? '';
    if (!isIsoDay(day)) return badRequest(`Invalid date: ${day}`);
    const stored = athlete.wellness.get(day);
    return json(stored ? shown(stored) : blankDay(day));
  });

  router.add('PUT', '/api/v1/athlete/{id}/wellness/{date}', ({ params, body, method, path, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const day = params.date ?? '';
    if (!isIsoDay(day)) return badRequest(`Invalid date: ${day}`);
    const problem = invalid(method, path, body);
    if (problem) return badRequest(problem);
    return json(apply(app, athlete, day, body as Record<string, unknown>));
  });

  router.add('PUT', '/api/v1/athlete/{id}/wellness', ({ params, body, method, path, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const problem = invalid(method, path, body);
    if (problem) return badRequest(problem);
    const day = (body as { id?: unknown }).id;
    if (typeof day !== 'string' || !isIsoDay(day)) return badRequest('id must be the day (YYYY-MM-DD)');
    return json(apply(app, athlete, day, body as Record<string, unknown>));
  });

  router.add('PUT', '/api/v1/athlete/{id}/wellness-bulk', ({ params, body, method, path, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    if (!Array.isArray(body)) return badRequest('The body must be a JSON array of wellness records');
    const result = validateRequestBody(method, path, body, { strict: false, allowNull: true });
    if (!result.valid) return badRequest(`Invalid wellness records: ${result.errors.join('; ')}`);
    // Like intervals.icu's bulk endpoints, refused records answer 422 with an array of error objects, one per record.
    const refused = body.flatMap((item, index) => {
      const day = (item as { id?: unknown } | null)?.id;
      return typeof day === 'string' && isIsoDay(day)
        ? []
        : [{ status: 422, error: `Record ${index}: id must be the day (YYYY-MM-DD), got ${JSON.stringify(day)}` }];
    });
    if (refused.length > 0) return { status: 422, body: refused };
    for (const item of body as Record<string, unknown>[]) apply(app, athlete, item.id as string, item);
    return { status: 200 };
  });
}
