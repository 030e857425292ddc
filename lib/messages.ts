/**
 * The one protocol between the extension's surfaces (popup, options, content script) and the background.
 * Every call is `sendMessage(type, request)` → `response`; failures arrive as a thrown `MessageError` carrying an
 * `ErrorInfo`. The background registers one handler per type with `handleMessages` and ignores senders that are not
 * this extension. The API key goes in (`connect`) but never comes out: no response type contains it.
 */
import { type Browser, browser } from 'wxt/browser';
import type { ErrorInfo } from './api/errors';
import type { AthletesView, RosterRow } from './coach-views';
import type { ExportData } from './export/data';
import type { WorkoutFormat } from './plan/formats';
import type { PlannedWorkoutView, PlanView } from './plan/views';
import type { ActivityVo2max, Vo2maxOverview, Vo2maxTrendData } from './power/vo2max-views';
import type { Route } from './routes';
import type { TrainingPatch } from './training/settings';
import type { SaveSettingsResult, SettingsHistoryEntry, TrainingOverview } from './training/views';
import type { PlanImportResult, PlanItem, UploadResult } from './upload/views';
import type { WellnessPatch } from './wellness/catalogue';
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
} from './wellness/views';

export type { AthleteProfile } from './athletes';
export type { AthletesView, RosterRow } from './coach-views';

export interface AthleteSummary {
  /** intervals.icu athlete id, e.g. "i12345". */
  id: string;
  name: string;
}

export type ConnectionState = { connected: false } | { connected: true; athlete: AthleteSummary };

/** Today's wellness at a glance; absent values are null. */
export interface WellnessGlance {
  date: string; // ISO day, athlete-local
  weight: number | null; // kg
  restingHR: number | null; // bpm
  hrv: number | null; // rMSSD, ms
  sleepSecs: number | null;
  locked: boolean;
}

export interface ActivitySummary {
  id: string;
  name: string;
  /** intervals.icu activity type, e.g. "Ride", "Run", "Swim". */
  type: string | null;
  startDateLocal: string;
  movingTimeSecs: number | null;
  elapsedTimeSecs: number | null;
  distanceMeters: number | null;
  trainingLoad: number | null;
  /** Link to the activity on intervals.icu. */
  url: string;
  /** Set when the API refuses to show this activity because it was imported from Strava. */
  restrictedBy: 'strava' | null;
  /** Whose activity it is (`icu_athlete_id`): a coach sees the athletes' activities too. */
  athleteId?: string;
}

export interface Dashboard {
  athlete: AthleteSummary;
  /** The athlete-local day "Today" is for (absent in dashboards cached by older versions). */
  today?: string;
  /** The athlete's time zone (their "today" may not be the browser's); absent in older cached dashboards. */
  timezone?: string | null;
  wellness: WellnessGlance | null;
  latestActivity: ActivitySummary | null;
  /** Epoch ms of the oldest part of this answer that came from the network. */
  fetchedAt: number;
}

/**
 * Where a read may be answered from. `cache`: the cache only, instantly, never the network. `network`: intervals.icu,
 * storing the answer in the cache; with `maxAgeMs`, a cached answer younger than that is returned instead and nothing
 * is sent (a surface opened again and again, like the popup, asks this way; its Refresh leaves `maxAgeMs` out).
 */
export type Source = { source: 'cache' } | { source: 'network'; maxAgeMs?: number };

/**
 * Names the athlete a request is for (an intervals.icu page of a coached athlete, a roster row); without it the
 * background acts on the athlete chosen in the switcher, else the key's owner.
 */
export interface ForAthlete {
  athleteId?: string;
}

