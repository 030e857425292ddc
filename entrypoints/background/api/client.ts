/**
 * The one intervals.icu client. Only the background uses it: it holds the API key.
 *
 * - Auth: HTTP Basic with the literal username `API_KEY` and the key as password, built here so the user never types
 *   a username. Cookies are never sent (`credentials: 'omit'`): a logged-in intervals.icu session must not make a
 *   wrong key look right.
 * - Origin: requests go only to https://intervals.icu. There is deliberately no base-URL option; tests inject `fetch`.
 * - Rate: every attempt, retries included, first takes a slot from the shared limiter (≤ 10 requests/s).
 * - Retry: GET and PUT (idempotent) retry on 429, 502, 503, 504 and network errors with exponential backoff and
 *   jitter, honouring `Retry-After` up to a cap. POST is never retried, except a file upload after a 429 (refused
 *   before anything was created). Every attempt has a timeout.
 * - Errors: every failure becomes an `IcuError` (see response-errors.ts).
 */
import ky, { type KyInstance } from 'ky';
import { IcuError, NOT_CONNECTED } from '~/lib/api/errors';
import type {
  Activity,
  ActivityListItem,
  ActivityPowerCurvePayload,
  ActivityStream,
  ActivityWithIntervals,
  Athlete,
  AthletePowerCurves,
  AthleteWeekSummary,
  AthleteWithTags,
  Event,
  EventCategory,
  EventEx,
  IntervalsDTO,
  PowerCurve,
  PowerCurveSport,
  SportSettings,
  UploadResponse,
  Wellness,
  WellnessDay,
  WellnessUpdate,
} from '~/lib/api/types';
import { type RateLimiter, sharedLimiter, takeSlot } from './limiter';
import { isStravaStub, STRAVA_MESSAGE, toIcuError } from './response-errors';

export const ICU_ORIGIN = 'https://intervals.icu';
export const API_BASE = `${ICU_ORIGIN}/api/v1`;
export const API_KEY_USERNAME = 'API_KEY';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** First backoff; doubles per retry, then jittered to 50–100 %. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A longer `Retry-After` is shortened to this (ky clamps rather than gives up), which bounds how long a caller can
   * wait; after the last retry the error carries the server's `retryAfterSecs`.
   */
  maxRetryAfterMs: number;
}

/** Worst case before an answer: 4 waits of ≤ 10 s plus 5 attempts of ≤ 15 s. Typical 429/503 bursts clear in 1–3 s. */
export const DEFAULT_RETRY: RetryPolicy = { limit: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 10_000 };
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface IcuClientOptions {
  /** The key to send; null → the call fails with an 'auth' error before any request. */
  getApiKey: () => Promise<string | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Defaults to the background's shared limiter, so every client counts against the same budget. */
  limiter?: RateLimiter;
  retry?: Partial<RetryPolicy>;
}

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface RequestOptions {
  searchParams?: Record<string, string | number | boolean | readonly string[] | undefined>;
  json?: unknown;
  /** A 422 (or a Hidden stub) here means the activity was imported from Strava. */
  refusedForStrava?: boolean;
  /** Answer the body's bytes instead of parsed JSON (file downloads). */
  bytes?: boolean;
  /**
   * A multipart body (a file upload). Retried after 429 only: a timeout, a dropped connection or a 5xx may come after
   * intervals.icu created the activity, and sending it again blindly could create it twice.
   */
  form?: FormData;
  timeoutMs?: number;
}

/** The answer of `POST /athlete/{id}/activities`: 201 when something new was created, 200 when all were duplicates. */
export interface UploadAnswer {
  status: number;
  body: UploadResponse;
}

