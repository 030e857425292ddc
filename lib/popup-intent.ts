/**
 * What the popup should open on, set just before the background opens it (e.g. the quick-wellness shortcut). Kept in
 * `storage.session` (trusted contexts only, gone with the browser session); the popup takes it once and clears it.
 * Opened in a tab instead (browsers where `action.openPopup` fails), the popup reads the same from its URL hash.
 */
import { defineItem } from './storage-item';

/** `wellness`: the quick-wellness form. `plan-today`: the Plan section, saving today's workout. */
export type PopupView = 'wellness' | 'plan-today';
const VIEWS: readonly string[] = ['wellness', 'plan-today'] satisfies PopupView[];

export interface PopupIntent {
  view: PopupView;
  /** Epoch ms; an intent older than `INTENT_TTL_MS` is stale (the popup never opened) and ignored. */
  at: number;
}

export const INTENT_TTL_MS = 60_000;

export const popupIntent = defineItem<PopupIntent | null>('session:popupIntent', { fallback: null });

/** The view asked for by a fresh intent or by the URL hash (`#wellness`), clearing the intent. */
export async function takePopupIntent(hash: string, now = Date.now()): Promise<PopupView | null> {
  let intent: PopupIntent | null = null;
  try {
    intent = await popupIntent.getValue();
    if (intent) await popupIntent.removeValue();
  } catch {
    // storage.session unavailable (very old browser): the hash still works.
  }
  if (intent && now - intent.at >= 0 && now - intent.at < INTENT_TTL_MS) return intent.view;
  const fromHash = hash.replace(/^#/, '');
  return VIEWS.includes(fromHash) ? (fromHash as PopupView) : null;
}