export interface ProtocolMap {
  /** Whether a key is stored, and for whom. Never touches the network. */
  getConnection: { request: undefined; response: ConnectionState };
  /** Validate and store the key (and optional athlete id) after `GET /athlete/{id}` succeeds with it. */
  connect: { request: { apiKey: string; athleteId?: string }; response: AthleteSummary };
  /** Remove the key and every cached byte of the athlete's data. */
  forgetKey: { request: undefined; response: null };
  /**
   * The popup's at-a-glance data. `cache`: answer only from the cache (null if nothing cached), instantly.
   * `network`: fetch, update the cache, answer fresh; with `maxAgeMs`, the cached answer while it is younger than that
   * and still for the athlete's today (no request at all).
   */
  getDashboard: { request: Source; response: Dashboard | null };
  /** Content script → background: the intervals.icu page this tab now shows (sent on load and SPA navigation). */
  pageChanged: { request: { route: Route }; response: null };
  /**
   * Popup → background: what the given tab shows, as last reported by its content script (null: not an
   * intervals.icu page). The popup learns its tab id from `tabs.query`, which needs no `tabs` permission.
   */
  getTabPage: { request: { tabId: number }; response: Route | null };
  /**
   * Extension pages → background: do what a keyboard shortcut does, for the given tab (default: none). The popup's
   * buttons and the end-to-end tests use it, since a headless browser cannot press global shortcuts.
   */
  runCommand: { request: { command: string; tabId?: number }; response: null };
  /**
   * CSV export: one activity with its laps (the fields lib/export/data.ts lists) and, with `streams`, its streams
   * except the ones left out. The surface that asked builds the CSV files (`buildActivityFiles`) and saves them
   * (components/export/download.ts says why there). An activity imported from Strava fails with kind 'strava'.
   */
  getExportData: {
    request: { activityId: string; streams: boolean; excludedStreams?: string[] };
    response: ExportData;
  };
  /** Activities that started between two athlete-local days (inclusive), oldest first: the bulk export's list. */
  listActivitiesForExport: { request: { oldest: string; newest: string }; response: ActivitySummary[] };
  /** One activity's summary (cached, then fresh), e.g. the one open in the current tab. */
  getActivitySummary: {
    request: { activityId: string } & Source;
    response: ActivitySummary | null;
  };
  /**
   * The VO2max card's windows (42d, 90d, s0, 1y, all) from one power-curves request, with the weights to choose
   * from. `cache`: instantly, null on a miss; `network`: fresh unless fetched in the last few minutes.
   */
  getVo2max: { request: { source: 'cache' | 'network' }; response: Vo2maxOverview | null };
  /** Every ride's best 5 minutes over the last 12 months plus 42 days, for the weekly trend chart. */
  getVo2maxTrend: { request: undefined; response: Vo2maxTrendData };
  /** One activity's 5-minute power and VO2max estimate (or the reason there is none), for the badge and the popup. */
  getActivityVo2max: { request: { activityId: string }; response: ActivityVo2max };
  /**
   * Quick wellness (entrypoints/background/wellness/). One day for the editor, default today (athlete-local): `cache` answers
   * instantly (day null on a miss), `network` reads intervals.icu. Pending edits of the day come along. Always read
   * again when the form opens (no `maxAgeMs`): it must show what a device synced a moment ago.
   */
  getWellnessDay: {
    request: { date?: string; source: 'cache' | 'network' } & ForAthlete;
    response: WellnessDayView;
  };
  /**
   * Write only the fields in `patch` (a field's clear value, e.g. -1, empties it) for `date`: into the outbox first, then `PUT` and a read-back.
   * 'saved' lists fields the read-back does not confirm; 'pending' means it is kept and retried. Other features call
   * this too (VO2max writes `vo2max`, optionally with `locked: true`).
   */
  saveWellness: { request: { date: string; patch: WellnessPatch } & ForAthlete; response: SaveWellnessResult };
  /** Lock or unlock a day; `locked` in the answer is what the server holds afterwards, read back. */
  setWellnessLock: { request: { date: string; locked: boolean } & ForAthlete; response: WellnessLockResult };
  /** How many days of a range a bulk lock/unlock would change (reads the range, writes nothing). */
  previewBulkLock: { request: BulkLockRequest; response: BulkLockPreview };
  /** Lock/unlock the days of a range that differ, in one `wellness-bulk` request, verified by reading it back. */
  bulkLock: { request: BulkLockRequest; response: BulkLockResult };
  /** Edits not yet on intervals.icu, with their attempts and last error. */
  listPendingWellness: { request: undefined; response: PendingWellness[] };
  /** Try pending edits now (one day or all); answers what is still pending. */
  retryPending: { request: { date?: string }; response: PendingWellness[] };
  /**
   * Planned workouts (category WORKOUT) of today and the next 7 days, athlete-local. `cache`: instantly, null on a
   * miss; `network`: fresh unless fetched in the last few minutes (`force`: fetch anyway, the Refresh button).
   */
  getPlan: { request: { source: 'cache' | 'network'; force?: boolean }; response: PlanView | null };
  /** One planned workout (e.g. the one an intervals.icu page shows), for its download menu and format notes. */
  getPlannedWorkout: { request: { eventId: number }; response: PlannedWorkoutView };
  /** One planned workout as a file (base64) named `<date>_<name>.<ext>`, for the surface to save. */
  downloadWorkout: {
    request: { eventId: number; format: WorkoutFormat };
    response: { fileName: string; base64: string; workout: PlannedWorkoutView };
  };
  /** The plan's structured workouts as files in one format (one request), for the surface to zip; `skipped` names the rest. */
  downloadPlanFiles: {
    request: { format: WorkoutFormat };
    response: { today: string; newest: string; files: { fileName: string; base64: string }[]; skipped: string[] };
  };
  /**
   * Coaches: the athletes the key may act on (its owner first), who is acted on now. `cache`: stored list only;
   * `network`: `GET /athletes` when the list is older than a few hours (`force`: now).
   */
  getAthletes: { request: { source: 'cache' | 'network'; force?: boolean }; response: AthletesView };
  /** Act on this athlete from now on (remembered); the key's owner's id goes back to "me". */
  chooseAthlete: { request: { athleteId: string }; response: AthletesView };
  /** One roster row: an athlete's today (in their time zone) from wellness; a refusal is the row's `error`. */
  getRosterRow: { request: { athleteId: string }; response: RosterRow };
  /** Each athlete's load over the last 7 days (theirs), from one `athlete-summary` request; by athlete id. */
  getRosterLoads: { request: undefined; response: Record<string, number | null> };
  /** Give up a pending edit of a day. */
  discardPending: { request: { date: string }; response: null };
  /** The last 50 confirmed writes, newest first, with what Undo would put back. */
  listWellnessHistory: { request: undefined; response: WellnessHistoryEntry[] };
  /** Put back what a write replaced (fields that were empty are cleared), verified by reading back. */
  undoWellness: { request: { id: number }; response: UndoWellnessResult };
  /**
   * Training settings per sport with intervals.icu's estimates, and the season. `cache` answers only from the cache;
   * `network` refetches when the answer is older than 5 minutes (or from another day), or always with `force`.
   */
  getTraining: { request: { source: 'cache' | 'network'; force?: boolean }; response: TrainingOverview | null };
  /** Write only the changed settings of one sport, read them back, and record the change for undo. */
  saveSportSettings: {
    request: { settingsId: number; patch: TrainingPatch; recalcHrZones?: boolean };
    response: SaveSettingsResult;
  };
  /** Apply a sport's settings to its past activities (asynchronous on intervals.icu; cannot be undone from here). */
  applySportSettings: { request: { settingsId: number }; response: null };
  /** The last settings changes, newest first, with what Undo would put back. */
  listSettingsHistory: { request: undefined; response: SettingsHistoryEntry[] };
  /** Put back what a settings change replaced, verified by reading back. */
  undoSportSettings: { request: { id: number }; response: SaveSettingsResult };
  /**
   * Upload page: one activity file (base64, since messages are JSON) to `POST /athlete/{id}/activities`. `new` when
   * intervals.icu created an activity (201), `duplicate` when it already had it (200); with links either way.
   */
  uploadActivityFile: { request: { fileName: string; base64: string }; response: UploadResult };
  /**
   * Upload page: workout files onto days with `events/bulk?upsert=true` (the same file on the same day replaces the
   * earlier import), read back from the calendar; an item whose event is not found there has `event: null`.
   */
  importPlan: { request: { items: PlanItem[] }; response: PlanImportResult };
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<K extends MessageType> = ProtocolMap[K]['request'];
export type ResponseOf<K extends MessageType> = ProtocolMap[K]['response'];

export interface Envelope<K extends MessageType = MessageType> {
  channel: typeof CHANNEL;
  type: K;
  data: RequestOf<K>;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

const CHANNEL = 'icu-companion/v1' as const;

/** Thrown by `sendMessage` when the background answered with an error. */
export class MessageError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'MessageError';
    this.info = info;
  }
}