export interface IcuClient {
  /** Low level: one call to `API_BASE/<path>`; resolves to the parsed JSON body (undefined when empty). */
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  /** Like `request`, with the HTTP status beside the body. */
  requestWithStatus<T>(
    method: HttpMethod,
    path: string,
    options?: RequestOptions,
  ): Promise<{ status: number; body: T }>;
  /** `id` "0" means the owner of the key. */
  getAthlete(athleteId?: string): Promise<Athlete>;
  /** The athletes the key follows or coaches, its owner included (API key only: a Bearer token gets 403). */
  listAthletes(): Promise<AthleteWithTags[]>;
  /** A coach's summary of every followed athlete between two local days (default: the last 7). */
  getAthleteSummary(athleteId: string, range: { start: string; end: string }): Promise<AthleteWeekSummary[]>;
  /** Days from `oldest` to `newest` inclusive (ISO days, athlete-local). */
  listWellness(athleteId: string, oldest: string, newest: string): Promise<Wellness[]>;
  getWellness(athleteId: string, date: string): Promise<Wellness>;
  /** Changes only the fields given. */
  putWellness(athleteId: string, date: string, changes: WellnessUpdate): Promise<Wellness>;
  /** Each day's `id` is its ISO date; changes only the fields given. */
  putWellnessBulk(athleteId: string, days: readonly WellnessDay[]): Promise<void>;
  /** Newest first. May contain Strava stubs (see `isStravaStub`). */
  listActivities(
    athleteId: string,
    range: { oldest: string; newest?: string; limit?: number },
  ): Promise<ActivityListItem[]>;
  /** Throws 'strava' for an activity imported from Strava. */
  getActivity(activityId: string, options: { intervals: true }): Promise<ActivityWithIntervals>;
  getActivity(activityId: string, options?: { intervals?: boolean }): Promise<Activity | ActivityWithIntervals>;
  getIntervals(activityId: string): Promise<IntervalsDTO>;
  getStreams(activityId: string, types?: readonly string[]): Promise<ActivityStream[]>;
  /** Several windows in one call, e.g. curves: ['42d', '1y', 'all']. */
  getAthletePowerCurves(
    athleteId: string,
    query: { type: PowerCurveSport; curves: readonly string[]; newest?: string },
  ): Promise<AthletePowerCurves>;
  getActivityPowerCurve(activityId: string): Promise<PowerCurve>;
  /** Each activity's best power at `secs` (e.g. [300]) for the sport's activities from `oldest` to `newest`. */
  listActivityPowerCurves(
    athleteId: string,
    query: { oldest: string; newest: string; type?: PowerCurveSport; secs?: readonly number[] },
  ): Promise<ActivityPowerCurvePayload>;
  listSportSettings(athleteId: string): Promise<SportSettings[]>;
  /** One sport's settings by numeric id or activity type ("Ride"); 404 when the athlete has none for it. */
  getSportSettings(athleteId: string, id: number | string): Promise<SportSettings>;
  /**
   * Writes the fields given. `recalcHrZones` is sent explicitly: the spec marks it required, and whether the server
   * default recalculates is not documented.
   */
  putSportSettings(
    athleteId: string,
    id: number | string,
    changes: Partial<SportSettings>,
    recalcHrZones: boolean,
  ): Promise<SportSettings>;
  /** Re-applies the settings to past activities (asynchronous on the server; it answers at once). */
  applySportSettings(athleteId: string, id: number | string): Promise<void>;
  /**
   * With `ext`, each workout also carries `workout_filename` and `workout_file_base64` in that format (`resolve`:
   * targets in watts, bpm and m/s).
   */
  listEvents(
    athleteId: string,
    range?: { oldest?: string; newest?: string; category?: readonly EventCategory[]; ext?: string; resolve?: boolean },
  ): Promise<Event[]>;
  getEvent(athleteId: string, eventId: number): Promise<Event>;
  /** A planned workout as a file: `ext` is zwo, mrc, erg or fit. */
  downloadWorkout(athleteId: string, eventId: number, ext: string): Promise<Uint8Array>;
  /** One activity file (fit, tcx, gpx, or a gz or zip of them) as multipart field `file`. */
  uploadActivity(athleteId: string, file: { name: string; bytes: Uint8Array }): Promise<UploadAnswer>;
  /** `upsert`: events with the `external_id` of an existing one replace it. Answers the created or updated events. */
  bulkCreateEvents(athleteId: string, events: readonly EventEx[], options: { upsert: boolean }): Promise<Event[]>;
}

/** Bytes per millisecond an upload is given on top of the usual timeout: 100 KB/s, a slow mobile uplink. */
const UPLOAD_BYTES_PER_MS = 100;

export function basicAuthHeader(apiKey: string): string {
  return `Basic ${btoa(`${API_KEY_USERNAME}:${apiKey}`)}`;
}

