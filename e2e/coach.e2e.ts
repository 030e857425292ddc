/**
 * Coaches in Chromium with the built extension against the stand-in (Alex coaches Leilani in Honolulu, Jordan in
 * imperial units, Sofie without a power meter): switching athlete in the popup, editing and locking the other
 * athlete's wellness on their own today, an edit pending for Alex delivered while Leilani is shown, exporting one of
 * Jordan's activities from its page (where the popup follows the page's athlete), the roster with "lock today" for
 * two athletes, and an athlete who became forbidden, explained on their row.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATHLETE_ID, HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID } from '../dev/fake-icu';
import { todayIn } from '../lib/dates';
import { connect, type Harness, openPopup, startHarness } from './fixtures';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ rateLimit: true });
  await connect(h.browser);
});
afterAll(async () => {
  await h?.close();
});

const athlete = (id: string) => h.standIn.seed.athletes.find((a) => a.id === id) as (typeof h.standIn.seed.athletes)[0];
/** Their today by the browser's clock (the extension's), in their time zone. */
const todayOf = (id: string) => todayIn(athlete(id).timezone, new Date());
const dayOf = (id: string, date: string) => h.standIn.state.athlete(id)?.wellness.get(date);

/** The popup with the athlete switcher set to `id` (the popup reloads for the new athlete). */
async function popupActingOn(id: string): Promise<Page> {
  const popup = await openPopup(h.browser);
  const switcher = popup.getByLabel('Acting on athlete');
  await switcher.waitFor();
  if ((await switcher.inputValue()) !== id) {
    await Promise.all([popup.waitForEvent('load'), switcher.selectOption(id)]);
  }
  await popup.getByRole('heading', { level: 1, name: athlete(id).name }).waitFor();
  return popup;
}

describe('the athlete switcher', () => {
  it('lists me and the coached athletes; choosing one is remembered and the header names them', async () => {
    const popup = await openPopup(h.browser);
    const switcher = popup.getByLabel('Acting on athlete');
    await switcher.waitFor();
    const options = await switcher.locator('option').allTextContents();
    expect(options[0]).toBe(`${athlete(ATHLETE_ID).name} (me)`);
    expect(options.slice(1).sort()).toEqual(
      [HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID].map((id) => athlete(id).name).sort(),
    );
    await Promise.all([popup.waitForEvent('load'), switcher.selectOption(HONOLULU_ATHLETE_ID)]);
    await popup.getByRole('heading', { level: 1, name: 'Leilani Kahale' }).waitFor();
    await popup.screenshot({ path: 'e2e/artifacts/coach-popup.png' });
    await popup.close();

    // Remembered: the next popup opens on her.
    const again = await openPopup(h.browser);
    await again.getByRole('heading', { level: 1, name: 'Leilani Kahale' }).waitFor();
    expect(await again.getByLabel('Acting on athlete').inputValue()).toBe(HONOLULU_ATHLETE_ID);
    await again.close();
  });

  it('edits and locks Leilani’s wellness on her today in Honolulu', async () => {
    const date = todayOf(HONOLULU_ATHLETE_ID);
    const popup = await popupActingOn(HONOLULU_ATHLETE_ID);
    await popup.getByRole('button', { name: 'Edit wellness · lock days' }).click();
    const form = popup.getByRole('form', { name: 'Wellness' });
    await form.waitFor();
    await expect.poll(() => popup.locator('.w-dates input[type="date"]').inputValue()).toBe(date);
    const alexBefore = structuredClone(dayOf(ATHLETE_ID, date));
    await popup.locator('#w-restingHR').fill('37');
    await popup.locator('#w-restingHR').press('Enter');
    await popup.locator('.w-form .w-status').getByText('Saved to intervals.icu').waitFor();
    expect(dayOf(HONOLULU_ATHLETE_ID, date)?.restingHR).toBe(37);
    expect(dayOf(ATHLETE_ID, date)).toEqual(alexBefore);

    const wasLocked = dayOf(HONOLULU_ATHLETE_ID, date)?.locked === true;
    if (!wasLocked) {
      await popup.getByRole('button', { name: 'Lock', exact: true }).click();
      await popup.getByText('Locked on intervals.icu').waitFor();
    }
    expect(dayOf(HONOLULU_ATHLETE_ID, date)?.locked).toBe(true);
    await popup.close();
  });

  it('delivers an edit pending for Alex while Leilani is shown', async () => {
    const date = todayOf(ATHLETE_ID);
    const me = await popupActingOn(ATHLETE_ID);
    h.standIn.faults.add({
      kind: 'status',
      status: 503,
      method: 'PUT',
      path: `/athlete/${ATHLETE_ID}/wellness/*`,
      times: 3,
    });
    await me.getByRole('button', { name: 'Edit wellness · lock days' }).click();
    await me.getByRole('form', { name: 'Wellness' }).waitFor();
    await me.locator('#w-steps').fill('23456');
    await me.locator('#w-steps').press('Enter');
    await me.locator('.w-form .w-status').getByText('Pending — will retry').waitFor({ timeout: 20_000 });
    // Switch to Leilani before it is delivered, and close the popup.
    await Promise.all([me.waitForEvent('load'), me.getByLabel('Acting on athlete').selectOption(HONOLULU_ATHLETE_ID)]);
    await me.getByRole('heading', { level: 1, name: 'Leilani Kahale' }).waitFor();
    await me.close();
    // The outbox's alarm delivers it to Alex, not to the athlete shown.
    await expect.poll(() => dayOf(ATHLETE_ID, date)?.steps, { timeout: 40_000, interval: 500 }).toBe(23456);
    expect(dayOf(HONOLULU_ATHLETE_ID, date)?.steps).not.toBe(23456);
  });
});

