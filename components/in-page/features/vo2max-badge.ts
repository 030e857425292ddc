/**
 * On a cycling activity page: "5-min 340 W · 4.86 W/kg · VO2max ≈ 59.7" in the extension's toolbar, a button that
 * opens the details (weight and its source, formula, intervals.icu's own figure, where the power came from); Escape
 * or a second click closes them.
 *
 * Shown only when there is 5-minute cycling power to show. On a run, a ride without power or shorter than 5 minutes,
 * an e-bike ride, or an activity imported from Strava, the badge stays out of the page (the popup's VO2max card says
 * why for the activity in the tab). A ride whose weight is unknown shows its power and says a weight is needed.
 *
 * Plain DOM rather than Preact, like every in-page feature (dom.ts): the features bundle has a 15 KB budget, and
 * Preact alone would take a third of it for one button.
 */
import { sendMessage } from '~/lib/messages';
import type { ActivityVo2max } from '~/lib/power/vo2max-views';
import { FORMULA_SHORT, formatVo2max, formatWatts, formatWattsPerKg, weightText } from '../../vo2max/format';
import { el } from '../dom';
import type { InPageFeature } from '../feature';
import css from './vo2max-badge.css?inline';

const DETAILS_ID = 'icu-companion-vo2max-details';

/** What the badge shows for an answer: null when it stays hidden. */
export function badgeText(answer: ActivityVo2max): string | null {
  const { result } = answer;
  if (result.ok) {
    return `5-min ${formatWatts(result.watts)} · ${formatWattsPerKg(result.wattsPerKg)} · VO2max ≈ ${formatVo2max(result.vo2max)}`;
  }
  if (result.reason === 'no-weight' && answer.watts !== null) {
    return `5-min ${formatWatts(answer.watts)} · VO2max needs your weight`;
  }
  return null;
}

/** The details as label/value rows (no number without its unit). */
export function badgeDetails(answer: ActivityVo2max): [string, string][] | null {
  const { result } = answer;
  if (!result.ok) return null;
  const rows: [string, string][] = [
    ['VO2max', `≈ ${formatVo2max(result.vo2max)} ml/kg/min`],
    ['Weight', weightText(result.weight, { date: answer.date, curve: 'activity' })],
    ['Formula', FORMULA_SHORT[result.formula]],
  ];
  if (answer.icuVo2max5m !== null) rows.push(['intervals.icu', `${formatVo2max(answer.icuVo2max5m)} ml/kg/min`]);
  rows.push(['Power', answer.powerFrom === 'stream' ? 'from the watts stream' : 'from the power curve']);
  return rows;
}

/** Builds the badge into `root`; returns false when this answer shows nothing. */
export function renderBadge(root: HTMLElement, answer: ActivityVo2max): boolean {
  const text = badgeText(answer);
  if (!text) return false;
  const wrapper = el('span', 'vo2');
  const button = el('button', 'vo2-badge', text);
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', DETAILS_ID);

  const details = el('section', 'popover vo2-details');
  details.id = DETAILS_ID;
  details.hidden = true;
  details.setAttribute('aria-label', 'VO2max estimate details');
  const rows = badgeDetails(answer);
  if (rows) {
    const list = el('dl');
    for (const [label, value] of rows) list.append(el('dt', undefined, label), el('dd', undefined, value));
    details.append(list);
  } else {
    details.append(
      el('p', undefined, 'No weight is recorded for this day: enter yours in the extension’s popup (VO2max → Weight).'),
    );
  }
  details.append(el('p', 'vo2-note', 'Formula and weight can be changed in the extension’s popup.'));

  const setOpen = (open: boolean) => {
    details.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', () => setOpen(details.hidden));
  wrapper.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || details.hidden) return;
    setOpen(false);
    button.focus();
  });
  wrapper.append(button, details);
  root.replaceChildren(wrapper);
  return true;
}

export const vo2maxBadge: InPageFeature = {
  id: 'vo2max-badge',
  description: 'On a cycling activity: its best 5 minutes in W and W/kg and the VO2max estimate, with the details.',
  routes: ['activity'],
  mount(slot, { route, signal }) {
    const { activityId } = route;
    if (!activityId) return () => {};
    const style = el('style', undefined, css);
    const root = el('span');
    slot.append(style, root);
    sendMessage('getActivityVo2max', { activityId })
      .then((answer) => {
        if (!signal.aborted) renderBadge(root, answer);
      })
      // Not connected, offline, or the extension was reloaded: the page stays as it is.
      .catch(() => {});
    return () => {
      root.remove();
      style.remove();
    };
  },
};
