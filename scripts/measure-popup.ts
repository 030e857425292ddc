/**
 * `npm run measure:popup`: how fast the toolbar popup opens from a warm cache, against a blank page of the same
 * extension opened the same way, and how many API requests opening it sends. Run after `npm run build`.
 *
 * - The extension measured is a temporary copy of the Chrome build with two files added, `blank.html` (an empty
 *   document) and `blank.js` (it sets the mark below). The shipped build has neither; the copy is deleted afterwards.
 * - Connected to the stand-in, with an intervals.icu activity page in the active tab (so the popup also shows "This
 *   activity" and its VO2max, as it would there) and warmed up (one opening fills the caches), it opens the real
 *   toolbar popup (`action.openPopup()`, as a click on the icon does) RUNS times (default 15), alternating with the
 *   blank page opened the same way (`action.setPopup` pointed at blank.html, from the harness, then back).
 * - "Ready", read in the page (ms since its navigation start): the popup's `icu-companion:dashboard-shown` User Timing
 *   mark, set at the first animation frame after the dashboard from the cache is in the DOM (components/popup/
 *   Popup.tsx); for the blank page, the same mark at the first animation frame after DOMContentLoaded. Medians of
 *   both and their ratio are printed.
 * - Each popup stays open HOLD_MS (default 1500 ms) from when it was asked to open, as a glance at it would, so what
 *   it asks the background has time to go out. The API requests the stand-in receives from the first opening to 2 s
 *   after the last are counted by path; the openings span under a minute.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createFakeIcu } from '../dev/fake-icu';
import { CHROME_BUILD, launchExtensionBrowser } from '../dev/launch-chromium';
import { connect, GOOD_KEY } from '../e2e/fixtures';

const RUNS = Number(process.env.RUNS ?? 15);
const HOLD_MS = Number(process.env.HOLD_MS ?? 1500);
const MARK = 'icu-companion:dashboard-shown';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const copy = mkdtempSync(join(tmpdir(), 'icu-measure-popup-'));
const extensionPath = join(copy, 'chrome-mv3');
cpSync(CHROME_BUILD, extensionPath, { recursive: true });
writeFileSync(
  join(extensionPath, 'blank.html'),
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Blank</title><script src="blank.js" defer></script></head><body></body></html>\n',
);
writeFileSync(
  join(extensionPath, 'blank.js'),
  `document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => performance.mark('${MARK}')));\n`,
);

const standIn = await createFakeIcu({ key: GOOD_KEY, port: 0, tls: true, rateLimit: false });
const browser = await launchExtensionBrowser({ standInPort: standIn.port, extensionPath });

const setPopup = async (popup: string) => {
  const worker = await browser.serviceWorker();
  await worker.evaluate(
    (page) =>
      (globalThis as unknown as { chrome: { action: { setPopup(d: object): Promise<void> } } }).chrome.action.setPopup({
        popup: page,
      }),
    popup,
  );
};

/** Opens the toolbar popup on `page`; resolves with its ready time once it has been open for `hold` ms. */
async function open(page: 'popup.html' | 'blank.html', hold = 0): Promise<number> {
  if (page === 'blank.html') await setPopup('blank.html');
  const started = Date.now();
  let popup: Page | undefined;
  try {
    popup = await browser.openToolbarPopup(page);
    const handle = await popup.waitForFunction((mark) => performance.getEntriesByName(mark)[0]?.startTime, MARK, {
      timeout: 15_000,
    });
    const ready = (await handle.jsonValue()) as number;
    const left = hold - (Date.now() - started);
    if (left > 0) await popup.waitForTimeout(left);
    return ready;
  } finally {
    await popup?.close();
    if (page === 'blank.html') await setPopup('popup.html');
  }
}

const apiRequests = () =>
  Object.entries(standIn.state.snapshot().requests).filter(([key]) => key.split(' ')[1]?.startsWith('/api/'));
const totalApi = () => apiRequests().reduce((sum, [, count]) => sum + count, 0);

try {
  await connect(browser);
  const activity = standIn.seed.activities.find((a) => a.source === 'UPLOAD' && a.type === 'Ride')?.id;
  const tab = await browser.context.newPage();
  await tab.goto(`https://intervals.icu/activities/${activity}`);
  await tab.bringToFront();

  // Warm-up: the first opening fills the caches (dashboard, this activity, VO2max); wait until nothing more goes out.
  const warm = await browser.openToolbarPopup();
  await warm.getByText(/^Updated /).waitFor({ timeout: 20_000 });
  for (let last = -1; last !== totalApi(); ) {
    last = totalApi();
    await warm.waitForTimeout(1000);
  }
  await warm.close();
  await open('blank.html');

  const before = new Map(apiRequests());
  const samples = { popup: [] as number[], blank: [] as number[] };
  const firstOpening = Date.now();
  let lastOpening = firstOpening;
  for (let i = 0; i < RUNS; i++) {
    lastOpening = Date.now();
    samples.popup.push(await open('popup.html', HOLD_MS));
    samples.blank.push(await open('blank.html'));
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const sent = apiRequests()
    .map(([key, count]) => [key, count - (before.get(key) ?? 0)] as const)
    .filter(([, count]) => count > 0);

  const popup = median(samples.popup);
  const blank = median(samples.blank);
  const range = (values: number[]) => `(min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;
  console.log(`Toolbar popup from a warm cache: ms from navigation start to ready, median of ${RUNS}, alternating`);
  console.log(`popup.html  ${popup.toFixed(1).padStart(7)}   ${range(samples.popup)}`);
  console.log(`blank.html  ${blank.toFixed(1).padStart(7)}   ${range(samples.blank)}`);
  console.log(`ratio       ${(popup / blank).toFixed(2).padStart(7)}×`);
  const total = sent.reduce((sum, [, count]) => sum + count, 0);
  const span = ((lastOpening - firstOpening) / 1000).toFixed(0);
  console.log(`API requests for ${RUNS} popup openings within ${span} s: ${total}`);
  for (const [key, count] of sent) console.log(`  ${String(count).padStart(3)}  ${key}`);
} finally {
  await browser.close();
  await standIn.close();
  rmSync(copy, { recursive: true, force: true });
}
