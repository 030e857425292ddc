/**
 * Planned workouts in Chromium with the built extension against the stand-in: the popup's Plan section (today's and
 * the next 7 days' workouts, a format note, one click in each of the four formats and the week's zip, each file read
 * back: ZWO and ERG/MRC as text, FIT with the Garmin SDK), the default format kept as a setting, the "Download today's
 * workout" shortcut, the in-page "Download week" on the calendar and "Download" menu on a workout's page, and the
 * badge an export shortcut shows on a page that is not an activity.
 */
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Harness, openPopup, startHarness } from './fixtures';

let h: Harness;
let today: string;

beforeAll(async () => {
  h = await startHarness({ rateLimit: true });
  await connect(h.browser);
  today = h.standIn.state.snapshot().today;
});
afterAll(async () => {
  await h?.close();
});

const bytes = async (download: Download) => new Uint8Array(readFileSync(await download.path()));
const text = async (download: Download) => new TextDecoder().decode(await bytes(download));

function decodeFit(data: Uint8Array) {
  const { messages, errors } = new Decoder(Stream.fromByteArray([...data])).read();
  expect(errors).toEqual([]);
  return messages;
}

async function planSection(popup: Page) {
  const section = popup.getByRole('region', { name: 'Plan' });
  await section.getByText('VO2max 5×3 min').waitFor();
  return section;
}

const workoutRow = (section: ReturnType<Page['getByRole']>, name: string) =>
  section.locator('li[data-event-id]').filter({ has: section.page().getByText(name, { exact: true }) });

type ExtensionApi = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(q: object): Promise<{ id?: number }[]> };
  action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> };
};

async function callBackground<T>(from: Page, type: string, data: unknown): Promise<T> {
  return (await from.evaluate(
    ({ type, data }) =>
      (globalThis as unknown as { chrome: ExtensionApi }).chrome.runtime.sendMessage({
        channel: 'icu-companion/v1',
        type,
        data,
      }),
    { type, data },
  )) as T;
}

