/**
 * The popup from a warm cache: opened again within a minute it shows the cached dashboard and sends no API request
 * (nor for the activity of the tab it opened on); Refresh fetches at once. Also: the dashboard-shown mark that
 * `npm run measure:popup` times the popup by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Harness, openPopup, startHarness } from './fixtures';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await connect(h.browser);
});
afterAll(async () => {
  await h?.close();
});

const athleteId = () => h.standIn.state.snapshot().athleteId;
/** Requests per dashboard endpoint (the athlete, today's wellness, the recent activities). */
const dashboardRequests = () => {
  const { requests } = h.standIn.state.snapshot();
  const id = athleteId();
  return [
    `GET /api/v1/athlete/${id}`,
    `GET /api/v1/athlete/${id}/wellness`,
    `GET /api/v1/athlete/${id}/activities`,
  ].map((key) => requests[key] ?? 0);
};
const apiRequests = () =>
  Object.entries(h.standIn.state.snapshot().requests)
    .filter(([key]) => key.includes(' /api/'))
    .reduce((sum, [, n]) => sum + n, 0);

describe('the popup from a warm cache', () => {
  it('a second opening in a row sends no dashboard request; Refresh does', async () => {
    const first = await openPopup(h.browser);
    await first.getByText('Updated now').waitFor({ timeout: 20_000 });
    // The sections below (Training reads 14 days of wellness) may still be asking: let the first opening finish.
    await first.waitForTimeout(1500);
    const afterFirst = dashboardRequests();
    expect(afterFirst.every((n) => n >= 1)).toBe(true);
    await first.close();

    const second = await openPopup(h.browser);
    await second.getByRole('region', { name: 'Today' }).waitFor();
    const status = second.getByRole('banner').getByRole('status');
    await expect.poll(() => status.textContent()).toBe('Updated now');
    const shown = await second.evaluate(() => performance.getEntriesByName('icu-companion:dashboard-shown').length);
    expect(shown).toBe(1);
    await second.waitForTimeout(1500); // anything it would ask has gone out by now
    expect(dashboardRequests()).toEqual(afterFirst);
    expect(await second.getByText('Updating…').count()).toBe(0);

    const refresh = second.getByRole('banner').getByRole('button', { name: 'Refresh' });
    await refresh.focus(); // keyboard-reachable: a real button in the tab order
    await second.keyboard.press('Enter');
    await expect.poll(dashboardRequests).toEqual(afterFirst.map((n) => n + 1));
    await expect.poll(() => status.textContent()).toBe('Updated now');
    await second.close();
  });

  it('on an activity page, a second toolbar popup asks intervals.icu nothing at all', async () => {
    const activity = h.standIn.seed.activities.find((a) => a.source === 'UPLOAD' && a.type === 'Ride')?.id as string;
    const tab = await h.browser.context.newPage();
    await tab.goto(`https://intervals.icu/activities/${activity}`);
    await tab.bringToFront();

    const first = await h.browser.openToolbarPopup();
    await first.getByRole('region', { name: 'This activity' }).waitFor({ timeout: 20_000 });
    await first
      .getByRole('region', { name: 'VO2max' })
      .getByText(/VO2max ≈/)
      .first()
      .waitFor({ timeout: 20_000 });
    await first.waitForTimeout(1500);
    await first.close();
    const before = apiRequests();

    const second = await h.browser.openToolbarPopup();
    await second.getByRole('region', { name: 'This activity' }).waitFor();
    await second
      .getByRole('region', { name: 'VO2max' })
      .getByText(/VO2max ≈/)
      .first()
      .waitFor();
    await second.waitForTimeout(1500);
    expect(apiRequests()).toBe(before);
    await second.close();
    await tab.close();
  });
});
