/**
 * What a keyboard shortcut shows, whatever page is open: the toolbar badge with a title that says what happened
 * (for a few seconds), or the popup opened on the view the shortcut is about (in a tab where the browser refuses to
 * open the popup from here). Every command reports through one of the two (commands.ts shows failures).
 */
import { browser } from 'wxt/browser';
import { type PopupView, popupIntent } from '~/lib/popup-intent';

export const BADGE_MS = 5_000;
/** The manifest's `action.default_title` (wxt.config.ts). */
const DEFAULT_TITLE = 'Companion for intervals.icu';

const BADGE = {
  ok: { text: '✓', color: '#1e7a34' },
  pending: { text: '…', color: '#8a5a00' },
  failed: { text: '!', color: '#b3261e' },
} as const;

let badgeTimer: ReturnType<typeof setTimeout> | undefined;

export async function showBadge(kind: keyof typeof BADGE, title: string): Promise<void> {
  clearTimeout(badgeTimer);
  const { text, color } = BADGE[kind];
  await Promise.all([
    browser.action.setBadgeText({ text }),
    browser.action.setBadgeBackgroundColor({ color }),
    browser.action.setTitle({ title }),
  ]);
  badgeTimer = setTimeout(() => {
    void browser.action.setBadgeText({ text: '' });
    void browser.action.setTitle({ title: DEFAULT_TITLE });
  }, BADGE_MS);
}

export async function openPopupOn(view: PopupView): Promise<void> {
  await popupIntent.setValue({ view, at: Date.now() });
  const action = browser.action as typeof browser.action & { openPopup?: () => Promise<void> };
  try {
    // Chrome 127+ and Firefox open the popup from a shortcut; elsewhere (or without a focused window) this throws.
    if (!action.openPopup) throw new Error('action.openPopup is not available');
    await action.openPopup();
  } catch {
    await popupIntent.removeValue();
    await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html#${view}`) });
  }
}
