/**
 * The Upload page in Firefox (moz-extension: origin, event page): a real recording already on intervals.icu is
 * reported as a duplicate, a new TCX becomes an activity in the stand-in, a garbage file gets its own error.
 * Screenshot in e2e/artifacts/firefox/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../dev/fake-icu/paths';
import { sampleTcx } from '../../dev/fake-icu/uploads/samples';
import { connect, daysBefore, type FirefoxHarness, startFirefoxHarness, until, waitForText } from './fixtures';

const SHOTS = 'e2e/artifacts/firefox';
const FIT = 'Edge810-Vector-2013-08-16-15-35-10.fit';
let h: FirefoxHarness;
let dir: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'icu-upload-firefox-'));
  h = await startFirefoxHarness();
  await connect(h.firefox);
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Upload page in Firefox', () => {
  it('reports a recording already there, creates a new activity from a TCX, and names a garbage file', async () => {
    const tcx = join(dir, 'firefox-ride.tcx');
    const garbage = join(dir, 'garbage.gpx');
    writeFileSync(tcx, sampleTcx(new Date(`${daysBefore(h.standIn.seed.today, 3)}T15:00:00Z`)));
    writeFileSync(garbage, 'not a GPX file');
    const before = h.standIn.state.activities.length;

    const page = await h.firefox.openExtensionPage('upload.html', { width: 900, height: 900 });
    const input = (await page.waitForSelector('#upload-files')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(FIXTURES_DIR, FIT), tcx, garbage);
    await waitForText(page, '3 of 3 files done', 30_000);

    const rows = await page.$$eval('.upload-row', (lis) =>
      lis.map((li) => ({
        name: li.querySelector('.upload-row-name')?.textContent,
        state: li.querySelector('.upload-row-state')?.textContent,
        detail: li.querySelector('.upload-row-detail')?.textContent ?? null,
        links: [...li.querySelectorAll('a')].map((a) => a.href),
      })),
    );
    const seeded = h.standIn.seed.activities.find((a) => a.file === FIT);
    expect(rows[0]).toEqual({
      name: FIT,
      state: 'Already on intervals.icu',
      detail: null,
      links: [`https://intervals.icu/activities/${seeded?.id}`],
    });
    const made = rows.find((r) => r.name === 'firefox-ride.tcx');
    expect(made?.state).toBe('New activity');
    const id = /\/activities\/(i\d+)$/.exec(made?.links[0] ?? '')?.[1];
    await until(() => h.standIn.state.activities.some((a) => a.id === id), 'the new activity in the stand-in');
    expect(h.standIn.state.activities).toHaveLength(before + 1);
    const bad = rows.find((r) => r.name === 'garbage.gpx');
    expect(bad?.state).toBe('Failed');
    expect(bad?.detail).toMatch(/^intervals\.icu rejected the request \(422\): garbage\.gpx: /);
    await page.screenshot({ path: `${SHOTS}/upload.png`, fullPage: true });
    await page.close();
  });
});
