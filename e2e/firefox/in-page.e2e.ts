/**
 * The in-page companion on (the stand-in for) intervals.icu in Firefox: the content script, the on-demand scripts it
 * loads with import() from moz-extension:, and files saved from the page with <a download>. The toolbar at its
 * anchor and in the fallback, the VO2max badge on a ride and none on a run, Laps CSV and Streams CSV parsed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../dev/fake-icu/paths';
import { estimateVo2max } from '../../lib/power/vo2max';
import {
  connect,
  type FirefoxHarness,
  openToolbarPopup,
  saved,
  standInGet,
  startFirefoxHarness,
  until,
} from './fixtures';

const SHOTS = 'e2e/artifacts/firefox';
const HOST = 'icu-companion-toolbar';
const RIDE = 'i9001005'; // Edge 810 ride with 8 device laps
const RIDE_FILE = 'Edge810-Vector-2013-08-16-15-35-10.fit';
const BADGE_RIDE = 'i9001001';
const RUN = 'i9001002';

let h: FirefoxHarness;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startFirefoxHarness();
  await connect(h.firefox);
  page = await h.firefox.newPage();
});
afterAll(async () => {
  await h?.close();
});

/** Where the toolbar is, and the text and features it shows (from inside its shadow root). */
const toolbar = () =>
  page.evaluate((tag) => {
    const hosts = [...document.querySelectorAll(tag)] as HTMLElement[];
    const host = hosts[0];
    if (!host) return { count: 0 };
    const rect = host.getBoundingClientRect();
    return {
      count: hosts.length,
      placement: host.dataset.placement,
      inHeader: !!host.closest('.gutter8'),
      parentIsBody: host.parentElement === document.body,
      visible: rect.width > 0 && rect.height > 0,
      features: [...(host.shadowRoot?.querySelectorAll('[data-feature]') ?? [])].map(
        (s) => (s as HTMLElement).dataset.feature,
      ),
      text: host.shadowRoot?.textContent ?? '',
    };
  }, HOST);

const toolbarShows = (text: string) => until(async () => (await toolbar()).text?.includes(text), `"${text}"`);

/** Clicks a button inside the toolbar's shadow root by its accessible name. */
async function clickInToolbar(name: string): Promise<void> {
  const handle = await page.waitForSelector(`${HOST} >>> ::-p-aria(${JSON.stringify(name)})`, { timeout: 15_000 });
  await handle?.click();
}

const badgeText = () =>
  page.evaluate(
    (tag) =>
      document.querySelector(tag)?.shadowRoot?.querySelector('[data-feature="vo2max-badge"] button.vo2-badge')
        ?.textContent ?? null,
    HOST,
  );

function csv(bytes: Buffer) {
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

describe('in-page toolbar', () => {
  it('sits in the activity header’s action area', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await toolbarShows('Laps CSV');
    expect(await toolbar()).toMatchObject({ count: 1, placement: 'header', inHeader: true, visible: true });
    await page.screenshot({ path: `${SHOTS}/in-page-header.png`, clip: { x: 0, y: 0, width: 1280, height: 200 } });
  });

  it('falls back to a floating toolbar when the header anchor is missing', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}?layout=noanchor`);
    await until(async () => (await toolbar()).placement === 'floating', 'the floating toolbar');
    await toolbarShows('Laps CSV');
    expect(await toolbar()).toMatchObject({ count: 1, parentIsBody: true, inHeader: false, visible: true });
    await page.screenshot({ path: `${SHOTS}/in-page-floating.png` });
  });
});

describe('the VO2max badge', () => {
  it('appears on a ride with its 5-minute power, W/kg and estimate', async () => {
    await page.goto(`https://intervals.icu/activities/${BADGE_RIDE}`);
    const text = await until(badgeText, 'the VO2max badge');
    const curve = await standInGet<{ secs: number[]; values: number[]; weight: number; start_date_local: string }>(
      h.standIn,
      `/activity/${BADGE_RIDE}/power-curve`,
    );
    const watts = curve.values[curve.secs.indexOf(300)] as number;
    const dayOf = curve.start_date_local.slice(0, 10);
    const [wellness] = await standInGet<{ weight?: number }[]>(
      h.standIn,
      `/athlete/0/wellness?oldest=${dayOf}&newest=${dayOf}`,
    );
    const kg = wellness?.weight ?? curve.weight;
    expect(text).toBe(
      `5-min ${watts}\u00a0W · ${(watts / kg).toFixed(2)}\u00a0W/kg · VO2max ≈ ${estimateVo2max(watts, kg).toFixed(1)}`,
    );
    await page.screenshot({ path: `${SHOTS}/in-page-badge.png`, clip: { x: 0, y: 0, width: 1280, height: 200 } });
  });

  it('is not shown on the run', async () => {
    await page.goto(`https://intervals.icu/activities/${RUN}`);
    await toolbarShows('Laps CSV');
    await until(
      () => h.standIn.state.snapshot().log.some((e) => e.path === `/api/v1/activity/${RUN}`),
      'the run’s request',
    );
    await new Promise((r) => setTimeout(r, 1000)); // the page has had its chance to show one
    expect(await badgeText()).toBeNull();
  });
});

