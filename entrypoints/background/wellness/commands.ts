/**
 * The two wellness shortcuts. `quick-wellness` opens the popup on the wellness form (or, where the browser refuses to
 * open the popup from here, the same page in a tab). `lock-today` locks today through the outbox, reads it back, and
 * shows the outcome on the toolbar badge for a few seconds.
 */
import { type Browser, browser } from 'wxt/browser';
import { IcuError } from '~/lib/api/errors';
import { todayIn } from '~/lib/dates';
import { popupIntent } from '~/lib/popup-intent';
import { connectedAthlete } from '~/lib/settings';
import type { Services } from '../services/context';
import { setWellnessLock } from './handlers';

export const BADGE_MS = 5_000;
/** The manifest's `action.default_title` (wxt.config.ts). */
const DEFAULT_TITLE = 'Companion for intervals.icu';

const BADGE = {
  ok: { text: '✓', color: '#1e7a34' },
  pending: { text: '…', color: '#8a5a00' },
  failed: { text: '!', color: '#b3261e' },
} as const;

let badgeTimer: ReturnType<typeof setTimeout> | undefined;

async function showBadge(kind: keyof typeof BADGE, title: string): Promise<void> {
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

export async function openQuickWellness(): Promise<void> {
  await popupIntent.setValue({ view: 'wellness', at: Date.now() });
  const action = browser.action as typeof browser.action & { openPopup?: () => Promise<void> };
  try {
    // Chrome 127+ and Firefox open the popup from a shortcut; elsewhere (or without a focused window) this throws.
    if (!action.openPopup) throw new Error('action.openPopup is not available');
    await action.openPopup();
  } catch {
    await popupIntent.removeValue();
    await browser.tabs.create({ url: browser.runtime.getURL('/popup.html#wellness') });
  }
}

/** Locks today and reports on the badge; the outcome also resolves (or rejects) for the `runCommand` message. */
export async function lockToday(services: Services): Promise<void> {
  try {
    const athlete = await connectedAthlete.getValue();
    if (!athlete) throw new IcuError({ kind: 'auth', message: 'Not connected: add your API key in the settings.' });
    const today = todayIn(athlete.timezone, services.now());
    const result = await setWellnessLock(services, { date: today, locked: true });
    if (result.status === 'pending') {
      await showBadge('pending', 'Lock of today pending — will retry');
    } else if (result.locked) {
      await showBadge('ok', 'Today is locked on intervals.icu');
    } else {
      await showBadge('failed', 'intervals.icu did not keep today locked');
    }
  } catch (error) {
    // The IcuError's own message is already in plain words (api/response-errors.ts).
    await showBadge(
      'failed',
      `Could not lock today: ${error instanceof IcuError ? error.message : 'unexpected error'}`,
    );
    throw error;
  }
}

export const wellnessCommands = {
  'quick-wellness': async (_services: Services, _tab: Browser.tabs.Tab | undefined) => openQuickWellness(),
  'lock-today': async (services: Services, _tab: Browser.tabs.Tab | undefined) => lockToday(services),
};
