/**
 * VO2max in Chromium with the built extension, against the stand-in: the popup card's figures (computed here from
 * the stand-in's own power curves and weights), window and formula switches, the trend chart, the in-page badge on a
 * ride and not on the run, and "Save to wellness" arriving at the stand-in (locked when asked).
 * Screenshots go to e2e/artifacts/vo2max/.
 */
import { mkdirSync } from 'node:fs';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../lib/dates';
import { estimateVo2max, type Vo2maxFormulaId } from '../lib/power/vo2max';
import { connect, GOOD_KEY, type Harness, openPopup, startHarness } from './fixtures';

const SHOTS = 'e2e/artifacts/vo2max';
const HOST = 'icu-companion-toolbar';
const RIDE = 'i9001001';
const RUN = 'i9001002';

let h: Harness;
let api: APIRequestContext;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
  api = await request.newContext({
    baseURL: h.standIn.url,
    ignoreHTTPSErrors: true,
    extraHTTPHeaders: { authorization: `Basic ${Buffer.from(`API_KEY:${GOOD_KEY}`).toString('base64')}` },
  });
  await connect(h.browser);
  // 20 days on, the best 5 minutes (30 days before the seed's today) has left the 42-day window but not the others.
  h.standIn.setOptions({ daysLater: 20 });
});
afterAll(async () => {
  await api?.dispose();
  await h?.close();
});

interface Curve {
  id: string;
  secs: number[];
  values?: number[];
  watts?: number[];
  activity_id?: string[];
  weight?: number;
  vo2max_5m?: number;
  start_date_local?: string;
}

/** A GET straight to the stand-in, which shares its rate limit with the extension: wait out a 429 like a client. */
async function get<T>(path: string): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await api.get(`/api/v1${path}`);
    if (res.status() === 429 && attempt < 10) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers()['retry-after'] ?? 1)));
      continue;
    }
    expect(res.status(), path).toBe(200);
    return (await res.json()) as T;
  }
}

/** The wellness weight recorded on a day, if any. */
async function wellnessWeight(day: string): Promise<number | undefined> {
  const [record] = await get<{ weight?: number }[]>(`/athlete/0/wellness?oldest=${day}&newest=${day}`);
  return record?.weight;
}

/** What the card should say for a window, from the stand-in's own curve and weights (the README's weight rule). */
async function expectedForWindow(window: string, formula: Vo2maxFormulaId) {
  const { list, activities } = await get<{
    list: Curve[];
    activities: Record<string, { start_date_local: string; name: string }>;
  }>(`/athlete/0/power-curves?type=Ride&curves=${window}`);
  const curve = list[0] as Curve;
  const i = curve.secs.indexOf(300);
  const watts = curve.values?.[i] as number;
  const activityId = curve.activity_id?.[i] as string;
  const day = activities[activityId]?.start_date_local.slice(0, 10) as string;
  const kg = (await wellnessWeight(day)) ?? (curve.weight as number);
  const vo2max = estimateVo2max(watts, kg, formula);
  return { watts, kg, vo2max, text: vo2max.toFixed(1), wkg: (watts / kg).toFixed(2), activityId, icu: curve.vo2max_5m };
}

const figure = (popup: Page) => popup.locator('.vo2-figure');

