/**
 * Quick wellness in Chromium with the built extension against the stand-in: edit and lock a day from the popup and
 * from the page, invalid input, undo, a 503 burst then recovery, the service worker stopped mid-delivery, bulk lock of
 * a week, a device sync that leaves a locked day alone, an unlock the server refuses, and the two shortcuts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Wellness } from '../dev/fake-icu/types';
import { addDays } from '../lib/dates';
import { connect, type Harness, openPopup, startHarness } from './fixtures';

let h: Harness;
let today: string;
let athleteId: string;

beforeAll(async () => {
  h = await startHarness();
  today = h.standIn.seed.today;
  athleteId = h.standIn.athleteId;
  await connect(h.browser);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.standIn.faults.clear();
  h.standIn.setOptions({ unlockable: true });
});

/** Sets a day's lock on the stand-in directly, as the site itself would. */
function setLockOnServer(date: string, locked: boolean): void {
  const held = h.standIn.state.wellness.get(date);
  if (held) held.locked = locked;
}

const day = (date: string): Wellness | undefined => h.standIn.state.snapshot().wellness.find((d) => d.id === date);
const putsOf = (date: string) =>
  h.standIn.state.snapshot().requests[`PUT /api/v1/athlete/${athleteId}/wellness/${date}`] ?? 0;
/** The bodies of the day's PUTs as they went on the wire, oldest first. */
const putBodiesOf = (date: string) =>
  h.standIn.state
    .snapshot()
    .log.filter((r) => r.method === 'PUT' && r.path === `/api/v1/athlete/${athleteId}/wellness/${date}`)
    .map((r) => r.body);

/** The popup (in a tab) with the wellness form open on `date`. */
async function popupForm(date = today): Promise<Page> {
  const popup = await openPopup(h.browser);
  await popup.getByRole('button', { name: 'Edit wellness · lock days' }).click();
  const form = popup.getByRole('form', { name: 'Wellness' });
  await form.waitFor();
  await expect.poll(() => dayInput(popup).inputValue()).toBe(today);
  if (date !== today) await dayInput(popup).fill(date);
  await expect.poll(() => dayInput(popup).inputValue()).toBe(date);
  // the day's current values are in (the network answer has arrived)
  const weight = day(date)?.weight;
  if (weight !== undefined) await expect.poll(() => popup.locator('#w-weight').inputValue()).toBe(String(weight));
  return popup;
}

const status = (page: Page) => page.locator('.w-form .w-status');
const dayInput = (scope: Page | ReturnType<Page['locator']>) => scope.locator('.w-dates input[type="date"]');

async function sendFromExtensionPage(type: string, data: unknown) {
  const page = await h.browser.openExtensionPage('options.html');
  try {
    return await page.evaluate(
      ([t, d]) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime.sendMessage({ channel: 'icu-companion/v1', type: t, data: d }),
      [type, data] as const,
    );
  } finally {
    await page.close();
  }
}

