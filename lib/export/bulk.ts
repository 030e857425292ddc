/**
 * Bulk export: many activities → one zip with each activity's laps and streams CSVs, `activities.csv` (one row per
 * activity) and `skipped.csv` (activities that could not be read, with the reason). Activities stream through: a few
 * are fetched at a time (the background's limiter keeps the requests within intervals.icu's 10/s), each is written to
 * the zip as soon as it arrives, and only then is the next one started, so memory stays at about `concurrency`
 * activities whatever the date range.
 *
 * Pure: the fetching and the zip are passed in.
 */
import type { Activity, Interval } from '../api/types';
import { type CsvCell, type CsvOptions, toCsv } from './csv';
import { createUniqueNames } from './names';
import { localPlus } from './time';
import type { ZipWriter } from './zip';

/** What the activity list says about an activity before it is exported. */
export interface BulkActivity {
  id: string;
  name: string;
  type: string | null;
  startDateLocal: string;
  /** Known from the list already: imported from Strava, so the API will refuse it. */
  restrictedBy: 'strava' | null;
}

/** An exported activity's summary, for `activities.csv`. */
export interface ExportedActivity {
  id: string;
  name: string;
  type: string | null;
  startDateLocal: string;
  movingTimeSecs: number | null;
  elapsedTimeSecs: number | null;
  distanceMeters: number | null;
  trainingLoad: number | null;
  averageWatts: number | null;
  normalizedWatts: number | null;
  averageHeartRate: number | null;
  lapCount: number;
  streamTypes: string[];
}

export interface CsvFile {
  fileName: string;
  text: string;
}

export interface ActivityFiles {
  activity: ExportedActivity;
  laps: CsvFile | null;
  streams: CsvFile | null;
}

export type SkipReason = 'strava' | 'deleted' | 'error';

export interface Skipped {
  activity: BulkActivity;
  reason: SkipReason;
  detail: string;
}

export interface BulkProgress {
  total: number;
  /** Exported plus skipped. */
  done: number;
  exported: number;
  skipped: number;
  elapsedMs: number;
  /** Estimated time left, once at least one activity was fetched; null before. */
  etaMs: number | null;
  /** Compressed bytes so far. */
  zipBytes: number;
}

export interface BulkOptions {
  /** Fetches and builds one activity's files (the background does this). Throws for unreadable activities. */
  fetchActivity(activityId: string): Promise<ActivityFiles>;
  zip: ZipWriter;
  /** Format of `activities.csv` and `skipped.csv` (the activity files come formatted). */
  csv?: CsvOptions;
  signal?: AbortSignal;
  /** Activities in flight at once (default 3). The limiter, not this, sets the request rate. */
  concurrency?: number;
  now?: () => number;
  onProgress?(progress: BulkProgress): void;
}

export type BulkResult =
  | { state: 'done'; exported: ExportedActivity[]; skipped: Skipped[]; fileNames: string[] }
  | { state: 'cancelled'; progress: BulkProgress }
  | { state: 'failed'; error: unknown; progress: BulkProgress };

function abortion(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Failures that stop the whole export instead of skipping one activity: every further request would fail too. */
const FATAL_KINDS = new Set(['auth', 'offline']);

/** The error kind of an `IcuError` or of a `MessageError` carrying an `ErrorInfo`. */
export function errorKindOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { kind?: unknown; info?: { kind?: unknown } };
  const kind = e.info?.kind ?? e.kind;
  return typeof kind === 'string' ? kind : undefined;
}

export const STRAVA_SKIP_DETAIL =
  'Imported from Strava: Strava does not allow intervals.icu to share it through the API. Upload the original file to intervals.icu to export it.';

export function skipOf(activity: BulkActivity, error: unknown): Skipped {
  const kind = errorKindOf(error);
  if (kind === 'strava') return { activity, reason: 'strava', detail: STRAVA_SKIP_DETAIL };
  if (kind === 'not-found') {
    return { activity, reason: 'deleted', detail: 'Deleted: intervals.icu no longer has this activity.' };
  }
  const message = error instanceof Error ? error.message : 'The activity could not be read.';
  return { activity, reason: 'error', detail: kind ? `${kind}: ${message}` : message };
}

