/**
 * The in-page "Laps CSV" / "Streams CSV" button, plain DOM like every in-page feature (dom.ts). It shows its export's progress, also when a keyboard shortcut started it, and says why an
 * activity imported from Strava cannot be exported instead of failing silently.
 */
import { el } from './dom';
import { type ExportKind, exportFromPage, failureText, onExportState } from './export-actions';

export interface ExportButton {
  /** The button and its status, to put in the feature's slot. */
  root: HTMLElement;
  button: HTMLButtonElement;
  destroy(): void;
}

const STATUS_MS = { saved: 4000, failed: 10_000 };

export function createExportButton(
  activityId: string,
  kind: ExportKind,
  label: string,
  options: { title: string; showStravaNote: boolean },
): ExportButton {
  const root = el('span', 'export');
  const button = el('button', 'export-button', label);
  button.type = 'button';
  button.title = options.title;
  const status = el('span', 'export-status');
  status.setAttribute('role', 'status');
  root.append(button, status);
  let clear: ReturnType<typeof setTimeout> | undefined;

  const say = (text: string, title: string, ms: number, className: string) => {
    clearTimeout(clear);
    status.textContent = text;
    status.title = title;
    status.className = `export-status ${className}`;
    clear = setTimeout(() => {
      status.textContent = '';
      status.title = '';
    }, ms);
  };

  button.addEventListener('click', () => {
    // Failures show in the status line (through onExportState); nothing else to do here.
    exportFromPage(activityId, kind).catch(() => {});
  });

  const unsubscribe = onExportState((id, state) => {
    if (id !== activityId) return;
    if (state.status === 'failed' && state.error.kind === 'strava') {
      // Same answer for laps and streams: say it once, in place of the buttons.
      clearTimeout(clear);
      for (const child of root.children) if (child !== status) (child as HTMLElement).hidden = true;
      status.textContent = options.showStravaNote ? failureText(state.error).text : '';
      status.title = failureText(state.error).title;
      status.className = 'export-status export-note';
      return;
    }
    if (state.status === 'idle' || state.kind !== kind) return;
    const working = state.status === 'working';
    button.disabled = working;
    button.setAttribute('aria-busy', String(working));
    button.textContent = working ? `${label}…` : label;
    if (state.status === 'saved') say('Saved', state.fileName, STATUS_MS.saved, 'export-ok');
    if (state.status === 'failed') {
      const { text, title } = failureText(state.error);
      say(text, title, STATUS_MS.failed, 'export-error');
    }
  });

  return {
    root,
    button,
    destroy() {
      clearTimeout(clear);
      unsubscribe();
      root.remove();
    },
  };
}