describe('quick wellness in the popup', () => {
  it('shows the day’s values, sends only what changed and says when intervals.icu has it', async () => {
    const date = addDays(today, -1);
    const before = day(date) as Wellness;
    const popup = await popupForm(date);
    await popup.locator('#w-weight').fill('71.4');
    await popup.getByLabel('Sleep hours').fill('7');
    await popup.getByLabel('Sleep minutes').fill('45');
    await popup.getByRole('radio', { name: 'Mood 1: Great' }).check();
    await popup.locator('#w-weight').press('Enter');
    await status(popup).getByText('Saved to intervals.icu').waitFor();
    const after = day(date) as Wellness;
    expect(after).toMatchObject({ weight: 71.4, sleepSecs: 7 * 3600 + 45 * 60, mood: 1 });
    expect([after.restingHR, after.hrv, after.soreness, after.comments]).toEqual([
      before.restingHR,
      before.hrv,
      before.soreness,
      before.comments,
    ]);
    await popup.close();
  });

  it('marks invalid input next to the field and sends nothing', async () => {
    const popup = await popupForm();
    const puts = putsOf(today);
    await popup.locator('#w-weight').fill('12');
    await popup.locator('#w-restingHR').fill('250');
    await popup.locator('#w-restingHR').press('Enter');
    await popup.getByText('Weight must be between 20 and 300 kg').waitFor();
    await popup.getByText('Resting HR must be between 20 and 220 bpm').waitFor();
    expect(await popup.locator('#w-weight').getAttribute('aria-invalid')).toBe('true');
    await status(popup).getByText('nothing was sent').waitFor();
    expect(putsOf(today)).toBe(puts);
    await popup.close();
  });

  it('locks a day (verified by read-back) so a device sync leaves it alone; an unlock the server refuses is reported', async () => {
    const date = addDays(today, -2);
    const popup = await popupForm(date);
    await popup.getByRole('button', { name: 'Lock', exact: true }).click();
    await status(popup).getByText('Locked on intervals.icu').waitFor();
    expect(day(date)?.locked).toBe(true);
    const weight = day(date)?.weight;
    expect(h.standIn.syncDevice(date, { weight: 80.5, restingHR: 70 }).applied).toBe(false);
    expect(day(date)?.weight).toBe(weight);

    h.standIn.setOptions({ unlockable: false });
    await popup.getByRole('button', { name: 'Locked', exact: true }).click();
    await status(popup).getByText('intervals.icu kept this day locked').waitFor();
    expect(day(date)?.locked).toBe(true);
    expect(await popup.getByRole('button', { name: 'Locked', exact: true }).getAttribute('aria-pressed')).toBe('true');

    h.standIn.setOptions({ unlockable: true });
    await popup.getByRole('button', { name: 'Locked', exact: true }).click();
    await status(popup).getByText('Unlocked on intervals.icu').waitFor();
    expect(day(date)?.locked).toBe(false);
    await popup.close();
  });

  it('undoes a write from the history, clearing a field that was empty', async () => {
    const date = addDays(today, -3);
    const before = day(date) as Wellness;
    expect(before.comments).toBeUndefined();
    const popup = await popupForm(date);
    await popup.locator('#w-comments').fill('wrong day');
    await popup.locator('#w-hrv').fill('99');
    await popup.locator('#w-hrv').press('Enter');
    await status(popup).getByText('Saved to intervals.icu').waitFor();
    expect(day(date)).toMatchObject({ comments: 'wrong day', hrv: 99 });

    await popup.getByText('History and undo').click();
    await popup.getByRole('button', { name: /^Undo: .*HRV .*→ 99 ms/ }).click();
    await popup.getByText('Undone on intervals.icu').waitFor();
    const after = day(date) as Wellness;
    expect(after.hrv).toBe(before.hrv);
    expect(after).not.toHaveProperty('comments');
    await popup.close();
  });

  it('clears an emptied resting HR with -1, reads the day back empty, and Undo fills it again', async () => {
    const date = today;
    setLockOnServer(date, false);
    h.standIn.syncDevice(date, { restingHR: 51 });
    const popup = await popupForm(date);
    await expect.poll(() => popup.locator('#w-restingHR').inputValue()).toBe('51');
    const sentBefore = putBodiesOf(date).length;
    await popup.locator('#w-restingHR').fill('');
    await popup.locator('#w-restingHR').press('Enter');
    await status(popup).getByText('Saved to intervals.icu').waitFor();
    expect(putBodiesOf(date).slice(sentBefore)).toEqual([{ restingHR: -1 }]);
    expect(day(date)).not.toHaveProperty('restingHR');
    expect(await popup.locator('#w-restingHR').inputValue()).toBe('');

    // Undo puts 51 back; undoing that (a write that filled an empty field) sends -1 again.
    await popup.getByText('History and undo').click();
    await popup.getByRole('button', { name: /^Undo: .*Resting HR 51 bpm → empty/ }).click();
    await popup.getByText('Undone on intervals.icu').waitFor();
    expect(day(date)?.restingHR).toBe(51);
    await popup.getByRole('button', { name: /^Undo: .*Resting HR empty → 51 bpm/ }).click();
    await expect.poll(() => day(date)?.restingHR).toBeUndefined();
    expect(putBodiesOf(date).slice(sentBefore)).toEqual([{ restingHR: -1 }, { restingHR: 51 }, { restingHR: -1 }]);
    await popup.close();
  });

  it('keeps an edit through a 503 burst, shows it pending, then delivers it', async () => {
    const date = addDays(today, -4);
    h.standIn.faults.add({ kind: 'status', status: 503, method: 'PUT', path: '/athlete/*/wellness/*', times: 3 });
    const popup = await popupForm(date);
    await popup.locator('#w-steps').fill('12345');
    await popup.locator('#w-steps').press('Enter');
    await status(popup).getByText('Pending — will retry').waitFor({ timeout: 20_000 });
    await popup.getByText('Pending edits').click();
    await popup.locator('.w-list').getByText('Steps 12,345').waitFor();
    // the alarm retries a few seconds later
    await status(popup).getByText('Saved to intervals.icu').waitFor({ timeout: 30_000 });
    expect(day(date)?.steps).toBe(12345);
    await popup.getByText('Nothing pending').waitFor();
    await popup.close();
  });

  it('bulk-locks a week after a preview, verified by reading it back', async () => {
    for (let i = 0; i < 7; i++) setLockOnServer(addDays(today, -i), i === 5);
    const popup = await popupForm();
    await popup.getByText('Lock or unlock a date range').click();
    await popup.getByRole('button', { name: 'Preview' }).click();
    await popup.getByText('6 days of 7 days will be locked.').waitFor();
    expect(h.standIn.state.snapshot().requests[`PUT /api/v1/athlete/${athleteId}/wellness-bulk`] ?? 0).toBe(0);
    await popup.getByRole('button', { name: 'Lock 6 days' }).click();
    await popup.getByText('Locked 6 days on intervals.icu').waitFor();
    for (let i = 0; i < 7; i++) expect(day(addDays(today, -i))?.locked).toBe(true);
    expect(h.standIn.state.snapshot().requests[`PUT /api/v1/athlete/${athleteId}/wellness-bulk`]).toBe(1);
    expect(h.standIn.syncDevice(addDays(today, -6), { weight: 90 }).applied).toBe(false);
    await popup.close();
  });
});