describe('CSV saved from the page', () => {
  it('"Laps CSV" saves one row per device lap with the recording’s durations and power', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await toolbarShows('Laps CSV');
    const file = await saved(h.firefox.downloadDir, () => clickInToolbar('Laps CSV'));
    expect(file.name).toMatch(new RegExp(`_${RIDE}_laps\\.csv$`));
    const { rows } = csv(file.bytes);
    const reference = JSON.parse(readFileSync(join(FIXTURES_DIR, 'reference.json'), 'utf8'));
    const laps = reference.files[RIDE_FILE].device_laps as { total_timer_time_s: number; avg_power_w: number }[];
    expect(rows).toHaveLength(laps.length);
    rows.forEach((row, i) => {
      expect(Math.abs(Number(row.moving_time_s) - (laps[i]?.total_timer_time_s ?? 0))).toBeLessThanOrEqual(0.5);
      expect(Number(row.avg_power_w)).toBe(laps[i]?.avg_power_w);
    });
    await toolbarShows('Saved');
  });

  it('"Streams CSV" saves one row per sample', async () => {
    const file = await saved(h.firefox.downloadDir, () => clickInToolbar('Streams CSV'));
    expect(file.name).toMatch(new RegExp(`_${RIDE}_streams\\.csv$`));
    const all = csv(file.bytes);
    expect(all.fields).toEqual(expect.arrayContaining(['time_s', 'time', 'power_w', 'latitude', 'longitude']));
    expect(all.rows).toHaveLength(4700); // the recording's samples (reference.json: record_count 4700)
    expect(all.rows[60]?.time).toBe('0:01:00');
  });
});

describe('more of the page, in Firefox', () => {
  it('the Wellness button loads the panel on demand, which edits and locks today', async () => {
    const today = h.standIn.seed.today;
    const held = h.standIn.state.wellness.get(today);
    if (held) held.locked = false;
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await toolbarShows('Wellness');
    await clickInToolbar('Wellness');
    const panel = 'icu-companion-wellness';
    await page.waitForSelector(`${panel} >>> #w-restingHR`, { timeout: 15_000 });
    const weight = h.standIn.state.snapshot().wellness.find((d) => d.id === today)?.weight;
    await until(
      () => page.$eval(`${panel} >>> #w-weight`, (i, w) => (i as HTMLInputElement).value === w, String(weight ?? '')),
      'today’s values in the panel',
    );
    await page.locator(`${panel} >>> #w-restingHR`).fill('44');
    await page.focus(`${panel} >>> #w-restingHR`).catch(() => {});
    await (await page.$(`${panel} >>> #w-restingHR`))?.press('Enter');
    const statusText = () => page.$eval(`${panel} >>> .w-form .w-status`, (el) => el.textContent ?? '');
    await until(async () => (await statusText()).includes('Saved to intervals.icu'), 'saved');
    expect(h.standIn.state.snapshot().wellness.find((d) => d.id === today)?.restingHR).toBe(44);
    await (await page.waitForSelector(`${panel} >>> ::-p-aria("Lock")`))?.click();
    await until(async () => (await statusText()).includes('Locked on intervals.icu'), 'locked');
    expect(h.standIn.state.snapshot().wellness.find((d) => d.id === today)?.locked).toBe(true);
    await page.screenshot({ path: `${SHOTS}/in-page-wellness.png` });
    await (await page.$(`${panel} >>> #w-restingHR`))?.press('Escape');
    await until(async () => (await page.$(panel)) === null, 'the panel to close');
  });

  it('the export shortcut saves the tab’s activity from the page (no click in the page)', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await toolbarShows('Laps CSV');
    const ext = await h.firefox.openExtensionPage('options.html');
    const send = (command: string) =>
      ext.evaluate(async (command) => {
        const api = (
          globalThis as unknown as {
            browser: {
              tabs: { query(q: object): Promise<{ id?: number }[]> };
              runtime: { sendMessage(m: unknown): Promise<unknown> };
            };
          }
        ).browser;
        const [tab] = await api.tabs.query({ url: 'https://intervals.icu/activities/*' });
        return api.runtime.sendMessage({
          channel: 'icu-companion/v1',
          type: 'runCommand',
          data: { command, tabId: tab?.id },
        });
      }, command);
    let reply: unknown;
    const file = await saved(h.firefox.downloadDir, async () => {
      reply = await send('export-laps');
    });
    expect(reply).toMatchObject({ ok: true });
    expect(file.name).toMatch(new RegExp(`_${RIDE}_laps(\\(\\d+\\))?\\.csv$`)); // Firefox numbers a second copy
    expect(csv(file.bytes).rows).toHaveLength(8);
    await ext.close();
  });
});

describe('the toolbar popup on an activity page', () => {
  it('opens focused on the tab’s activity', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await toolbarShows('Laps CSV');
    const name = h.standIn.seed.activities.find((a) => a.id === RIDE)?.name as string;
    const popup = await openToolbarPopup(h.firefox, `https://intervals.icu/activities/${RIDE}*`);
    await until(async () => (await popup.text()).includes(`This activity${name}`), `"This activity" ${name}`);
    await popup.close();
  });
});
