/**
 * What a user keeps when Firefox restarts. The add-on is installed the way AMO installs it (an .xpi in the profile,
 * not a temporary add-on, which Firefox drops on quit), then Firefox is quit and started again on the same profile:
 * the connection (the key in the background's IndexedDB), settings in storage.local (VO2max formula, CSV
 * semicolons, read by the popup and by the content script), and a wellness edit left pending by a 503, which the
 * new session delivers on its own (runtime.onStartup).
 */
import Papa from 'papaparse';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickButton,
  connect,
  daysBefore,
  type FirefoxHarness,
  fill,
  openPopup,
  saved,
  startFirefoxHarness,
  until,
  waitForText,
} from './fixtures';

const RIDE = 'i9001005';
let h: FirefoxHarness;

beforeAll(async () => {
  h = await startFirefoxHarness({ install: 'permanent' });
  await connect(h.firefox);
});
afterAll(async () => {
  await h?.close();
});

const ACSM = 'input[name="vo2max-formula"][value="acsm"]';
const SEMICOLONS = '#popup-semicolon';
const checked = (page: Page, selector: string) => page.$eval(selector, (input) => (input as HTMLInputElement).checked);

describe('across a restart of Firefox', () => {
  let date = '';
  const day = () => h.standIn.state.snapshot().wellness.find((d) => d.id === date);

  it('before: choose settings and leave an edit pending', async () => {
    date = daysBefore(h.standIn.seed.today, 6);
    const weight = day()?.weight;
    const popup = await openPopup(h.firefox);
    await waitForText(popup, 'Updated now');
    await (await popup.waitForSelector(ACSM))?.click();
    await until(() => checked(popup, ACSM), 'ACSM chosen');
    await (await waitForText(popup, 'Streams and spreadsheet options')).click();
    await (await popup.waitForSelector(SEMICOLONS))?.click();
    await until(() => checked(popup, SEMICOLONS), 'semicolons chosen');

    h.standIn.faults.add({ kind: 'status', status: 503, method: 'PUT', path: `/athlete/*/wellness/${date}` });
    await clickButton(popup, 'Edit wellness · lock days');
    await popup.waitForSelector('.w-dates input[type="date"]');
    await fill(popup, '.w-dates input[type="date"]', date);
    await until(
      async () => (await popup.$eval('#w-weight', (i) => (i as HTMLInputElement).value)) === String(weight ?? ''),
      'the day’s values',
    );
    await fill(popup, '#w-comments', 'written before the restart');
    await popup.focus('#w-comments');
    await fill(popup, '#w-steps', '23456');
    await popup.focus('#w-steps');
    await popup.keyboard.press('Enter');
    await until(
      async () => (await popup.$eval('.w-form .w-status', (el) => el.textContent ?? '')).includes('Pending'),
      '"Pending — will retry"',
      20_000,
    );
    expect(day()?.steps).not.toBe(23456);
  });

  it('after: still connected, settings kept, and the pending edit delivered on start', async () => {
    h.standIn.faults.clear(); // intervals.icu is back while Firefox is closed
    await h.firefox.restart();
    await until(() => day()?.steps === 23456, 'the pending edit to reach intervals.icu', 30_000);
    expect(day()?.comments).toBe('written before the restart');

    const popup = await openPopup(h.firefox);
    await waitForText(popup, 'Alex Verhoeven');
    await popup.waitForSelector(ACSM);
    expect(await checked(popup, ACSM)).toBe(true);
    await (await waitForText(popup, 'Streams and spreadsheet options')).click();
    expect(await checked(popup, SEMICOLONS)).toBe(true);
    await popup.close();

    // The content script reads the same setting: the in-page button writes semicolons.
    const page = await h.firefox.newPage();
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    const laps = await page.waitForSelector('icu-companion-toolbar >>> ::-p-aria("Laps CSV")', { timeout: 15_000 });
    const file = await saved(h.firefox.downloadDir, () => laps?.click() ?? Promise.resolve());
    const text = file.bytes.toString('utf8');
    expect(text.startsWith('lap;label;type;')).toBe(true);
    expect(Papa.parse(text, { delimiter: ';', header: true, skipEmptyLines: true }).data).toHaveLength(8);
    await page.close();
  });
});