describe('when the service worker is stopped mid-delivery', () => {
  it('a later edit of the same day still wins over the request the stopped worker left behind', async () => {
    const date = addDays(today, -8);
    const popup = await popupForm(date);
    // The first save's PUT reaches the server, which answers only after 8 s; the worker is stopped meanwhile.
    h.standIn.faults.add({ kind: 'delay', ms: 8_000, method: 'PUT', path: `/athlete/*/wellness/${date}`, times: 1 });
    const puts = putsOf(date);
    await popup.locator('#w-weight').fill('66.6');
    await popup.locator('#w-comments').fill('first edit');
    await popup.locator('#w-weight').press('Enter');
    await expect.poll(() => putsOf(date), { timeout: 10_000 }).toBe(puts + 1);

    const cdp = await h.browser.context.newCDPSession(popup);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await status(popup).getByText('Pending — will retry').waitFor({ timeout: 15_000 });

    // A second edit of the day while the first request is still out on the server.
    await popup.locator('#w-weight').fill('67.7');
    await popup.locator('#w-weight').press('Enter');
    await status(popup).getByText('Pending — will retry').waitFor();
    // The stopped worker's request lands (first edit)…
    await expect.poll(() => day(date)?.comments, { timeout: 15_000 }).toBe('first edit');
    // …and then the new worker sends the day again, the latest value last.
    await expect.poll(() => day(date)?.weight, { timeout: 45_000, interval: 500 }).toBe(67.7);
    expect(day(date)?.comments).toBe('first edit');
    await status(popup).getByText('Saved to intervals.icu').waitFor({ timeout: 15_000 });
    await popup.close();
  }, 90_000);
});