export function createIcuClient(options: IcuClientOptions): IcuClient {
  const limiter = options.limiter ?? sharedLimiter;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const http = createHttp(options, limiter, retry);

  async function requestWithStatus<T>(method: HttpMethod, path: string, requestOptions: RequestOptions = {}) {
    const apiKey = await options.getApiKey();
    if (!apiKey) {
      throw new IcuError({ kind: 'auth', message: NOT_CONNECTED });
    }
    const context = { refusedForStrava: requestOptions.refusedForStrava ?? false, apiKey };
    const { form, timeoutMs } = requestOptions;
    let body: string | ArrayBuffer;
    let status: number;
    try {
      const response = await http(path.replace(/^\//, ''), {
        method,
        headers: { authorization: basicAuthHeader(apiKey), accept: requestOptions.bytes ? '*/*' : 'application/json' },
        searchParams: toSearchParams(requestOptions.searchParams),
        ...(requestOptions.json !== undefined ? { json: requestOptions.json } : {}),
        ...(form ? { body: form, retry: { methods: ['post'] }, hooks: { beforeRetry: [onlyAfter429] } } : {}),
        ...(timeoutMs ? { timeout: timeoutMs } : {}),
      });
      status = response.status;
      body = requestOptions.bytes ? await response.arrayBuffer() : await response.text();
    } catch (error) {
      throw await toIcuError(error, context);
    }
    if (typeof body !== 'string') return { status, body: new Uint8Array(body) as T };
    const value = parseJson(body);
    if (context.refusedForStrava && isStravaStub(value)) {
      throw new IcuError({ kind: 'strava', message: STRAVA_MESSAGE });
    }
    return { status, body: value as T };
  }

  const request = async <T>(method: HttpMethod, path: string, requestOptions?: RequestOptions) =>
    (await requestWithStatus<T>(method, path, requestOptions)).body;

  const athlete = (id: string) => `athlete/${encodeURIComponent(id)}`;
  const activity = (id: string) => `activity/${encodeURIComponent(id)}`;

  async function getActivity(activityId: string, query: { intervals?: boolean } = {}) {
    const value = await request<Activity | ActivityWithIntervals>('GET', activity(activityId), {
      searchParams: { intervals: query.intervals ? true : undefined },
      refusedForStrava: true,
    });
    if (isStravaStub(value)) throw new IcuError({ kind: 'strava', message: STRAVA_MESSAGE });
    return value;
  }

  return {
    request,
    requestWithStatus,
    getAthlete: (athleteId = '0') => request('GET', athlete(athleteId)),
    listAthletes: () => request('GET', 'athletes'),
    getAthleteSummary: (athleteId, range) =>
      request('GET', `${athlete(athleteId)}/athlete-summary.json`, { searchParams: range }),
    listWellness: (athleteId, oldest, newest) =>
      request('GET', `${athlete(athleteId)}/wellness`, { searchParams: { oldest, newest } }),
    getWellness: (athleteId, date) => request('GET', `${athlete(athleteId)}/wellness/${encodeURIComponent(date)}`),
    putWellness: (athleteId, date, changes) =>
      request('PUT', `${athlete(athleteId)}/wellness/${encodeURIComponent(date)}`, { json: changes }),
    putWellnessBulk: async (athleteId, days) => {
      await request<unknown>('PUT', `${athlete(athleteId)}/wellness-bulk`, { json: days });
    },
    listActivities: (athleteId, range) =>
      request('GET', `${athlete(athleteId)}/activities`, {
        searchParams: { oldest: range.oldest, newest: range.newest, limit: range.limit },
      }),
    getActivity: getActivity as IcuClient['getActivity'],
    getIntervals: (activityId) => request('GET', `${activity(activityId)}/intervals`, { refusedForStrava: true }),
    getStreams: (activityId, types) =>
      request('GET', `${activity(activityId)}/streams.json`, {
        searchParams: { types: types && types.length > 0 ? types : undefined },
        refusedForStrava: true,
      }),
    getAthletePowerCurves: (athleteId, query) =>
      request('GET', `${athlete(athleteId)}/power-curves.json`, {
        searchParams: { type: query.type, curves: query.curves, newest: query.newest },
      }),
    getActivityPowerCurve: (activityId) =>
      request('GET', `${activity(activityId)}/power-curve.json`, { refusedForStrava: true }),
    listActivityPowerCurves: (athleteId, query) =>
      request('GET', `${athlete(athleteId)}/activity-power-curves.json`, {
        searchParams: {
          oldest: query.oldest,
          newest: query.newest,
          type: query.type,
          secs: query.secs && query.secs.length > 0 ? query.secs.map(String) : undefined,
        },
      }),
    listSportSettings: (athleteId) => request('GET', `${athlete(athleteId)}/sport-settings`),
    getSportSettings: (athleteId, id) =>
      request('GET', `${athlete(athleteId)}/sport-settings/${encodeURIComponent(String(id))}`),
    putSportSettings: (athleteId, id, changes, recalcHrZones) =>
      request('PUT', `${athlete(athleteId)}/sport-settings/${encodeURIComponent(String(id))}`, {
        json: changes,
        searchParams: { recalcHrZones },
      }),
    applySportSettings: async (athleteId, id) => {
      await request<unknown>('PUT', `${athlete(athleteId)}/sport-settings/${encodeURIComponent(String(id))}/apply`);
    },
    listEvents: (athleteId, range = {}) =>
      request('GET', `${athlete(athleteId)}/events`, {
        searchParams: {
          oldest: range.oldest,
          newest: range.newest,
          category: range.category && range.category.length > 0 ? range.category : undefined,
          ext: range.ext,
          resolve: range.resolve,
        },
      }),
    getEvent: (athleteId, eventId) => request('GET', `${athlete(athleteId)}/events/${eventId}`),
    downloadWorkout: (athleteId, eventId, ext) =>
      request('GET', `${athlete(athleteId)}/events/${eventId}/download.${encodeURIComponent(ext)}`, { bytes: true }),
    uploadActivity: (athleteId, file) => {
      const form = new FormData();
      form.append('file', new Blob([file.bytes as BlobPart]), file.name);
      return requestWithStatus('POST', `${athlete(athleteId)}/activities`, {
        form,
        timeoutMs: (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + file.bytes.length / UPLOAD_BYTES_PER_MS,
      });
    },
    bulkCreateEvents: (athleteId, events, { upsert }) =>
      request('POST', `${athlete(athleteId)}/events/bulk`, { json: events, searchParams: { upsert } }),
  };
}

/** ky's `beforeRetry` for uploads: give up (rethrow) unless the server said 429, which means nothing was created. */
function onlyAfter429({ error }: { error: Error }): void {
  if ((error as { response?: Response }).response?.status !== 429) throw error;
}

function createHttp(options: IcuClientOptions, limiter: RateLimiter, retry: RetryPolicy): KyInstance {
  const fetchImpl: typeof fetch = async (input, init) => {
    const send = options.fetch ?? globalThis.fetch;
    if (input instanceof Request && input.body) {
      // ky 1.9 keeps a tee'd copy of the body for retries and, when done, awaits cancelling it; that only settles once
      // this branch has been read, which a fetch that fails before sending never does (ky#690/#741: the call hangs).
      // Reading our small JSON body here first settles the tee.
      return send(new Request(input, { body: await input.arrayBuffer() }), init);
    }
    return send(input, init);
  };
  return ky.create({
    prefixUrl: API_BASE,
    credentials: 'omit',
    fetch: fetchImpl,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: {
      limit: retry.limit,
      methods: ['get', 'put'],
      statusCodes: [429, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: retry.maxRetryAfterMs,
      backoffLimit: retry.maxDelayMs,
      delay: (attempt) => jitter(Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1))),
    },
    hooks: {
      // Runs before every attempt (ky re-enters it on each retry) and before the attempt's timeout starts.
      beforeRequest: [
        async (request) => {
          assertIntervalsOrigin(request.url);
          await takeSlot(limiter, request.signal);
        },
      ],
    },
  });
}

/** The last line of defence for "the key goes only to intervals.icu". */
function assertIntervalsOrigin(url: string): void {
  if (new URL(url).origin !== ICU_ORIGIN) {
    throw new IcuError({ kind: 'invalid', message: 'Refused to send the API key anywhere but intervals.icu.' });
  }
}

/** "Equal jitter": half the backoff is fixed, half random, so concurrent retries spread out. */
function jitter(delayMs: number): number {
  return delayMs / 2 + Math.random() * (delayMs / 2);
}

function toSearchParams(params: RequestOptions['searchParams']): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    search.set(name, typeof value === 'object' ? value.join(',') : String(value));
  }
  return search;
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw new IcuError({ kind: 'invalid', message: 'intervals.icu sent an answer the extension could not read.' });
  }
}

export { isStravaStub };
