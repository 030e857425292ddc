/**
 * The two wellness shortcuts. `quick-wellness` opens the popup on the wellness form (or, where the browser refuses to
 * open the popup from here, the same page in a tab). `lock-today` locks today through the outbox, reads it back, and
 * shows the outcome on the toolbar badge for a few seconds.
 */
import type { Browser } from 'wxt/browser';
import { IcuError } from '~/lib/api/errors';
import { todayIn } from '~/lib/dates';
import { requireAthlete, type Services } from '../services/context';
import { openPopupOn, showBadge } from '../services/feedback';
import { setWellnessLock } from './handlers';

export async function openQuickWellness(): Promise<void> {
  await openPopupOn('wellness');
}

/** Locks today and reports on the badge; the outcome also resolves (or rejects) for the `runCommand` message. */
export async function lockToday(services: Services): Promise<void> {
  try {
    const athlete = await requireAthlete();
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
