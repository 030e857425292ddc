/**
 * The add-on's own pages in Firefox (moz-extension: origin, event page, IndexedDB in the background): connecting on
 * the options page, the popup's dashboard from cache then refreshed, a wellness edit and a lock verified against the
 * stand-in, and a bulk export zip from the export page. Screenshots go to e2e/artifacts/firefox/.
 */
import { mkdirSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Wellness } from '../../dev/fake-icu/types';
import {
  clickButton,
  connectThroughOptions,
  daysBefore,
  type FirefoxHarness,
  fill,
  GOOD_KEY,
  openPopup,
  saved,
  startFirefoxHarness,
  until,
  waitForText,
} from './fixtures';

const SHOTS = 'e2e/artifacts/firefox';
let h: FirefoxHarness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startFirefoxHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.standIn.faults.clear();
});

const apiRequests = () => h.standIn.state.snapshot().totalRequests;
const day = (date: string): Wellness | undefined => h.standIn.state.snapshot().wellness.find((d) => d.id === date);
const text = (page: Page) => page.evaluate(() => document.body.textContent ?? '');

describe('connecting on the options page', () => {
  it('opens the settings page on first install', async () => {
    await until(
      async () =>
        (
          await Promise.all(
            (await h.firefox.browser.pages()).map((p) => p.evaluate(() => location.href).catch(() => '')),
          )
        ).some((u) => u.endsWith('/options.html')),
      'the settings tab',
    );
  });

  it('rejects a malformed key before any request', async () => {
    const before = apiRequests();
    const options = await connectThroughOptions(h.firefox, '  "abc def"  ');
    await waitForText(options, 'spaces or line breaks inside it');
    expect(apiRequests()).toBe(before);
    await options.close();
  });

  it('explains a wrong key in plain words and stores nothing', async () => {
    const options = await connectThroughOptions(h.firefox, 'wrong0key0wrong0key0wrong');
    const alert = await options.waitForSelector('[role="alert"]');
    await until(
      async () => (await alert?.evaluate((el) => el.textContent))?.includes('intervals.icu did not accept the API key'),
      'the wrong-key explanation',
    );
    const popup = await openPopup(h.firefox);
    await waitForText(popup, 'Connect to intervals.icu');
    await Promise.all([options.close(), popup.close()]);
  });

  it('connects with the good key and shows the athlete', async () => {
    const options = await connectThroughOptions(h.firefox, GOOD_KEY);
    await waitForText(options, 'Connected as Alex Verhoeven');
    await waitForText(options, 'i424242');
    await options.screenshot({ path: `${SHOTS}/options-connected.png`, fullPage: true });
    await options.close();
    expect(new Set(h.standIn.state.snapshot().log.map((entry) => entry.auth))).toEqual(new Set(['basic']));
  });
});

describe('the popup’s dashboard', () => {
  it('shows the athlete, the latest activity and today’s wellness, then says it is up to date', async () => {
    const latest = h.standIn.seed.activities.find((a) => a.source === 'UPLOAD');
    const popup = await openPopup(h.firefox);
    await waitForText(popup, latest?.name as string);
    await waitForText(popup, 'Updated now');
    const link = await popup.$eval('a[href^="https://intervals.icu/activities/"]', (a) => a.getAttribute('href'));
    expect(link).toBe(`https://intervals.icu/activities/${latest?.id}`);
    await popup.screenshot({ path: `${SHOTS}/popup.png`, fullPage: true });
    await popup.close();
  });

  it('opens from the cache while the network is slow, then refreshes', async () => {
    const latest = h.standIn.seed.activities.find((a) => a.source === 'UPLOAD');
    h.standIn.faults.add({ kind: 'delay', ms: 4000, path: '/athlete/*/activities' });
    const started = Date.now();
    const popup = await openPopup(h.firefox);
    await waitForText(popup, latest?.name as string);
    expect(Date.now() - started).toBeLessThan(3500); // from the cache, not from the delayed answer
    // The cached dashboard is under a minute old, so opening sent nothing: Refresh asks intervals.icu now.
    await clickButton(popup, 'Refresh');
    await waitForText(popup, 'Updating…');
    await waitForText(popup, 'Updated now', 20_000);
    expect(h.standIn.state.snapshot().faultsApplied).toBeGreaterThan(0);
    await popup.close();
  });
});

