/**
 * Saves planned workouts from the page that runs this (the popup, or an intervals.icu page through the on-demand
 * `workout-downloads.js`): the background fetches the files (base64 over the message channel), this page turns them
 * into bytes and saves them (components/export/download.ts). The week goes into one zip built here.
 */
import { base64ToBytes } from '~/lib/base64';
import { createUniqueNames } from '~/lib/export/names';
import { createZipWriter } from '~/lib/export/zip';
import { sendMessage } from '~/lib/messages';
import type { WorkoutFormat } from '~/lib/plan/formats';
import { type PlannedWorkoutView, planZipName } from '~/lib/plan/views';
import { saveBlob } from '../export/download';

const MIME: Record<WorkoutFormat, string> = {
  zwo: 'application/xml',
  fit: 'application/vnd.ant.fit',
  erg: 'text/plain',
  mrc: 'text/plain',
};

export interface SavedWorkout {
  fileName: string;
  workout: PlannedWorkoutView;
}

export async function saveWorkout(eventId: number, format: WorkoutFormat, parent?: Node): Promise<SavedWorkout> {
  const { fileName, base64, workout } = await sendMessage('downloadWorkout', { eventId, format });
  saveBlob(fileName, new Blob([base64ToBytes(base64) as BlobPart], { type: MIME[format] }), parent);
  return { fileName, workout };
}

export interface SavedWeek {
  fileName: string;
  /** Workout files in the zip. */
  count: number;
  /** Workouts intervals.icu had no file for (no structured steps). */
  skipped: string[];
}

/** Today's and the next 7 days' workouts in one zip; nothing is saved when there is no file to put in it. */
export async function saveWeek(format: WorkoutFormat, parent?: Node): Promise<SavedWeek> {
  const plan = await sendMessage('downloadPlanFiles', { format });
  const fileName = planZipName(plan, format);
  if (plan.files.length === 0) return { fileName, count: 0, skipped: plan.skipped };
  const chunks: Uint8Array[] = [];
  const zip = createZipWriter((chunk) => chunks.push(chunk));
  const unique = createUniqueNames();
  for (const file of plan.files) await zip.addBytes(unique(file.fileName), base64ToBytes(file.base64));
  await zip.end();
  saveBlob(fileName, new Blob(chunks as BlobPart[], { type: 'application/zip' }), parent);
  return { fileName, count: plan.files.length, skipped: plan.skipped };
}
