/**
 * "Streams CSV" on an activity page: saves one row per sample with a column per stream (time, power, heart rate,
 * position…). The ▾ next to it picks the streams (saved for every export, the popup's picker too). The background
 * fetches; this page builds the file and saves it.
 */
import { STREAM_CHOICES } from '~/lib/export/stream-choices';
import { exportStreamsExcluded } from '~/lib/settings';
import { el } from '../dom';
import { createExportButton } from '../export-button';
import type { InPageFeature } from '../feature';
import css from './export.css?inline';

let pickers = 0;

/** The ▾ toggle and its popover of stream checkboxes; Escape or a click elsewhere closes it. */
function createStreamPicker(host: HTMLElement, signal: AbortSignal): HTMLElement {
  const id = `icu-companion-streams-${++pickers}`;
  const toggle = el('button', 'export-toggle', '▾');
  toggle.type = 'button';
  toggle.title = 'Choose the streams in the CSV';
  toggle.setAttribute('aria-label', 'Choose streams');
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', id);

  const popover = el('div', 'popover export-popover');
  popover.id = id;
  popover.hidden = true;
  popover.setAttribute('role', 'group');
  popover.setAttribute('aria-label', 'Streams in the CSV');
  popover.append(el('p', undefined, 'Streams in the CSV'));
  const boxes = STREAM_CHOICES.map((choice) => {
    const input = el('input');
    input.type = 'checkbox';
    input.value = choice.id;
    const label = el('label');
    label.append(input, choice.label);
    popover.append(label);
    return input;
  });
  popover.append(el('p', 'export-hint', 'Time is always included. Saved for every export.'));

  const save = () => {
    void exportStreamsExcluded.setValue(boxes.filter((b) => !b.checked).map((b) => b.value));
  };
  for (const box of boxes) box.addEventListener('change', save);

  const setOpen = async (open: boolean) => {
    if (open) {
      const excluded = await exportStreamsExcluded.getValue().catch(() => [] as string[]);
      for (const box of boxes) box.checked = !excluded.includes(box.value);
    }
    popover.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) boxes[0]?.focus();
  };
  toggle.addEventListener('click', () => void setOpen(popover.hidden));
  host.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || popover.hidden) return;
    void setOpen(false);
    toggle.focus();
  });
  // Tabbing out of the picker closes it.
  host.addEventListener('focusout', (event) => {
    const next = event.relatedTarget as Node | null;
    if (!popover.hidden && next && !host.contains(next)) void setOpen(false);
  });
  // A click anywhere else (the page, or elsewhere in our toolbar) closes it.
  document.addEventListener(
    'pointerdown',
    (event) => {
      if (!popover.hidden && !event.composedPath().includes(host)) void setOpen(false);
    },
    { signal },
  );
  const wrapper = el('span');
  wrapper.append(toggle, popover);
  return wrapper;
}

export const exportStreams: InPageFeature = {
  id: 'export-streams',
  description: 'On an activity: "Streams CSV" saves one row per sample and a column per stream; ▾ picks the streams.',
  routes: ['activity'],
  mount(slot, { route, signal }) {
    const { activityId } = route;
    if (!activityId) return () => {};
    const style = el('style', undefined, css);
    const control = createExportButton(activityId, 'streams', 'Streams CSV', {
      title: 'Save this activity’s streams (one row per sample) as a CSV file',
      showStravaNote: false,
    });
    control.root.insertBefore(createStreamPicker(control.root, signal), control.button.nextSibling);
    slot.append(style, control.root);
    return () => {
      control.destroy();
      style.remove();
    };
  },
};
