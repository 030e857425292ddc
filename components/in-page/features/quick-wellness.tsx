/**
 * "Wellness" in the intervals.icu toolbar (activity, calendar, wellness and fitness pages): opens the quick wellness
 * form in a small panel of the extension's own, in a shadow root, without leaving the page.
 *
 * Plain DOM here: the form (Preact and the wellness code) is a separate script, `wellness-panel.js`, loaded with
 * `import()` on the first click, so the content script every intervals.icu page loads stays small. It is a web
 * accessible resource for https://intervals.icu only; it holds no data (everything goes through the background).
 */
import type { InPageFeature } from '../feature';
import { loadPackagedScript } from '../packaged-script';

/** Where the panel script puts its API when it has run (the content script's own global scope). */
export const PANEL_GLOBAL = '__icuCompanionWellnessPanel';
export const PANEL_TAG = 'icu-companion-wellness';
export const PANEL_SCRIPT = '/wellness-panel.js';

export interface WellnessPanelModule {
  /** Renders the panel into a shadow root on `host`; returns the unmount. */
  mount(host: HTMLElement, options: { onClose(): void }): () => void;
}

export type PanelLoader = () => Promise<WellnessPanelModule>;

export function loadPanelScript(): Promise<WellnessPanelModule> {
  return loadPackagedScript(PANEL_SCRIPT, PANEL_GLOBAL, 'The wellness panel');
}

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

export function createQuickWellness(load: PanelLoader = loadPanelScript): InPageFeature {
  return {
    id: 'quick-wellness',
    description: 'On activity, calendar, wellness and fitness pages: "Wellness" opens the quick wellness form.',
    routes: ['activity', 'calendar', 'wellness', 'fitness'],
    mount(slot, { signal }) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Wellness';
      button.title = 'Quick wellness: edit and lock a day';
      button.setAttribute('aria-haspopup', 'dialog');
      button.setAttribute('aria-expanded', 'false');
      slot.append(button);

      let close: ((refocus: boolean) => void) | null = null;
      const toggle = async () => {
        if (close) {
          close(true);
          return;
        }
        button.disabled = true;
        try {
          const panel = await load();
          if (signal.aborted) return;
          const host = document.createElement(PANEL_TAG);
          // The site binds single-key shortcuts on document: typing in the form must not reach them.
          for (const type of ISOLATED_EVENTS) host.addEventListener(type, (event) => event.stopPropagation());
          document.body.append(host);
          const unmount = panel.mount(host, { onClose: () => close?.(true) });
          button.setAttribute('aria-expanded', 'true');
          close = (refocus) => {
            close = null;
            unmount();
            host.remove();
            button.setAttribute('aria-expanded', 'false');
            if (refocus) button.focus();
          };
        } catch {
          button.title = 'The wellness panel could not be opened. Use the toolbar popup instead.';
        } finally {
          button.disabled = false;
        }
      };
      button.addEventListener('click', () => void toggle());
      return () => {
        close?.(false);
        button.remove();
      };
    },
  };
}

export const quickWellness = createQuickWellness();
