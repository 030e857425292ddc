/**
 * "Download" on a planned workout's page: saves it in the default format; ▾ opens the four formats, each with one
 * line saying what it keeps of this workout (lib/plan/formats.ts), before anything is downloaded.
 */
import { sendMessage } from '~/lib/messages';
import { formatNote, WORKOUT_FORMATS, type WorkoutFormat } from '~/lib/plan/formats';
import type { PlannedWorkoutView } from '~/lib/plan/views';
import { readWorkoutFormat } from '~/lib/settings';
import { el } from '../dom';
import type { InPageFeature } from '../feature';
import { createStatus, failureReason, loadWorkoutDownloads } from '../workout-files';
import css from './export.css?inline';

export const workoutDownload: InPageFeature = {
  id: 'workout-download',
  description: 'On a planned workout: "Download" saves it as .zwo, .fit, .erg or .mrc; ▾ says what each format keeps.',
  routes: ['workout'],
  mount(slot, { route, signal }) {
    const { eventId } = route;
    if (eventId === undefined) return () => {};
    const root = el('span', 'export');
    const button = el('button', 'export-button', 'Download');
    button.type = 'button';
    const toggle = el('button', 'export-toggle', '▾');
    toggle.type = 'button';
    toggle.setAttribute('aria-label', 'Choose a format');
    toggle.setAttribute('aria-expanded', 'false');
    toggle.setAttribute('aria-controls', `icu-companion-formats-${eventId}`);
    const menu = el('div', 'popover export-popover');
    menu.id = `icu-companion-formats-${eventId}`;
    menu.hidden = true;
    menu.setAttribute('role', 'group');
    menu.setAttribute('aria-label', 'Workout file formats');
    const status = createStatus();
    root.append(button, toggle, menu, status.root);

    let workout: PlannedWorkoutView | null = null;
    let format: WorkoutFormat = 'zwo';
    const download = async (as: WorkoutFormat) => {
      setOpen(false);
      status.say('busy', 'Downloading…');
      try {
        const saved = await (await loadWorkoutDownloads()).saveWorkout(eventId, as);
        status.say('ok', `Saved ${saved.fileName}`);
      } catch (error) {
        status.say('error', failureReason(error));
      }
    };
    const render = () => {
      button.textContent = `Download .${format}`;
      button.title = workout ? formatNote(workout.targets, format, workout.sport).text : '';
      menu.replaceChildren(el('p', undefined, 'Download as'));
      for (const f of WORKOUT_FORMATS) {
        const choice = el('button', 'export-choice', `.${f}`);
        choice.type = 'button';
        choice.addEventListener('click', () => void download(f));
        const row = el('div', 'export-format');
        row.append(
          choice,
          el('span', 'export-hint', workout ? formatNote(workout.targets, f, workout.sport).text : ''),
        );
        menu.append(row);
      }
    };
    const setOpen = (open: boolean) => {
      menu.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      if (open) menu.querySelector('button')?.focus();
    };

    button.addEventListener('click', () => void download(format));
    toggle.addEventListener('click', () => setOpen(menu.hidden));
    root.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || menu.hidden) return;
      setOpen(false);
      toggle.focus();
    });
    document.addEventListener(
      'pointerdown',
      (event) => {
        if (!menu.hidden && !event.composedPath().includes(root)) setOpen(false);
      },
      { signal },
    );

    render();
    void Promise.all([readWorkoutFormat(), sendMessage('getPlannedWorkout', { eventId })]).then(
      ([stored, found]) => {
        if (signal.aborted) return;
        format = stored;
        workout = found;
        render();
      },
      (error: unknown) => !signal.aborted && status.say('error', failureReason(error)),
    );
    slot.append(el('style', undefined, css), root);
    return () => root.remove();
  },
};
