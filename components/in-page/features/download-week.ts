/**
 * "Download week" on the intervals.icu calendar: today's and the next 7 days' planned workouts in the default format
 * (the popup's Plan section sets it), in one zip. The zip is built by `workout-downloads.js`, loaded on the first click.
 */
import { readWorkoutFormat } from '~/lib/settings';
import { el } from '../dom';
import type { InPageFeature } from '../feature';
import { createStatus, failureReason, loadWorkoutDownloads } from '../workout-files';
import css from './export.css?inline';

export const downloadWeek: InPageFeature = {
  id: 'download-week',
  description: 'On the calendar: "Download week" saves the next 8 days of planned workouts in one zip.',
  routes: ['calendar'],
  mount(slot) {
    const root = el('span', 'export');
    const button = el('button', 'export-button', 'Download week');
    button.type = 'button';
    button.title = 'Save today’s and the next 7 days’ planned workouts as one zip (format: the popup’s Plan section)';
    const status = createStatus();
    root.append(button, status.root);
    button.addEventListener('click', async () => {
      button.disabled = true;
      status.say('busy', 'Downloading…');
      try {
        const [downloads, format] = await Promise.all([loadWorkoutDownloads(), readWorkoutFormat()]);
        const week = await downloads.saveWeek(format);
        status.say(
          week.count === 0 ? 'error' : 'ok',
          week.count === 0 ? 'No structured workout in the next 8 days' : `Saved ${week.count} workouts`,
        );
        status.root.title = week.count === 0 ? '' : week.fileName;
      } catch (error) {
        status.say('error', failureReason(error));
      } finally {
        button.disabled = false;
      }
    });
    slot.append(el('style', undefined, css), root);
    return () => root.remove();
  },
};