describe('popup Plan section', () => {
  it('lists today and the next 7 days, with sport, duration, load, description and what the format keeps', async () => {
    const popup = await openPopup(h.browser);
    const section = await planSection(popup);
    const ride = workoutRow(section, 'VO2max 5×3 min');
    await expect.poll(() => ride.textContent()).toMatch(/Virtual ride · 55\smin · load \d+/);
    await expect.poll(() => ride.textContent()).toMatch(/06:30/);
    // The run's pace targets: ZWO (the default) carries them for runs; the menu says ERG loses them.
    const run = workoutRow(section, 'Cruise intervals 4×6 min');
    await run.getByText('ZWO keeps pace (as % of threshold pace).').waitFor();
    await run.getByRole('button', { name: 'Other formats…' }).click();
    await run.getByText(/^ERG is power-only: \d+ pace steps become 0 W\. Choose ZWO instead\.$/).waitFor();
    await run.getByRole('button', { name: 'Other formats…' }).click();
    // Every planned day in the window is shown, and nothing outside it.
    const planned = h.standIn.state.events.filter(
      (e) => e.category === 'WORKOUT' && e.start_date_local.slice(0, 10) <= addDays(today, 7),
    );
    expect(await section.locator('li[data-event-id]').count()).toBe(planned.length);
    await popup.screenshot({ path: 'e2e/artifacts/plan-popup.png', fullPage: true });
    await popup.close();
  });

  it('downloads today’s workout in each of the four formats, each file what it says', async () => {
    const popup = await openPopup(h.browser);
    const section = await planSection(popup);
    const ride = workoutRow(section, 'VO2max 5×3 min');
    const expectedName = `${today}_VO2max-5×3-min`;

    const [zwo] = await Promise.all([
      popup.waitForEvent('download'),
      ride.getByRole('button', { name: 'Download .zwo' }).click(),
    ]);
    expect(zwo.suggestedFilename()).toBe(`${expectedName}.zwo`);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(await text(zwo));
    expect(xml.workout_file.name).toBe('VO2max 5×3 min');
    expect(xml.workout_file.workout.IntervalsT).toMatchObject({ '@_Repeat': '5' });
    await section.getByText(`Saved ${expectedName}.zwo`).waitFor();

    for (const format of ['fit', 'erg', 'mrc'] as const) {
      await ride.getByRole('button', { name: 'Other formats…' }).click();
      const [download] = await Promise.all([
        popup.waitForEvent('download'),
        ride.getByRole('button', { name: `.${format}`, exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${expectedName}.${format}`);
      if (format === 'fit') {
        const messages = decodeFit(await bytes(download));
        expect(messages.fileIdMesgs?.[0]?.type).toBe('workout');
        expect(messages.workoutMesgs?.[0]?.wktName).toBe('VO2max 5×3 min');
      } else {
        const course = await text(download);
        expect(course).toMatch(/\[COURSE HEADER\][\s\S]*\[COURSE DATA\]/);
        expect(course).toMatch(format === 'erg' ? /MINUTES\s+WATTS/ : /MINUTES\s+PERCENT/);
      }
    }
    await popup.close();
  });

  it('zips the week in the default format, which is a setting kept across openings', async () => {
    const popup = await openPopup(h.browser);
    const section = await planSection(popup);
    await section.getByLabel('Download as').selectOption('fit');
    const [zip] = await Promise.all([
      popup.waitForEvent('download'),
      section.getByRole('button', { name: 'Download week (.zip, FIT)' }).click(),
    ]);
    expect(zip.suggestedFilename()).toBe(`${today}_to_${addDays(today, 7)}_workouts_fit.zip`);
    const files = unzipSync(await bytes(zip));
    const names = Object.keys(files);
    const structured = h.standIn.state.events.filter(
      (e) =>
        e.category === 'WORKOUT' &&
        e.start_date_local.slice(0, 10) <= addDays(today, 7) &&
        Array.isArray((e.workout_doc as { steps?: unknown[] } | undefined)?.steps),
    );
    expect(names).toHaveLength(structured.length);
    expect(names[0]).toBe(`${today}_VO2max-5×3-min.fit`);
    for (const name of names) expect(decodeFit(files[name] as Uint8Array).fileIdMesgs?.[0]?.type).toBe('workout');
    await section.getByText(new RegExp(`Saved .*_workouts_fit\\.zip: ${names.length} workouts`)).waitFor();
    await popup.close();

    const again = await openPopup(h.browser);
    const row = workoutRow(await planSection(again), 'VO2max 5×3 min');
    await row.getByRole('button', { name: 'Download .fit' }).waitFor();
    await again.getByLabel('Download as').selectOption('zwo');
    await again.close();
  });
});

describe('in-page', () => {
  it('the calendar’s "Download week" saves the zip in the default format', async () => {
    const page = await h.browser.context.newPage();
    await page.goto('https://intervals.icu/calendar');
    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download week' }).click(),
    ]);
    expect(zip.suggestedFilename()).toBe(`${today}_to_${addDays(today, 7)}_workouts_zwo.zip`);
    const files = unzipSync(await bytes(zip));
    expect(strFromU8(files[`${today}_VO2max-5×3-min.zwo`] as Uint8Array)).toContain('<workout_file>');
    await page.getByText(/^Saved \d+ workouts$/).waitFor();
    await page.screenshot({ path: 'e2e/artifacts/plan-calendar.png' });
    await page.close();
  });

  it('a workout page’s "Download" menu says what each format keeps, and saves the one chosen', async () => {
    const page = await h.browser.context.newPage();
    await page.goto('https://intervals.icu/calendar');
    await page.getByRole('link', { name: 'Cruise intervals 4×6 min' }).first().click();
    await page.locator('[data-event-id="71002"]').waitFor();
    await page.getByRole('button', { name: 'Download .zwo' }).waitFor();
    await page.getByRole('button', { name: 'Choose a format' }).click();
    await page.getByText(/^MRC is power-only: \d+ pace steps become 0 W\. Choose ZWO instead\.$/).waitFor();
    await page.getByText('FIT keeps pace.').waitFor();
    await page.screenshot({ path: 'e2e/artifacts/plan-workout-page.png' });
    const [fit] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '.fit', exact: true }).click(),
    ]);
    expect(fit.suggestedFilename()).toBe(`${today}_Cruise-intervals-4×6-min.fit`);
    expect(decodeFit(await bytes(fit)).workoutMesgs?.[0]?.sport).toBe('running');
    await page.getByText(`Saved ${today}_Cruise-intervals-4×6-min.fit`).waitFor();
    await page.close();
  });
});

// Last: finding the real toolbar popup connects a second DevTools client, after which Playwright loses downloads.
describe('shortcuts', () => {
  it('"Download today’s workout" opens the popup on the Plan section and saves today’s first workout', async () => {
    const ext = await h.browser.openExtensionPage('options.html');
    await ext.getByText('Download today’s planned workout (default format)').waitFor();
    const before = h.standIn.state.snapshot().log.length;
    await callBackground(ext, 'runCommand', { command: 'download-todays-workout' });
    // Chromium opens the real popup; where it cannot, the same page opens in a tab.
    const inTab = h.browser.context.pages().find((p) => p.url().endsWith('/popup.html#plan-today'));
    const popup = inTab ?? (await h.browser.openToolbarPopup('popup.html', { alreadyOpen: true }));
    await popup
      .getByRole('region', { name: 'Plan' })
      .getByText(`Saved ${today}_VO2max-5×3-min.zwo. 1 more today: use its Download button.`)
      .waitFor({ timeout: 15_000 });
    const downloads = h.standIn.state
      .snapshot()
      .log.slice(before)
      .filter((e) => /\/events\/\d+\/download\./.test(e.path));
    expect(downloads.map((e) => e.path)).toEqual([
      `/api/v1/athlete/${h.standIn.state.snapshot().athleteId}/events/71001/download.zwo`,
    ]);
    await Promise.all([popup.close(), ext.close()]);
  });

  it('an export shortcut on a page that is not an activity says why on the badge and its title', async () => {
    const page = await h.browser.context.newPage();
    await page.goto('https://intervals.icu/fitness');
    const ext = await h.browser.openExtensionPage('options.html');
    const tabId = await ext.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: ExtensionApi };
      return (await chrome.tabs.query({ url: 'https://intervals.icu/fitness*' }))[0]?.id;
    });
    await expect
      .poll(() => callBackground(ext, 'runCommand', { command: 'export-streams', tabId }))
      .toMatchObject({ ok: false });
    const worker = await h.browser.serviceWorker();
    const [badge, title] = await worker.evaluate(async () => {
      const { action } = (globalThis as unknown as { chrome: ExtensionApi }).chrome;
      return [await action.getBadgeText({}), await action.getTitle({})];
    });
    expect(badge).toBe('!');
    expect(title).toBe('Open an activity on intervals.icu, then use the export shortcut again.');
    await Promise.all([page.close(), ext.close()]);
  });
});

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