describe('quick wellness on the page', () => {
  it('opens from the toolbar’s Wellness button, edits and locks today', async () => {
    setLockOnServer(today, false); // the bulk lock above locked it
    const activity = h.standIn.seed.activities.find((a) => a.source === 'UPLOAD')?.id as string;
    const page = await h.browser.context.newPage();
    await page.goto(`https://intervals.icu/activities/${activity}`);
    await page.locator('.gutter8 icu-companion-toolbar').waitFor();
    const button = page.locator('icu-companion-toolbar').getByRole('button', { name: 'Wellness' });
    await button.click();
    const panel = page.locator('icu-companion-wellness');
    await panel.getByRole('dialog', { name: 'Wellness' }).waitFor();
    await expect.poll(() => dayInput(panel).inputValue()).toBe(today);
    const weight = day(today)?.weight;
    if (weight !== undefined) await expect.poll(() => panel.locator('#w-weight').inputValue()).toBe(String(weight));

    // typing in the panel never reaches the site's own shortcuts
    const siteSaw = await page.evaluate(() => (window as unknown as { __siteShortcuts?: number }).__siteShortcuts ?? 0);
    await panel.locator('#w-comments').fill('');
    await panel.locator('#w-comments').pressSequentially('from the page');
    expect(await page.evaluate(() => (window as unknown as { __siteShortcuts?: number }).__siteShortcuts ?? 0)).toBe(
      siteSaw,
    );
    await panel.locator('#w-restingHR').fill('44');
    await panel.locator('#w-restingHR').press('Enter');
    await panel.locator('.w-form .w-status').getByText('Saved to intervals.icu').waitFor();
    expect(day(today)).toMatchObject({ comments: 'from the page', restingHR: 44 });

    // Emptying a field in the panel clears it on intervals.icu with -1, verified by read-back.
    const sentBefore = putBodiesOf(today).length;
    await panel.locator('#w-restingHR').fill('');
    await panel.locator('#w-restingHR').press('Enter');
    await panel.locator('.w-form .w-status').getByText('Saved to intervals.icu').waitFor();
    expect(putBodiesOf(today).slice(sentBefore)).toEqual([{ restingHR: -1 }]);
    expect(day(today)).not.toHaveProperty('restingHR');

    await panel.getByRole('button', { name: 'Lock', exact: true }).click();
    await panel.getByText('Locked on intervals.icu').waitFor();
    expect(day(today)?.locked).toBe(true);

    await panel.locator('#w-restingHR').press('Escape');
    await expect.poll(() => page.locator('icu-companion-wellness').count()).toBe(0);
    await page.close();
  });
});

describe('shortcuts', () => {
  it('lock-today locks today, verified by read-back, and shows it on the badge', async () => {
    const date = today;
    setLockOnServer(date, false);
    await sendFromExtensionPage('runCommand', { command: 'lock-today' });
    expect(day(date)?.locked).toBe(true);
    const worker = await h.browser.serviceWorker();
    const badge = await worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
      ).chrome.action.getBadgeText({}),
    );
    expect(badge).toBe('✓');
  });

  it('quick-wellness opens the popup on the wellness form', async () => {
    const page = await h.browser.context.newPage();
    await page.goto('https://intervals.icu/calendar');
    await page.bringToFront();
    const pagesBefore = h.browser.context.pages().length;
    await sendFromExtensionPage('runCommand', { command: 'quick-wellness' });
    // Chromium opens the real popup; where it cannot, the same page opens in a tab.
    const inTab = h.browser.context.pages().find((p) => p.url().endsWith('/popup.html#wellness'));
    const popup = inTab ?? (await h.browser.openToolbarPopup());
    await popup.getByRole('form', { name: 'Wellness' }).waitFor({ timeout: 15_000 });
    expect(h.browser.context.pages().length).toBeGreaterThanOrEqual(pagesBefore);
    await popup.close();
    await page.close();
  });
});
