/**
 * Which files the Upload page takes, and how big they may be. Pure: names and sizes in, a reason out.
 *
 * Activity files: `.fit`, `.tcx`, `.gpx`, those gzipped (`.fit.gz`, …) and `.zip` archives (what intervals.icu's
 * `POST /athlete/{id}/activities` reads). Workout files for "Import a plan": `.zwo`, `.mrc`, `.erg` and FIT workouts
 * (what `events/bulk` reads from `filename` + `file_contents_base64`). Names are matched case-insensitively
 * (`RIDE.FIT` from a Garmin's USB drive).
 */

/**
 * 25 MiB per activity file. Why this figure:
 * - A file crosses from the page to the background as base64 inside a JSON message (Chrome's runtime messaging
 *   JSON-serializes, and caps a message at 64 MiB). Base64 adds a third: 25 MiB → 33.3 MiB, half the cap, leaving
 *   room for JSON overhead and for the two uploads the queue runs at once without the page or the service worker
 *   holding hundreds of MB.
 * - Real recordings are far smaller: a 24-hour 1 Hz FIT with power, heart rate and position is a few MB; a zip of a
 *   week of rides stays well under 25 MiB.
 * - intervals.icu documents no limit; the stand-in's 413 at 50 MiB is an assumption. Refusing at 25 MiB, with the
 *   reason, beats sending 50 MB to learn it was too big.
 * - At 1 Mbit/s upstream 25 MiB takes about 3.5 minutes, inside Chrome's 5 minutes for one service-worker task.
 */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/**
 * 1 MiB per workout file: structured workouts are a few KB (a long ZWO with text events stays under 100 KB), and
 * every file of an import goes to intervals.icu in one `events/bulk` request.
 */
export const MAX_WORKOUT_BYTES = 1024 * 1024;

export const ACTIVITY_EXTENSIONS = ['.fit', '.tcx', '.gpx', '.fit.gz', '.tcx.gz', '.gpx.gz', '.zip'] as const;
export const WORKOUT_EXTENSIONS = ['.zwo', '.mrc', '.erg', '.fit'] as const;

/** For the file pickers' `accept`: `.gz` as such, since browsers match only the last extension. */
export const ACTIVITY_ACCEPT = '.fit,.tcx,.gpx,.gz,.zip';
export const WORKOUT_ACCEPT = WORKOUT_EXTENSIONS.join(',');

const endsWithOneOf = (name: string, extensions: readonly string[]) =>
  extensions.some((ext) => name.toLowerCase().endsWith(ext));

export const isActivityFileName = (name: string): boolean => endsWithOneOf(name.trim(), ACTIVITY_EXTENSIONS);
export const isWorkoutFileName = (name: string): boolean => endsWithOneOf(name.trim(), WORKOUT_EXTENSIONS);

/** Sizes as the page shows them: binary units, one decimal from MB on. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A limit in whole MB when it is one ("25 MB", not "25.0 MB"). */
export const formatLimit = (bytes: number): string =>
  bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : formatBytes(bytes);

/** Why an activity file is not sent (null: it may be). The reason names the file and the rule it breaks. */
export function refuseActivityFile(name: string, size: number, maxBytes = MAX_UPLOAD_BYTES): string | null {
  if (!isActivityFileName(name)) {
    return `${name}: not an activity file. intervals.icu takes .fit, .tcx and .gpx files, also as .gz or in a .zip.`;
  }
  if (size === 0) return `${name}: the file is empty.`;
  if (size > maxBytes) {
    return `${name} (${formatBytes(size)}) is larger than the ${formatLimit(maxBytes)} limit for one file, so it was not uploaded. Split a large archive into smaller ones.`;
  }
  return null;
}

/** Why a workout file is not imported (null: it may be). */
export function refuseWorkoutFile(name: string, size: number, maxBytes = MAX_WORKOUT_BYTES): string | null {
  if (!isWorkoutFileName(name)) {
    return `${name}: not a workout file. Import takes .zwo, .mrc, .erg and FIT workout (.fit) files.`;
  }
  if (size === 0) return `${name}: the file is empty.`;
  if (size > maxBytes) {
    return `${name} (${formatBytes(size)}) is larger than the ${formatLimit(maxBytes)} limit for a workout file (workouts are a few KB).`;
  }
  return null;
}