export async function runBulkExport(activities: readonly BulkActivity[], options: BulkOptions): Promise<BulkResult> {
  const { zip, signal, concurrency = 3, now = Date.now, onProgress } = options;
  const started = now();
  const exported = new Map<string, ExportedEntry>();
  const skipped: Skipped[] = [];
  const fileNames: string[] = [];
  const unique = createUniqueNames();
  let fetched = 0;
  let fetchedMs = 0;
  let fatal: { error: unknown } | null = null;

  const toFetch = activities.filter((a) => {
    if (a.restrictedBy !== 'strava') return true;
    skipped.push({ activity: a, reason: 'strava', detail: STRAVA_SKIP_DETAIL });
    return false;
  });

  const progress = (): BulkProgress => {
    const done = exported.size + skipped.length;
    const left = activities.length - done;
    const elapsedMs = now() - started;
    return {
      total: activities.length,
      done,
      exported: exported.size,
      skipped: skipped.length,
      elapsedMs,
      // Time per fetched activity so far × those left, shared between the ones in flight.
      etaMs: fetched > 0 ? Math.round((fetchedMs / fetched / Math.min(concurrency, Math.max(1, left))) * left) : null,
      zipBytes: zip.bytesWritten,
    };
  };
  onProgress?.(progress());

  let next = 0;
  const worker = async () => {
    while (next < toFetch.length && !signal?.aborted && !fatal) {
      const activity = toFetch[next++] as BulkActivity;
      const t0 = now();
      try {
        const files = await options.fetchActivity(activity.id);
        if (signal?.aborted || fatal) return;
        const entry: ExportedEntry = { activity: files.activity, lapsFile: null, streamsFile: null };
        for (const [file, key] of [
          [files.laps, 'lapsFile'],
          [files.streams, 'streamsFile'],
        ] as const) {
          if (!file) continue;
          const name = unique(file.fileName);
          await zip.addText(name, file.text);
          fileNames.push(name);
          entry[key] = name;
        }
        exported.set(activity.id, entry);
      } catch (error) {
        if (signal?.aborted) return;
        if (FATAL_KINDS.has(errorKindOf(error) ?? '')) {
          fatal ??= { error };
          return;
        }
        skipped.push(skipOf(activity, error));
      }
      fetched++;
      fetchedMs += now() - t0;
      onProgress?.(progress());
    }
  };
  const workers = Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, toFetch.length)) }, worker));
  // Cancel answers at once; a request already in flight finishes in the background and its answer is dropped.
  await Promise.race([workers, abortion(signal)]);

  if (signal?.aborted) return { state: 'cancelled', progress: progress() };
  if (fatal) return { state: 'failed', error: (fatal as { error: unknown }).error, progress: progress() };

  const csv = options.csv ?? {};
  await zip.addText('activities.csv', toCsv(activitiesRows(activities, exported, skipped), csv));
  await zip.addText('skipped.csv', toCsv(skippedRows(skipped), csv));
  await zip.end();
  onProgress?.(progress());
  return {
    state: 'done',
    exported: activities.flatMap((a) => exported.get(a.id)?.activity ?? []),
    skipped,
    fileNames: [...fileNames, 'activities.csv', 'skipped.csv'],
  };
}

export const ACTIVITY_HEADERS = [
  'id',
  'start_time',
  'name',
  'type',
  'status',
  'moving_time_s',
  'elapsed_time_s',
  'distance_m',
  'load',
  'avg_power_w',
  'np_w',
  'avg_hr_bpm',
  'laps',
  'streams',
  'laps_file',
  'streams_file',
] as const;

export interface ExportedEntry {
  activity: ExportedActivity;
  /** Names in the zip. */
  lapsFile: string | null;
  streamsFile: string | null;
}

/** One row per listed activity, in the list's order: exported ones with their figures and files, the rest marked. */
export function activitiesRows(
  activities: readonly BulkActivity[],
  exported: ReadonlyMap<string, ExportedEntry>,
  skipped: readonly Skipped[],
): CsvCell[][] {
  const skipById = new Map(skipped.map((s) => [s.activity.id, s]));
  const rows: CsvCell[][] = [[...ACTIVITY_HEADERS]];
  for (const listed of activities) {
    const entry = exported.get(listed.id);
    if (entry) {
      const a = entry.activity;
      rows.push([
        a.id,
        localPlus(a.startDateLocal, 0),
        a.name,
        a.type,
        'exported',
        a.movingTimeSecs,
        a.elapsedTimeSecs,
        a.distanceMeters,
        a.trainingLoad,
        a.averageWatts,
        a.normalizedWatts,
        a.averageHeartRate,
        a.lapCount,
        a.streamTypes.join(' '),
        entry.lapsFile,
        entry.streamsFile,
      ]);
    } else {
      const skip = skipById.get(listed.id);
      rows.push([
        listed.id,
        localPlus(listed.startDateLocal, 0),
        listed.name,
        listed.type,
        skip ? `skipped (${skip.reason})` : 'not exported',
        ...Array<CsvCell>(ACTIVITY_HEADERS.length - 5).fill(null),
      ]);
    }
  }
  return rows;
}

export const SKIPPED_HEADERS = ['id', 'start_time', 'name', 'reason', 'detail'] as const;

export function skippedRows(skipped: readonly Skipped[]): CsvCell[][] {
  return [
    [...SKIPPED_HEADERS],
    ...skipped.map((s) => [
      s.activity.id,
      localPlus(s.activity.startDateLocal, 0),
      s.activity.name,
      s.reason,
      s.detail,
    ]),
  ];
}

/** The summary of an activity as the API returned it (with `icu_intervals` when asked for). */
export function toExportedActivity(activity: Activity & { icu_intervals?: Interval[] }): ExportedActivity {
  return {
    id: String(activity.id ?? ''),
    name: activity.name || 'Untitled activity',
    type: activity.type ?? null,
    startDateLocal: activity.start_date_local ?? '',
    movingTimeSecs: activity.moving_time ?? null,
    elapsedTimeSecs: activity.elapsed_time ?? null,
    distanceMeters: activity.distance ?? activity.icu_distance ?? null,
    trainingLoad: activity.icu_training_load ?? null,
    averageWatts: activity.icu_average_watts ?? null,
    normalizedWatts: activity.icu_weighted_avg_watts ?? null,
    averageHeartRate: activity.average_heartrate ?? null,
    lapCount: activity.icu_intervals?.length ?? 0,
    streamTypes: activity.stream_types ?? [],
  };
}
