/**
 * The Upload page in Chromium with the built extension against the stand-in (its rate limit on): the six real FIT
 * recordings (already there: duplicates), a new TCX (a new activity, linked), a garbage file (its own error, the
 * others go on), a file over the limit (refused in the page: no upload request), and "Import a plan" twice onto
 * one day (one event). Opened from the options page. Screenshots (light and dark) go to e2e/artifacts/upload/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../dev/fake-icu/paths';
import { sampleTcx } from '../dev/fake-icu/uploads/samples';
import { addDays } from '../lib/dates';
import { MAX_UPLOAD_BYTES } from '../lib/upload/files';
import { connect, GOOD_KEY, type Harness, startHarness } from './fixtures';

const SHOTS = 'e2e/artifacts/upload';
const FILES = [
  '4078723797.fit',
  'developer-types-sample.fit',
  'sample-activity-indoor-trainer.fit',
  '2020-06-01-16-52-40.fit',
  'Edge810-Vector-2013-08-16-15-35-10.fit',
  '2019-02-17-062644-ELEMNT-297E-195-0.fit',
];

let h: Harness;
let page: Page;
let dir: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'icu-upload-e2e-'));
  h = await startHarness({ rateLimit: true });
  await connect(h.browser);
  page = await h.browser.openExtensionPage('upload.html', { width: 900, height: 1100 });
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const uploadRequests = () =>
  h.standIn.state.snapshot().log.filter((e) => e.method === 'POST' && e.path.endsWith('/activities'));
const rowOf = (name: string) =>
  page.getByRole('list', { name: 'Files' }).getByRole('listitem').filter({ hasText: name });
const progress = () => page.locator('.bulk-progress-text');

/** A workout file as intervals.icu serves it (node:https, trusting the stand-in's own certificate). */
function download(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const auth = `Basic ${Buffer.from(`API_KEY:${GOOD_KEY}`).toString('base64')}`;
    const req = httpsRequest(`${h.standIn.url}${path}`, {
      headers: { authorization: auth },
      ca: h.standIn.certPem,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${path}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('uploading activity files', () => {
  it('the six real recordings are all reported as already on intervals.icu, with links to them', async () => {
    const before = h.standIn.state.activities.length;
    await page.locator('#upload-files').setInputFiles(FILES.map((f) => join(FIXTURES_DIR, f)));
    await expect.poll(() => progress().textContent(), { timeout: 30_000 }).toMatch(/^6 of 6 files done/);
    expect(await progress().textContent()).toMatch(/6 already on intervals\.icu$/);
    for (const file of FILES) {
      const row = rowOf(file);
      await row.getByText('Already on intervals.icu').waitFor();
      const seeded = h.standIn.seed.activities.find((a) => a.file === file);
      const links = await row.getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(links).toEqual([`https://intervals.icu/activities/${seeded?.id}`]);
    }
    expect(h.standIn.state.activities).toHaveLength(before);
    expect(uploadRequests().map((e) => e.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('a new TCX becomes a linked activity; a garbage file gets its own error and stops nothing', async () => {
    const start = new Date(`${addDays(h.standIn.seed.today, -2)}T16:00:00Z`);
    const tcx = join(dir, 'evening-ride.tcx');
    const garbage = join(dir, 'garbage.fit');
    writeFileSync(tcx, sampleTcx(start));
    writeFileSync(garbage, 'this is not a FIT file at all');
    await page.locator('#upload-files').setInputFiles([garbage, tcx]);
    await expect.poll(() => progress().textContent(), { timeout: 30_000 }).toMatch(/^8 of 8 files done/);

    const bad = rowOf('garbage.fit');
    await bad.getByText('Failed').waitFor();
    expect(await bad.locator('.upload-row-detail').textContent()).toMatch(
      /^intervals\.icu rejected the request \(422\): garbage\.fit: /,
    );

    const row = rowOf('evening-ride.tcx');
    await row.getByText('New activity').waitFor();
    const href = await row.getByRole('link').getAttribute('href');
    const id = /\/activities\/(i\d+)$/.exec(href ?? '')?.[1];
    expect(id).toBeDefined();
    expect(h.standIn.state.activities.some((a) => a.id === id)).toBe(true);
    // The link opens the activity on intervals.icu (the stand-in's page for it).
    const [opened] = await Promise.all([h.browser.context.waitForEvent('page'), row.getByRole('link').click()]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`https://intervals.icu/activities/${id}`);
    await opened.close();
    expect(h.standIn.state.snapshot().rateLimited).toBe(0);
  });

  it('a file over 25 MB is refused in the page with the reason, and never sent', async () => {
    const huge = join(dir, 'huge-ride.fit');
    writeFileSync(huge, Buffer.alloc(MAX_UPLOAD_BYTES + 1, 1));
    const before = uploadRequests().length;
    await page.locator('#upload-files').setInputFiles(huge);
    const row = rowOf('huge-ride.fit');
    await row.getByText('Not uploaded', { exact: true }).waitFor();
    expect(await row.locator('.upload-row-detail').textContent()).toBe(
      'huge-ride.fit (25.0 MB) is larger than the 25 MB limit for one file, so it was not uploaded. Split a large archive into smaller ones.',
    );
    await page.waitForTimeout(500);
    expect(uploadRequests()).toHaveLength(before);
    expect(await progress().textContent()).toMatch(
      /^9 of 9 files done · ([\d.]+ MB) of \1 · 1 new, 6 already on intervals\.icu, 1 failed, 1 not sent$/,
    );
  });
});

describe('importing a plan', () => {
  it('the same .zwo imported twice onto one day leaves one event there, read back with a link', async () => {
    const zwo = join(dir, 'VO2max ride.zwo');
    writeFileSync(zwo, await download('/api/v1/athlete/0/events/71001/download.zwo'));
    const day = addDays(h.standIn.seed.today, 40); // past the seeded workouts
    const onDay = () => h.standIn.state.events.filter((e) => e.start_date_local.startsWith(day));
    expect(onDay()).toHaveLength(0);

    await page.locator('#plan-files').setInputFiles(zwo);
    const date = page.getByLabel('Day for VO2max ride.zwo');
    expect(await date.inputValue()).toBe(h.standIn.seed.today);
    await date.fill(day);
    const importButton = page.getByRole('button', { name: 'Import 1 workout' });
    const results = page.getByRole('list', { name: 'Imported workouts' });

    await importButton.click();
    await results.waitFor();
    const link = results.getByRole('link');
    expect(await link.getAttribute('href')).toBe('https://intervals.icu/calendar');
    expect(onDay()).toHaveLength(1);
    const first = onDay()[0];

    await importButton.click();
    await page.getByRole('button', { name: 'Importing…' }).waitFor({ state: 'detached' });
    await results.waitFor();
    expect(onDay()).toHaveLength(1);
    expect(onDay()[0]?.id).toBe(first?.id);
    expect(onDay()[0]?.external_id).toMatch(/^icu-companion:/);
    expect(await results.textContent()).toContain('VO2max ride.zwo');
  });

  it('looks right in light and dark', async () => {
    await page.screenshot({ path: `${SHOTS}/upload-light.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/upload-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });
});

describe('opening the page', () => {
  it('the options page links to it, in a new tab', async () => {
    const options = await h.browser.openExtensionPage('options.html');
    const [opened] = await Promise.all([
      h.browser.context.waitForEvent('page'),
      options.getByRole('link', { name: 'Upload files to intervals.icu' }).click(),
    ]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`chrome-extension://${h.browser.extensionId}/upload.html`);
    await opened.getByRole('heading', { name: 'Upload to intervals.icu' }).waitFor();
    await opened.close();
    await options.close();
  });
});
