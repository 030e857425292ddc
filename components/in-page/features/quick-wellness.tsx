/**
 * "Wellness" in the intervals.icu toolbar (activity, calendar, wellness and fitness pages): opens the quick wellness
 * form in a small panel of the extension's own, in a shadow root, without leaving the page.
 *
 * Plain DOM here: the form (Preact and the wellness code) is a separate script, `wellness-panel.js`, loaded with
 * `import()` on the first click together with its stylesheet, so the content script every intervals.icu page loads
 * stays small. Both are web accessible resources for https://intervals.icu only; they hold no data (everything goes
 * through the background).
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '~/lib/messages';
import type { Route } from '~/lib/routes';
import type { InPageFeature } from '../feature';
import { loadPackagedScript } from '../packaged-script';

/** Where the panel script puts its API when it has run (the content script's own global scope). */
export const PANEL_GLOBAL = '__icuCompanionWellnessPanel';
export const PANEL_TAG = 'icu-companion-wellness';
export const PANEL_SCRIPT = '/wellness-panel.js';
/** The panel's stylesheet (entrypoints/wellness-panel-style.css), web-accessible like the script. */
export const PANEL_STYLE = '/assets/wellness-panel-style.css';

/** A coached athlete whose page this is: the panel edits their wellness, and says so. */
export interface PanelAthlete {
  id: string;
  name: string;
}

export interface WellnessPanelModule {
  /** Renders the panel into a shadow root on `host`; returns the unmount. */
  mount(host: HTMLElement, options: { onClose(): void; athlete?: PanelAthlete }): () => void;
}

/** What wellness-panel.js leaves on its global: the panel, given its stylesheet's text. */
export interface WellnessPanelScript {
  mount(host: HTMLElement, options: { onClose(): void; css: string; athlete?: PanelAthlete }): () => void;
}

/**
 * On an activity page: whose activity it is, when that is an athlete the key coaches (not the key's owner). The
 * activity says (`icu_athlete_id`); the roster says whether the key may act on them.
 */
async function pageAthlete(route: Route): Promise<PanelAthlete | undefined> {
  if (route.kind !== 'activity' || !route.activityId) return undefined;
  try {
    const activity = await sendMessage('getActivitySummary', {
      activityId: route.activityId,
      source: 'network',
      maxAgeMs: 60_000,
    });
    const roster = await sendMessage('getAthletes', { source: 'cache' });
    const owner = activity?.athleteId;
    const coached = roster.athletes.find((a) => a.id === owner && a.id !== roster.selfId);
    return coached ? { id: coached.id, name: coached.name } : undefined;
  } catch {
    return undefined; // the switcher's athlete, as on other pages
  }
}

export type PanelLoader = () => Promise<WellnessPanelModule>;

let style: Promise<string> | null = null;

/** The script and its stylesheet, fetched side by side, once (a failed fetch is tried again on the next click). */
export async function loadPanelScript(): Promise<WellnessPanelModule> {
  // `as '/'`: WXT's generated paths put unlisted styles at the root, but it builds them into /assets.
  style ??= fetch(browser.runtime.getURL(PANEL_STYLE as '/')).then((response) => {
    if (!response.ok) throw new Error(`The wellness panel's stylesheet did not load (${response.status}).`);
    return response.text();
  });
  const pending = style;
  pending.catch(() => {
    if (style === pending) style = null;
  });
  const [script, css] = await Promise.all([
    loadPackagedScript<WellnessPanelScript>(PANEL_SCRIPT, PANEL_GLOBAL, 'The wellness panel'),
    pending,
  ]);
  return { mount: (host, options) => script.mount(host, { ...options, css }) };
}

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

export function createQuickWellness(load: PanelLoader = loadPanelScript): InPageFeature {
  return {
    id: 'quick-wellness',
    description: 'On activity, calendar, wellness and fitness pages: "Wellness" opens the quick wellness form.',
    routes: ['activity', 'calendar', 'wellness', 'fitness'],
    mount(slot, { signal, route }) {
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
          const [panel, athlete] = await Promise.all([load(), pageAthlete(route)]);
          if (signal.aborted) return;
          const host = document.createElement(PANEL_TAG);
          // The site binds single-key shortcuts on document: typing in the form must not reach them.
          for (const type of ISOLATED_EVENTS) host.addEventListener(type, (event) => event.stopPropagation());
          document.body.append(host);
          const unmount = panel.mount(host, { onClose: () => close?.(true), athlete });
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