describe('the VO2max card in the popup', () => {
  let popup: Page;

  it('shows the estimate of the best 5 minutes in 42 days, with its power, weight, formula and activity', async () => {
    popup = await openPopup(h.browser);
    const card = popup.getByRole('region', { name: 'VO2max' });
    const expected = await expectedForWindow('42d', 'sitko');
    await expect
      .poll(() => figure(popup).textContent(), { timeout: 15_000 })
      .toBe(`VO2max ≈ ${expected.text} ml/kg/min`);
    const inputs = (await card.locator('.vo2-inputs').textContent()) ?? '';
    expect(inputs).toContain(`5-min ${expected.watts}\u00a0W`);
    expect(inputs).toContain(`${expected.wkg}\u00a0W/kg`);
    expect(inputs).toContain('Sitko 2022');
    const link = card.locator('.vo2-inputs a');
    expect(await link.getAttribute('href')).toBe(`https://intervals.icu/activities/${expected.activityId}`);
    if (expected.icu)
      expect(await card.locator('.vo2-icu').textContent()).toBe(
        `intervals.icu’s own: ${expected.icu.toFixed(1)} ml/kg/min`,
      );
    await popup.screenshot({ path: `${SHOTS}/card-light.png`, fullPage: true });
  });

  it('follows the window and the formula, and keeps the formula', async () => {
    const d42 = await expectedForWindow('42d', 'sitko');
    const d90 = await expectedForWindow('90d', 'sitko');
    expect(d90.text).not.toBe(d42.text);
    await popup.getByRole('radio', { name: '90 d' }).check();
    await expect.poll(() => figure(popup).textContent()).toBe(`VO2max ≈ ${d90.text} ml/kg/min`);

    const acsm = await expectedForWindow('90d', 'acsm');
    await popup.getByRole('radio', { name: 'ACSM' }).check();
    await expect.poll(() => figure(popup).textContent()).toBe(`VO2max ≈ ${acsm.text} ml/kg/min`);
    await popup.close();

    // Both choices are settings: a new popup opens with them.
    popup = await openPopup(h.browser);
    await expect.poll(() => figure(popup).textContent(), { timeout: 15_000 }).toBe(`VO2max ≈ ${acsm.text} ml/kg/min`);
    expect(await popup.getByRole('radio', { name: 'ACSM' }).isChecked()).toBe(true);
    await popup.getByRole('radio', { name: 'Sitko 2022' }).check();
    await popup.getByRole('radio', { name: '42 d' }).check();
    await expect.poll(() => figure(popup).textContent()).toBe(`VO2max ≈ ${d42.text} ml/kg/min`);
  });

  it('uses a typed weight, refuses a wrong one with a clear message, and goes back to the recorded one', async () => {
    const d42 = await expectedForWindow('42d', 'sitko');
    await popup.locator('summary', { hasText: 'Weight:' }).click();
    const input = popup.getByLabel('Your weight (kg)');
    await input.fill('7');
    await popup.getByRole('button', { name: 'Use', exact: true }).click();
    await popup.getByRole('alert').getByText('Weight must be between 20 and 300 kg').waitFor();
    await input.fill('80');
    await input.press('Enter');
    const at80 = estimateVo2max(d42.watts, 80).toFixed(1);
    await expect.poll(() => figure(popup).textContent()).toBe(`VO2max ≈ ${at80} ml/kg/min`);
    expect(await popup.locator('.vo2-inputs').textContent()).toContain('80\u00a0kg (your entry)');
    await popup.getByRole('button', { name: 'Use recorded weight' }).click();
    await expect.poll(() => figure(popup).textContent()).toBe(`VO2max ≈ ${d42.text} ml/kg/min`);
  });

  it('opens the trend chart on demand (uPlot loads only then)', async () => {
    const chunks: string[] = [];
    popup.on('request', (r) => chunks.push(r.url()));
    await popup.getByRole('button', { name: 'Trend' }).click();
    const panel = popup.getByRole('region', { name: 'VO2max trend, 12 months' });
    await panel.locator('canvas').first().waitFor({ timeout: 10_000 });
    expect(chunks.some((u) => /TrendChart-.*\.js$/.test(u))).toBe(true);
    await panel.getByText(/^Latest/).waitFor();
    expect(await popup.getByRole('button', { name: 'Trend' }).getAttribute('aria-expanded')).toBe('true');
    await popup.screenshot({ path: `${SHOTS}/card-trend-light.png`, fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.getByRole('button', { name: 'Trend' }).click(); // closed
    await popup.getByRole('button', { name: 'Trend' }).click(); // redrawn with the dark colours
    await panel.locator('canvas').first().waitFor();
    await popup.screenshot({ path: `${SHOTS}/card-trend-dark.png`, fullPage: true });
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  it('saves the estimate into the chosen day’s wellness, and locks the day when asked', async () => {
    const d42 = await expectedForWindow('42d', 'sitko');
    const rounded = Math.round(d42.vo2max * 10) / 10;
    const day = addDays(h.standIn.seed.today, -1);
    await popup.locator('summary', { hasText: 'Save to wellness' }).click();
    await popup.getByLabel('Day', { exact: true }).fill(day);
    await popup.getByLabel(/Lock the day/).check();
    await popup.getByRole('button', { name: `Save VO2max ${rounded.toFixed(1)} to wellness` }).click();
    await popup.getByText(/^Saved .* ml\/kg\/min to .*, day locked\.$/).waitFor({ timeout: 15_000 });
    const saved = await get<{ vo2max?: number; locked?: boolean }>(`/athlete/0/wellness/${day}`);
    expect(saved.vo2max).toBe(rounded);
    expect(saved.locked).toBe(true);

    // Without the lock, the day's lock is left as it was.
    const other = addDays(h.standIn.seed.today, -2);
    const before = await get<{ locked?: boolean }>(`/athlete/0/wellness/${other}`);
    await popup.getByLabel('Day', { exact: true }).fill(other);
    await popup.getByLabel(/Lock the day/).uncheck();
    await popup.getByRole('button', { name: /^Save VO2max/ }).click();
    await expect
      .poll(() => popup.locator('.vo2-save-status').textContent(), { timeout: 15_000 })
      .toMatch(/^Saved .* ml\/kg\/min to .*\d\.$/);
    const second = await get<{ vo2max?: number; locked?: boolean }>(`/athlete/0/wellness/${other}`);
    expect(second.vo2max).toBe(rounded);
    expect(second.locked ?? false).toBe(before.locked ?? false);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: `${SHOTS}/card-dark.png`, fullPage: true });
    await popup.close();
  });
});

describe('the VO2max badge on activity pages', () => {
  let page: Page;
  const badge = () => page.locator(`${HOST} [data-feature="vo2max-badge"] button.vo2-badge`);

  it('appears on a ride with its 5-minute power, W/kg and estimate', async () => {
    page = await h.browser.context.newPage();
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await badge().waitFor({ timeout: 15_000 });
    const curve = await get<Curve & { start_date_local: string }>(`/activity/${RIDE}/power-curve`);
    const watts = curve.values?.[curve.secs.indexOf(300)] as number;
    const kg = (await wellnessWeight(curve.start_date_local.slice(0, 10))) ?? (curve.weight as number);
    const text = `5-min ${watts}\u00a0W · ${(watts / kg).toFixed(2)}\u00a0W/kg · VO2max ≈ ${estimateVo2max(watts, kg).toFixed(1)}`;
    expect(await badge().textContent()).toBe(text);
  });

  it('is keyboard-operable: Enter opens the details, Escape closes them', async () => {
    await badge().focus();
    await page.keyboard.press('Enter');
    const details = page.locator(`${HOST} .vo2-details`);
    await details.getByText('Formula', { exact: true }).waitFor();
    expect(await badge().getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/badge-open.png`, clip: { x: 0, y: 0, width: 1280, height: 360 } });
    await page.keyboard.press('Escape');
    await expect.poll(() => details.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe(HOST);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/badge-dark.png`, clip: { x: 0, y: 0, width: 1280, height: 200 } });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('is not shown on the run, and the popup says why', async () => {
    await page.goto(`https://intervals.icu/activities/${RUN}`);
    await page.locator(HOST).waitFor({ state: 'attached' });
    // The background answers the run from one request: wait for it, then for the page to have had its chance.
    await expect
      .poll(() => h.standIn.state.snapshot().log.some((e) => e.path === `/api/v1/activity/${RUN}`), { timeout: 10_000 })
      .toBe(true);
    await page.waitForTimeout(500);
    expect(await badge().count()).toBe(0);

    await page.bringToFront();
    const popup = await h.browser.openToolbarPopup();
    await popup
      .getByTestId('vo2max-this-activity')
      .getByText(/Not offered for runs/)
      .waitFor({ timeout: 15_000 });
    await popup.close();
  });

  it('shows nothing for an activity imported from Strava', async () => {
    await page.goto('https://intervals.icu/activities/15948300112');
    await page.locator(HOST).waitFor({ state: 'attached' });
    await page.waitForTimeout(1000);
    expect(await badge().count()).toBe(0);
    await page.close();
  });
});
