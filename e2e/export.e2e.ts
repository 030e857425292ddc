/**
 * CSV export in Chromium with the built extension against the stand-in (its rate limit on): the in-page Laps CSV and
 * Streams CSV buttons (and the streams picker), the Strava note, the two export shortcuts run through `runCommand`,
 * the popup's Export section with the spreadsheet options, and a bulk export of every stand-in activity — the zip, its
 * skipped.csv, the progress reporting, the request rate, and cancel.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../dev/fake-icu/paths';
import { connect, type Harness, openPopup, startHarness } from './fixtures';

const RIDE = 'i9001005'; // Edge 810 ride with 8 device laps (not the latest activity)
const RIDE_FILE = 'Edge810-Vector-2013-08-16-15-35-10.fit';
const STRAVA = '15948300112';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness({ rateLimit: true });
  await connect(h.browser);
  page = await h.browser.context.newPage();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.standIn.faults.clear();
});

async function read(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

function csv(text: string, delimiter = ',') {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter });
  expect(parsed.errors).toEqual([]);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

function deviceLaps(file: string): { total_timer_time_s: number; avg_power_w: number }[] {
  const reference = JSON.parse(readFileSync(join(FIXTURES_DIR, 'reference.json'), 'utf8'));
  return reference.files[file].device_laps;
}

async function startDate(id: string): Promise<string> {
  const a = h.standIn.seed.activities.find((x) => x.id === id);
  return (a?.start_date_local ?? '').slice(0, 10);
}

/** The most requests any rolling second saw. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** The bit of `chrome.*` these tests call in extension pages. */
interface ExtensionApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(query: { url?: string }): Promise<{ id?: number }[]> };
}

/** Calls the background like an extension page does (the protocol of lib/messages.ts). */
async function callBackground<T>(from: Page, type: string, data: unknown): Promise<T> {
  const reply = await from.evaluate(
    ({ type, data }) =>
      (globalThis as unknown as { chrome: ExtensionApi }).chrome.runtime.sendMessage({
        channel: 'icu-companion/v1',
        type,
        data,
      }),
    { type, data },
  );
  return reply as T;
}

describe('in-page export buttons', () => {
  it('"Laps CSV" saves one row per device lap with the recording’s durations and power', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    const button = page.getByRole('button', { name: 'Laps CSV' });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`${await startDate(RIDE)}_3×20-min-tempo_${RIDE}_laps.csv`);
    const { rows } = csv(await read(download));
    const laps = deviceLaps(RIDE_FILE);
    expect(rows).toHaveLength(laps.length);
    rows.forEach((row, i) => {
      expect(Math.abs(Number(row.moving_time_s) - (laps[i]?.total_timer_time_s ?? 0))).toBeLessThanOrEqual(0.5);
      expect(Number(row.avg_power_w)).toBe(laps[i]?.avg_power_w);
    });
    await page.getByRole('status').getByText('Saved').first().waitFor();
  });

  it('"Streams CSV" saves one row per sample; the ▾ picker leaves streams out', async () => {
    const streams = page.getByRole('button', { name: 'Streams CSV' });
    const [download] = await Promise.all([page.waitForEvent('download'), streams.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`_${RIDE}_streams\\.csv$`));
    const all = csv(await read(download));
    expect(all.fields).toEqual(expect.arrayContaining(['time_s', 'time', 'power_w', 'latitude', 'longitude']));
    expect(all.rows).toHaveLength(4700); // the recording's samples (reference.json: record_count 4700)
    expect(all.rows[60]?.time).toBe('0:01:00');

    await page.getByRole('button', { name: 'Choose streams' }).click();
    const position = page.getByRole('checkbox', { name: 'Position (lat/long)' });
    await expect.poll(() => position.isChecked()).toBe(true);
    await position.uncheck();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('group', { name: 'Streams in the CSV' }).isVisible()).toBe(false);
    const [picked] = await Promise.all([page.waitForEvent('download'), streams.click()]);
    const some = csv(await read(picked));
    expect(some.fields).not.toContain('latitude');
    expect(some.fields).toContain('power_w');

    await page.getByRole('button', { name: 'Choose streams' }).click();
    await position.check();
    await page.keyboard.press('Escape');
  });

  it('an activity imported from Strava says why instead of failing', async () => {
    await page.goto(`https://intervals.icu/activities/${STRAVA}`);
    await page.getByRole('button', { name: 'Laps CSV' }).click();
    await page.getByText('CSV export unavailable: imported from Strava').waitFor();
    expect(await page.getByRole('button', { name: 'Streams CSV' }).isVisible()).toBe(false);
  });
});