describe('the VO2max card', () => {
  it('opens the trend chart on demand (a chunk loaded with import() in the popup)', async () => {
    const popup = await openPopup(h.firefox);
    await waitForText(popup, 'VO2max ≈');
    await clickButton(popup, 'Trend');
    await popup.waitForSelector('::-p-aria(VO2max trend, 12 months) canvas', { timeout: 15_000 });
    await waitForText(popup, 'Latest');
    await popup.screenshot({ path: `${SHOTS}/popup-trend.png`, fullPage: true });
    await popup.close();
  });
});

describe('quick wellness in the popup', () => {
  async function popupForm(date: string): Promise<Page> {
    const popup = await openPopup(h.firefox);
    await clickButton(popup, 'Edit wellness · lock days');
    await popup.waitForSelector('form[aria-label="Wellness"], form[aria-labelledby]');
    await popup.waitForSelector('.w-dates input[type="date"]');
    await fill(popup, '.w-dates input[type="date"]', date);
    const weight = day(date)?.weight;
    if (weight !== undefined) {
      await until(
        async () => (await popup.$eval('#w-weight', (i) => (i as HTMLInputElement).value)) === String(weight),
        'the day’s weight in the form',
      );
    }
    return popup;
  }
  const status = async (popup: Page, wanted: string, timeout = 15_000) =>
    until(
      async () => (await popup.$eval('.w-form .w-status', (el) => el.textContent ?? '')).includes(wanted),
      `"${wanted}"`,
      timeout,
    );

  it('edits a day: only what changed reaches intervals.icu', async () => {
    const date = daysBefore(h.standIn.seed.today, 1);
    const before = day(date) as Wellness;
    const popup = await popupForm(date);
    await fill(popup, '#w-weight', '71.4');
    await fill(popup, '#w-restingHR', '47');
    await popup.focus('#w-restingHR');
    await popup.keyboard.press('Enter');
    await status(popup, 'Saved to intervals.icu');
    expect(day(date)).toMatchObject({ weight: 71.4, restingHR: 47 });
    expect([day(date)?.hrv, day(date)?.sleepSecs, day(date)?.comments]).toEqual([
      before.hrv,
      before.sleepSecs,
      before.comments,
    ]);
    await popup.screenshot({ path: `${SHOTS}/popup-wellness.png`, fullPage: true });
    await popup.close();
  });

  it('locks the day, verified by reading it back; a device sync then leaves it alone', async () => {
    const date = daysBefore(h.standIn.seed.today, 2);
    const held = h.standIn.state.wellness.get(date);
    if (held) held.locked = false;
    const popup = await popupForm(date);
    await clickButton(popup, 'Lock');
    await status(popup, 'Locked on intervals.icu');
    expect(day(date)?.locked).toBe(true);
    expect(h.standIn.syncDevice(date, { weight: 80.5 }).applied).toBe(false);
    await popup.close();
  });
});

describe('training settings in the popup', () => {
  it('sets the Ride FTP: only the FTP is sent, and the popup shows what intervals.icu read back', async () => {
    const ride = () => h.standIn.state.sportSettings.find((s) => s.types.includes('Ride'));
    const before = structuredClone(ride());
    const popup = await openPopup(h.firefox);
    await clickButton(popup, 'Edit Ride settings');
    await popup.waitForSelector('#t-ftp');
    await fill(popup, '#t-ftp', '307');
    await popup.focus('#t-ftp');
    await popup.keyboard.press('Enter');
    await until(async () => (await text(popup)).includes('Saved to intervals.icu ✓'), 'the saved status');
    expect(ride()).toMatchObject({ ...before, ftp: 307, updated: expect.any(String) });
    const puts = h.standIn.state.snapshot().log.filter((r) => r.method === 'PUT' && r.path.includes('sport-settings'));
    expect(puts.map((r) => [r.path, r.query, r.body])).toEqual([
      ['/api/v1/athlete/i424242/sport-settings/1101', '?recalcHrZones=false', { ftp: 307 }],
    ]);
    await until(
      async () => /FTP\s*307\s*W/.test(await popup.$eval('[aria-label="Ride settings"]', (el) => el.textContent ?? '')),
      'the new FTP on the card',
    );
    await popup.screenshot({ path: `${SHOTS}/popup-training.png`, fullPage: true });
    await popup.close();
  });
});