describe('a coached athlete’s page', () => {
  it('exports one of Jordan’s activities, and the popup opened there shows Jordan', async () => {
    const activityId = athlete(IMPERIAL_ATHLETE_ID).activities[0] as string;
    const page = await h.browser.context.newPage();
    await page.goto(`https://intervals.icu/activities/${activityId}`);
    const [laps] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Laps CSV' }).click(),
    ]);
    expect(laps.suggestedFilename()).toMatch(new RegExp(`_${activityId}_laps\\.csv$`));
    const parsed = Papa.parse<Record<string, string>>(readFileSync(await laps.path(), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.length).toBeGreaterThan(0);

    await page.bringToFront();
    const popup = await h.browser.openToolbarPopup();
    await popup.getByRole('heading', { level: 1, name: 'Jordan Miller' }).waitFor({ timeout: 20_000 });
    await popup.getByRole('region', { name: 'This activity' }).waitFor();
    await popup.close();
    await page.close();
  });
});

describe('a coached athlete’s page, in the page itself', () => {
  it('the Wellness panel on Jordan’s activity edits Jordan’s day, in lb, and says whose it is', async () => {
    // The switcher on someone else: the page's athlete wins for the panel.
    const chooser = await popupActingOn(HONOLULU_ATHLETE_ID);
    await chooser.close();
    const activityId = athlete(IMPERIAL_ATHLETE_ID).activities[0] as string;
    const date = todayOf(IMPERIAL_ATHLETE_ID);
    const page = await h.browser.context.newPage();
    await page.goto(`https://intervals.icu/activities/${activityId}`);
    await page.locator('icu-companion-toolbar').getByRole('button', { name: 'Wellness' }).click();
    const panel = page.locator('icu-companion-wellness');
    await panel.getByRole('dialog', { name: 'Wellness · Jordan Miller' }).waitFor();
    await panel.getByText('lb', { exact: true }).first().waitFor();
    await expect.poll(() => panel.locator('.w-dates input[type="date"]').inputValue()).toBe(date);
    const others = [ATHLETE_ID, HONOLULU_ATHLETE_ID].map((id) => structuredClone(dayOf(id, date)));
    await panel.locator('#w-weight').fill('180');
    await panel.locator('#w-weight').press('Enter');
    await panel.locator('.w-form .w-status').getByText('Saved to intervals.icu').waitFor();
    // 180 lb, stored in kg as intervals.icu does.
    expect(dayOf(IMPERIAL_ATHLETE_ID, date)?.weight).toBeCloseTo(81.65, 2);
    expect([ATHLETE_ID, HONOLULU_ATHLETE_ID].map((id) => dayOf(id, date))).toEqual(others);
    await page.close();
  });

  it('Sofie has no power meter: her VO2max section says why instead of a number', async () => {
    const popup = await popupActingOn(NO_POWER_ATHLETE_ID);
    const section = popup.getByRole('region', { name: 'VO2max' });
    await section.waitFor();
    await expect.poll(() => section.textContent(), { timeout: 20_000 }).toMatch(/power/i);
    expect(await section.getByText(/VO2max ≈/).count()).toBe(0);
    await popup.screenshot({ path: 'e2e/artifacts/coach-no-power.png', fullPage: true });
    await popup.close();
  });
});

