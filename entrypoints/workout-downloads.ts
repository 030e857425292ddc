/**
 * Planned-workout downloads on intervals.icu pages, built as its own script and loaded on the first click of an
 * in-page "Download" or "Download week" button (components/in-page/workout-files.ts), so the features bundle stays
 * small: it carries the zip writer. Runs in the content script's isolated world and leaves its API on a global.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { WORKOUT_DOWNLOADS_GLOBAL } from '~/components/in-page/workout-files';
import { saveWeek, saveWorkout } from '~/components/plan/save-workouts';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[WORKOUT_DOWNLOADS_GLOBAL] = { saveWorkout, saveWeek };
});