describe('export shortcuts (run through the background, as a pressed key would)', () => {
  it('export-laps and export-streams save the active tab’s activity from that tab', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await page.getByRole('button', { name: 'Laps CSV' }).waitFor();
    const ext = await h.browser.openExtensionPage('popup.html');
    const tabId = await ext.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: ExtensionApi };
      const [tab] = await chrome.tabs.query({ url: 'https://intervals.icu/activities/*' });
      return tab?.id;
    });
    expect(tabId).toBeTypeOf('number');

    const [laps, lapsReply] = await Promise.all([
      page.waitForEvent('download'),
      callBackground<{ ok: boolean }>(ext, 'runCommand', { command: 'export-laps', tabId }),
    ]);
    expect(lapsReply.ok).toBe(true);
    expect(laps.suggestedFilename()).toMatch(new RegExp(`_${RIDE}_laps\\.csv$`));
    expect(csv(await read(laps)).rows).toHaveLength(8);

    const [streams, streamsReply] = await Promise.all([
      page.waitForEvent('download'),
      callBackground<{ ok: boolean }>(ext, 'runCommand', { command: 'export-streams', tabId }),
    ]);
    expect(streamsReply.ok).toBe(true);
    expect(streams.suggestedFilename()).toMatch(new RegExp(`_${RIDE}_streams\\.csv$`));
    expect(csv(await read(streams)).rows).toHaveLength(4700);

    // Not on an activity: explained, nothing saved.
    const settingsPage = await h.browser.context.newPage();
    await settingsPage.goto('https://intervals.icu/settings');
    const otherTab = await ext.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: ExtensionApi };
      const [tab] = await chrome.tabs.query({ url: 'https://intervals.icu/settings*' });
      return tab?.id;
    });
    await expect
      .poll(async () =>
        callBackground<{ ok: boolean; error?: { message: string } }>(ext, 'runCommand', {
          command: 'export-laps',
          tabId: otherTab,
        }),
      )
      .toMatchObject({ ok: false, error: { message: expect.stringMatching(/Open an activity/) } });
    await Promise.all([settingsPage.close(), ext.close()]);
  });
});

describe('popup Export section', () => {
  it('exports the latest activity, with semicolons and a byte order mark when asked', async () => {
    const popup = await openPopup(h.browser);
    const section = popup.getByRole('region', { name: 'Export' });
    await section.getByText('Latest activity:').waitFor();
    const latest = h.standIn.seed.activities.find((a) => a.source === 'UPLOAD');
    const [laps] = await Promise.all([
      popup.waitForEvent('download'),
      section.getByRole('button', { name: 'Laps CSV' }).click(),
    ]);
    expect(laps.suggestedFilename()).toMatch(new RegExp(`_${latest?.id}_laps\\.csv$`));
    await section.getByText(/^Saved/).waitFor();

    await section.getByText('Streams and spreadsheet options').click();
    await section.getByRole('checkbox', { name: 'Semicolons between cells (;)' }).check();
    await section.getByRole('checkbox', { name: 'Byte order mark (for Excel)' }).check();
    const [excel] = await Promise.all([
      popup.waitForEvent('download'),
      section.getByRole('button', { name: 'Laps CSV' }).click(),
    ]);
    const text = await read(excel);
    expect(text.startsWith('\uFEFFlap;label;type;')).toBe(true);

    // Settings are shared: the in-page button now writes the same format. Then back to the defaults.
    await section.getByRole('checkbox', { name: 'Semicolons between cells (;)' }).uncheck();
    await section.getByRole('checkbox', { name: 'Byte order mark (for Excel)' }).uncheck();
    await popup.close();
  });
});

