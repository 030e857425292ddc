/**
 * Short names for the intervals.icu schemas the extension uses, generated from the official OpenAPI spec
 * (`npm run gen:api` → schema.d.ts). Where the live API returns fields the spec omits, the extension's own widening is
 * declared here next to the alias, so the gap is visible in one place.
 */
import type { components, operations } from './schema';

type Schemas = components['schemas'];

/** `GET /athlete/{id}`: the athlete with their sport settings. */
export type Athlete = Schemas['WithSportSettings'];
export type SportSettings = Schemas['SportSettings'];

/** One wellness day; `id` is the ISO day. Fields use camelCase (`restingHR`, `sleepSecs`, `locked`). */
export type Wellness = Schemas['Wellness'];
/** What a wellness write sends: only the fields given are changed by the server. */
export type WellnessUpdate = Partial<Wellness>;
/** A day for `wellness-bulk`: the `id` (ISO day) is required. */
export type WellnessDay = WellnessUpdate & { id: string };

/** Activities use snake_case fields (`start_date_local`, `moving_time`, `icu_training_load`). */
export type Activity = Schemas['Activity'];
export type ActivityWithIntervals = Schemas['ActivityWithIntervals'];
/** What the API returns instead of an activity imported from Strava: ids, date, `source` and a `_note`. */
export type Hidden = Schemas['Hidden'];
/** `GET /athlete/{id}/activities` may contain Strava stubs among the activities although the spec says Activity[]. */
export type ActivityListItem = Activity | Hidden;

export type IntervalsDTO = Schemas['IntervalsDTO'];
export type Interval = Schemas['Interval'];
export type IntervalGroup = Schemas['IntervalGroup'];
export type ActivityStream = Schemas['ActivityStream'];

/** `GET /activity/{id}/power-curve`. Carries `watts`, `watts_per_kg`, `weight` and intervals.icu's `vo2max_5m`. */
export type PowerCurve = Schemas['PowerCurve'];
export type PowerModel = Schemas['PowerModel'];
export type DataCurve = Schemas['DataCurve'];
/** A curve in `/athlete/{id}/power-curves`: the spec's DataCurve plus fields the live API sends and clients read. */
export type AthletePowerCurve = DataCurve & {
  watts_per_kg?: number[];
  powerModels?: PowerModel[];
  vo2max_5m?: number;
};
export type DataCurveSetPowerCurve = Schemas['DataCurveSetPowerCurve'];
/** `GET /athlete/{id}/power-curves`: `list` holds one curve per requested window, `activities` the efforts' activities. */
export type AthletePowerCurves = Omit<DataCurveSetPowerCurve, 'list'> & { list?: AthletePowerCurve[] };

/** `GET /athlete/{id}/activity-power-curves`: each matching activity's curve at the `secs` asked for. */
export type ActivityPowerCurvePayload = Schemas['ActivityPowerCurvePayload'];

export type Event = Schemas['Event'];
export type EventCategory = NonNullable<Event['category']>;
/** What `POST /athlete/{id}/events/bulk` takes: an Event plus a workout file (`filename` + `file_contents_base64`). */
export type EventEx = Schemas['EventEx'];
/** `POST /athlete/{id}/activities`: the new activities, or for duplicates the existing ones. */
export type UploadResponse = Schemas['UploadResponse'];

/** The sport a power curve is asked for (`type=` on `/athlete/{id}/power-curves`), e.g. "Ride". */
export type PowerCurveSport = operations['listAthletePowerCurves']['parameters']['query']['type'];

/** One athlete of `GET /athletes`: the profile fields plus the coach's tags (lib/athletes.ts keeps only a few). */
export type AthleteWithTags = Schemas['AthleteWithTags'];
/** One athlete's row of `GET /athlete/{id}/athlete-summary`: load, fitness, weight … over the range asked for. */
export type AthleteWeekSummary = Schemas['SummaryWithCats'];
