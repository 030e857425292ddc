/**
 * "Laps CSV" on an activity page: saves one row per lap or interval, for every sport (intervals.icu has no laps export
 * for runs and swims). Columns: README → Export. The background fetches; this page builds the file and saves it.
 */
import { el } from '../dom';
import { createExportButton } from '../export-button';
import type { InPageFeature } from '../feature';
import css from './export.css?inline';

export const exportLaps: InPageFeature = {
  id: 'export-laps',
  description: 'On an activity: "Laps CSV" saves one row per lap or interval, for every sport.',
  routes: ['activity'],
  mount(slot, { route }) {
    const { activityId } = route;
    if (!activityId) return () => {};
    const style = el('style', undefined, css);
    const control = createExportButton(activityId, 'laps', 'Laps CSV', {
      title: 'Save this activity’s laps as a CSV file',
      showStravaNote: true,
    });
    slot.append(style, control.root);
    return () => {
      control.destroy();
      style.remove();
    };
  },
};