describe('bulk export page', () => {
  let exportPage: Page;

  async function find(from: string, to: string) {
    await exportPage.getByLabel('From').fill(from);
    await exportPage.getByLabel('To').fill(to);
    await exportPage.getByRole('button', { name: 'Find activities' }).click();
    await exportPage.getByText(/activities found/).waitFor();
  }

  it('exports every stand-in activity into one zip within 10 requests/s, with skipped.csv and progress', async () => {
    exportPage = await h.browser.openExtensionPage('export.html');
    const today = h.standIn.seed.today;
    await find('2000-01-01', today);
    const total = h.standIn.seed.activities.length;
    await exportPage.getByText(`${total} activities found.`).waitFor();

    // Record every progress text the page shows.
    await exportPage.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('.bulk-progress-text')) {
          const text = el.textContent ?? '';
          if (seen.at(-1) !== text) seen.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    h.standIn.reset(); // counters and the rate limiter from zero: this run alone is measured
    const worker = await h.browser.serviceWorker();
    await worker.evaluate(() => performance.clearResourceTimings());
    const started = Date.now();
    await exportPage.getByRole('button', { name: `Export ${total} activities` }).click();
    await exportPage.getByText('Export ready').waitFor({ timeout: 60_000 });
    const ms = Date.now() - started;
    expect(await exportPage.title()).toMatch(/Export ready/);

    const seen = await exportPage.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.some((t) => new RegExp(`^[1-${total - 1}] of ${total} activities`).test(t))).toBe(true);
    expect(seen.some((t) => /left/.test(t))).toBe(true);

    const [download] = await Promise.all([
      exportPage.waitForEvent('download'),
      exportPage.getByRole('button', { name: 'Save zip' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`intervals-export_2000-01-01_${today}.zip`);
    const files = Object.fromEntries(
      Object.entries(unzipSync(readFileSync(await download.path()))).map(([n, b]) => [n, strFromU8(b)]),
    );
    const uploads = h.standIn.seed.activities.filter((a) => a.source === 'UPLOAD');
    expect(Object.keys(files)).toHaveLength(uploads.length * 2 + 2);
    for (const a of uploads) {
      const lapsFile = Object.keys(files).find((f) => f.endsWith(`_${a.id}_laps.csv`));
      expect(lapsFile).toBeDefined();
      expect(Object.keys(files).some((f) => f.endsWith(`_${a.id}_streams.csv`))).toBe(true);
    }
    const rideLaps = Object.entries(files).find(([f]) => f.endsWith(`_${RIDE}_laps.csv`))?.[1] ?? '';
    expect(csv(rideLaps).rows).toHaveLength(8);
    const skipped = csv(files['skipped.csv'] ?? '').rows;
    expect(skipped).toEqual([expect.objectContaining({ id: STRAVA, reason: 'strava' })]);
    const activities = csv(files['activities.csv'] ?? '').rows;
    expect(activities).toHaveLength(total);
    expect(activities.filter((r) => r.status === 'exported')).toHaveLength(uploads.length);

    const snapshot = h.standIn.state.snapshot();
    expect(snapshot.rateLimited).toBe(0);
    expect(snapshot.totalRequests).toBe(uploads.length * 2); // the list was fetched before the reset
    // When each request left the background (Resource Timing in the service worker), and when it reached the stand-in.
    const sent = await worker.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.startsWith('https://intervals.icu/api/'))
        .map((e) => e.startTime),
    );
    expect(sent).toHaveLength(uploads.length * 2);
    const arrived = snapshot.log.map((e) => Date.parse(e.time));
    console.info(
      `[e2e bulk export] ${total} activities (${uploads.length} exported, 1 skipped): ${snapshot.totalRequests} ` +
        `requests, ${ms} ms to "ready"; most in any rolling second: ${peakPerSecond(sent)} sent by the extension, ` +
        `${peakPerSecond(arrived)} arrived at the stand-in; 429s: ${snapshot.rateLimited}`,
    );
    expect(peakPerSecond(sent)).toBeLessThanOrEqual(10);
  });

  it('cancel stops the export: no zip, and no new requests', async () => {
    // Slow streams, so there is time to cancel half-way.
    h.standIn.faults.add({ kind: 'delay', ms: 1500, path: '/activity/*/streams.json' });
    await exportPage.reload();
    await find('2000-01-01', h.standIn.seed.today);
    await exportPage.getByRole('button', { name: /^Export \d+ activities$/ }).click();
    await exportPage.getByRole('progressbar', { name: 'Export progress' }).waitFor();
    await exportPage.getByText(/^[1-9] of \d+ activities/).waitFor({ timeout: 20_000 });
    await exportPage.getByRole('button', { name: 'Cancel' }).click();
    await exportPage.getByText('Export cancelled').waitFor();
    const atCancel = h.standIn.state.snapshot().totalRequests;
    await new Promise((r) => setTimeout(r, 3000));
    // Requests already sent finish; at most the in-flight activities' streams follow, nothing new starts.
    expect(h.standIn.state.snapshot().totalRequests - atCancel).toBeLessThanOrEqual(3);
    expect(await exportPage.getByRole('button', { name: /Save zip/ }).count()).toBe(0);
    expect(await exportPage.title()).not.toMatch(/ready/);
  });
});