export async function sendMessage<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { channel: CHANNEL, type, data };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<ResponseOf<K>> | undefined;
  if (!reply) {
    throw new MessageError({ kind: 'invalid', message: `The extension's background did not answer "${type}".` });
  }
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}

export type Handlers = {
  [K in MessageType]: (data: RequestOf<K>, sender: Browser.runtime.MessageSender) => Promise<ResponseOf<K>>;
};

export function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Envelope).channel === CHANNEL &&
    typeof (message as Envelope).type === 'string'
  );
}

/** A `runtime.onMessage` listener as the browsers call it: `sendResponse` answers, `true` keeps the channel open. */
export type MessageListener = (
  message: unknown,
  sender: Browser.runtime.MessageSender,
  sendResponse: (reply: unknown) => void,
) => true | undefined;

/**
 * Turns "answer this message with a promise (or ignore it: undefined)" into a `runtime.onMessage` listener. The
 * extension uses the browsers' own `browser`/`chrome` without webextension-polyfill, and Chrome ignores a promise
 * returned by a listener (Firefox takes either), so the answer goes through `sendResponse` and the listener returns
 * `true` to say it will come. A rejected promise is answered with undefined, as no answer.
 */
export function replyingListener(
  answer: (message: unknown, sender: Browser.runtime.MessageSender) => Promise<unknown> | undefined,
): MessageListener {
  return (message, sender, sendResponse) => {
    const reply = answer(message, sender);
    if (!reply) return undefined;
    reply.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
}

/**
 * The other direction: the background → the content script of one tab (`browser.tabs.sendMessage`, which needs no
 * `tabs` permission for a tab id the background was given). The keyboard shortcuts use it to have the page they act
 * on save the file (components/export/download.ts says why the page saves).
 */
export interface TabProtocolMap {
  /** Build this activity's laps or streams CSV and save it from the page. */
  downloadActivityCsv: { request: { activityId: string; kind: 'laps' | 'streams' }; response: { fileName: string } };
}

export type TabMessageType = keyof TabProtocolMap;

export interface TabEnvelope<K extends TabMessageType = TabMessageType> {
  channel: typeof TAB_CHANNEL;
  type: K;
  data: TabProtocolMap[K]['request'];
}

const TAB_CHANNEL = 'icu-companion/tab/v1' as const;

export async function sendTabMessage<K extends TabMessageType>(
  tabId: number,
  type: K,
  data: TabProtocolMap[K]['request'],
): Promise<TabProtocolMap[K]['response']> {
  const envelope: TabEnvelope<K> = { channel: TAB_CHANNEL, type, data };
  let reply: Reply<TabProtocolMap[K]['response']> | undefined;
  try {
    reply = (await browser.tabs.sendMessage(tabId, envelope)) as Reply<TabProtocolMap[K]['response']> | undefined;
  } catch {
    reply = undefined;
  }
  if (!reply) {
    throw new MessageError({
      kind: 'invalid',
      message: 'The intervals.icu tab did not answer. Reload it (the extension may have been updated) and try again.',
    });
  }
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}

export function isTabEnvelope(message: unknown): message is TabEnvelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as TabEnvelope).channel === TAB_CHANNEL &&
    typeof (message as TabEnvelope).type === 'string'
  );
}