describe('the roster page', () => {
  it('shows every athlete today, sorts, and locks today for two of them, read back per athlete', async () => {
    for (const id of [HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID]) {
      const day = dayOf(id, todayOf(id));
      if (day) day.locked = false;
    }
    const roster = await h.browser.openExtensionPage('roster.html');
    await roster.getByText(/^4 athletes$/).waitFor({ timeout: 20_000 });
    const rows = roster.locator('tbody tr');
    expect(await rows.count()).toBe(4);
    const names = async () => roster.locator('tbody th[scope="row"]').allTextContents();
    await roster.getByRole('button', { name: /^Athlete/ }).click(); // sorted by name already: now descending
    const descending = await names();
    expect(descending).toEqual([...descending].sort().reverse());
    await roster.getByRole('button', { name: /^Load, last 7 days/ }).click();
    await expect.poll(() => roster.locator('th[aria-sort="ascending"]').count()).toBe(1);

    await roster.getByRole('checkbox', { name: 'Select Leilani Kahale' }).check();
    await roster.getByRole('checkbox', { name: 'Select Jordan Miller' }).check();
    await roster.getByRole('button', { name: 'Lock today for 2 selected' }).click();
    for (const id of [HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID]) {
      await roster.locator(`tr[data-athlete-id="${id}"]`).getByText('Locked ✓ (read back)').waitFor();
      expect(dayOf(id, todayOf(id))?.locked).toBe(true);
    }
    // Jordan's weight in his unit (lb), the others' in kg.
    const jordanKg = dayOf(IMPERIAL_ATHLETE_ID, todayOf(IMPERIAL_ATHLETE_ID))?.weight;
    if (typeof jordanKg === 'number') {
      await roster.locator(`tr[data-athlete-id="${IMPERIAL_ATHLETE_ID}"]`).getByText(/ lb$/).waitFor();
    }
    await roster.screenshot({ path: 'e2e/artifacts/coach-roster.png', fullPage: true });
    await roster.close();
  });

  it('explains an athlete who became forbidden on their row; the others still load', async () => {
    h.standIn.state.revokeCoaching(NO_POWER_ATHLETE_ID);
    try {
      const roster = await h.browser.openExtensionPage('roster.html');
      await roster.getByText(/^4 athletes$/).waitFor({ timeout: 20_000 });
      await roster.screenshot({ path: 'e2e/artifacts/coach-roster-refused.png', fullPage: true });
      const sofie = roster.locator(`tr[data-athlete-id="${NO_POWER_ATHLETE_ID}"]`);
      await sofie.getByText(/intervals\.icu no longer lets your key see Sofie Janssens \(403\)/).waitFor();
      expect(await sofie.getByRole('checkbox').isDisabled()).toBe(true);
      expect(await roster.locator('tbody tr.roster-refused').count()).toBe(1);
      for (const id of [ATHLETE_ID, HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID]) {
        expect(await roster.locator(`tr[data-athlete-id="${id}"] .roster-error`).count()).toBe(0);
      }
      // Asking intervals.icu for the list again drops her.
      await roster.getByRole('button', { name: 'Refresh the list of athletes' }).click();
      await roster.getByText(/^3 athletes$/).waitFor();
      expect(await sofie.count()).toBe(0);
      await roster.close();
    } finally {
      h.standIn.state.restoreCoaching(NO_POWER_ATHLETE_ID);
    }
  });
});
