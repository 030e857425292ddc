/**
 * The in-page side of planned-workout downloads: loads `workout-downloads.js` (entrypoints/workout-downloads.ts) on
 * first use, and the small status line the "Download" and "Download week" buttons share. Plain DOM (dom.ts).
 */
import type { SavedWeek, SavedWorkout } from '~/components/plan/save-workouts';
import { explainError } from '~/lib/api/explain-error';
import { MessageError } from '~/lib/messages';
import type { WorkoutFormat } from '~/lib/plan/formats';
import { el } from './dom';
import { loadPackagedScript } from './packaged-script';

export const WORKOUT_DOWNLOADS_GLOBAL = '__icuCompanionWorkoutDownloads';
export const WORKOUT_DOWNLOADS_SCRIPT = '/workout-downloads.js';

export interface WorkoutDownloads {
  saveWorkout(eventId: number, format: WorkoutFormat): Promise<SavedWorkout>;
  saveWeek(format: WorkoutFormat): Promise<SavedWeek>;
}

export const loadWorkoutDownloads = () =>
  loadPackagedScript<WorkoutDownloads>(WORKOUT_DOWNLOADS_SCRIPT, WORKOUT_DOWNLOADS_GLOBAL, 'The workout downloads');

/** A status line (`role="status"`) that says what a download did; failures stay longer than successes. */
export function createStatus(): { root: HTMLElement; say(tone: 'ok' | 'error' | 'busy', text: string): void } {
  const root = el('span', 'export-status');
  root.setAttribute('role', 'status');
  let clear: ReturnType<typeof setTimeout> | undefined;
  return {
    root,
    say(tone, text) {
      clearTimeout(clear);
      root.textContent = text;
      root.className = `export-status${tone === 'busy' ? '' : ` export-${tone === 'ok' ? 'ok' : 'error'}`}`;
      if (tone !== 'busy') clear = setTimeout(() => (root.textContent = ''), tone === 'ok' ? 6000 : 12_000);
    },
  };
}

/** The plain-words reason a download failed. */
export function failureReason(error: unknown): string {
  if (error instanceof MessageError) {
    return error.info.kind === 'invalid' ? error.info.message : explainError(error.info).title;
  }
  return 'The download failed inside the extension. Please try again.';
}