describe('bulk export page', () => {
  it('saves one zip with every activity’s laps and streams, and skipped.csv for the Strava import', async () => {
    const page = await h.firefox.openExtensionPage('export.html');
    await fill(page, '#bulk-from', '2000-01-01');
    await fill(page, '#bulk-to', h.standIn.seed.today);
    await clickButton(page, 'Find activities');
    const total = h.standIn.seed.activities.length;
    await waitForText(page, `${total} activities found.`);
    await clickButton(page, `Export ${total} activities`);
    await waitForText(page, 'Export ready', 60_000);
    await page.screenshot({ path: `${SHOTS}/export-ready.png`, fullPage: true });
    const zip = await saved(h.firefox.downloadDir, () => clickButton(page, 'Save zip'));
    expect(zip.name).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(zip.bytes));
    const uploads = h.standIn.seed.activities.filter((a) => a.source === 'UPLOAD');
    const names = Object.keys(files);
    for (const a of uploads) {
      expect(names.some((n) => n.includes(a.id) && n.endsWith('_laps.csv'))).toBe(true);
      expect(names.some((n) => n.includes(a.id) && n.endsWith('_streams.csv'))).toBe(true);
    }
    const parse = (name: string) =>
      Papa.parse<Record<string, string>>(strFromU8(files[name] as Uint8Array), { header: true, skipEmptyLines: true });
    const skipped = parse('skipped.csv');
    expect(skipped.errors).toEqual([]);
    expect(skipped.data).toEqual([expect.objectContaining({ reason: 'strava' })]);
    const activities = parse('activities.csv');
    expect(activities.data).toHaveLength(total);
    expect(activities.data.filter((r) => r.status === 'exported')).toHaveLength(uploads.length);
    expect(await text(page)).toContain('Export ready');
    await page.close();
  });
});

describe('shortcuts (run through the background, as a pressed key would)', () => {
  interface Api {
    runtime: { sendMessage(m: unknown): Promise<unknown> };
    action: { getBadgeText(d: object): Promise<string> };
    extension: { getViews(f: object): Window[] };
  }
  const run = (page: Page, command: string) =>
    page.evaluate(
      (command) =>
        (globalThis as unknown as { browser: Api }).browser.runtime.sendMessage({
          channel: 'icu-companion/v1',
          type: 'runCommand',
          data: { command },
        }),
      command,
    );

  it('lock-today locks today, verified by read-back, and shows it on the badge', async () => {
    const today = h.standIn.seed.today;
    const held = h.standIn.state.wellness.get(today);
    if (held) held.locked = false;
    const ext = await h.firefox.openExtensionPage('options.html');
    expect(await run(ext, 'lock-today')).toMatchObject({ ok: true });
    expect(day(today)?.locked).toBe(true);
    const badge = await ext.evaluate(() => (globalThis as unknown as { browser: Api }).browser.action.getBadgeText({}));
    expect(badge).toBe('✓');
    await ext.close();
  });

  it('quick-wellness opens the wellness form (in a tab: Firefox opens the popup only for a user action)', async () => {
    const ext = await h.firefox.openExtensionPage('options.html');
    await run(ext, 'quick-wellness');
    const form = () =>
      ext.evaluate(() =>
        (globalThis as unknown as { browser: Api }).browser.extension
          .getViews({})
          .filter((view) => view.location.pathname === '/popup.html')
          .some((view) => view.document.querySelector('form .w-dates input[type="date"]') !== null),
      );
    await until(form, 'the wellness form');
    await ext.close();
  });
});

describe('forgetting the key', () => {
  it('deletes the key and every cached byte from the add-on’s IndexedDB', async () => {
    const options = await h.firefox.openExtensionPage('options.html');
    await clickButton(options, 'Forget key…');
    await clickButton(options, 'Forget key');
    await waitForText(options, 'Key forgotten');
    const counts = await options.evaluate(
      () =>
        new Promise<Record<string, number>>((resolve, reject) => {
          const open = indexedDB.open('icu-companion');
          open.onerror = () => reject(open.error);
          open.onsuccess = async () => {
            const db = open.result;
            const result: Record<string, number> = {};
            for (const name of Array.from(db.objectStoreNames)) {
              result[name] = await new Promise<number>((done) => {
                const request = db.transaction(name).objectStore(name).count();
                request.onsuccess = () => done(request.result);
              });
            }
            db.close();
            resolve(result);
          };
        }),
    );
    expect(Object.keys(counts).length).toBeGreaterThan(0);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    const popup = await openPopup(h.firefox);
    await waitForText(popup, 'Connect to intervals.icu');
    await Promise.all([options.close(), popup.close()]);
  });
});
