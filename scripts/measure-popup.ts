/**
 * `npm run measure:popup`: how fast the toolbar popup opens from a warm cache, against a blank page of the same
 * extension, and how many API requests opening it sends. Run after `npm run build`.
 *
 * - The extension measured is a temporary copy of the Chrome build with one file added, `blank.html` (an empty
 *   document, no script, no style). The shipped build never has it; the copy is deleted afterwards.
 * - Connected to the stand-in and warmed up (one popup opening fills the cache), it opens `popup.html` and
 *   `blank.html` alternately, RUNS times each (default 15), each in a fresh tab of 360 × 600 like the popup.
 * - "Ready", timed inside the page from its navigation start (`performance.now()`, an init script of the harness,
 *   nothing in the extension's code): for the popup, the first animation frame after the dashboard's "Today" card
 *   (`#today`, rendered from the cache) is in the DOM; for the blank page, the first animation frame after
 *   DOMContentLoaded. Medians of both and their ratio are printed.
 * - Each popup stays open HOLD_MS (default 1500 ms) from its navigation, as a glance at it would, so what it asks
 *   the background on open has time to go out. The API requests the stand-in receives from the first to the last
 *   opening (plus a 2 s settle) are counted by path; the openings span well under a minute.
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Runs in every page before its own scripts: records `__ready` (ms since navigation start) once the page is ready.
 * A string, not a function: tsx would add helpers (`__name`) to a function that the page does not have.
 */
const READY_PROBE = `(() => {
  const frameAfter = () => requestAnimationFrame(() => { window.__ready ??= performance.now(); });
  if (location.pathname.endsWith('/blank.html')) {
    document.addEventListener('DOMContentLoaded', frameAfter, { once: true });
  } else if (location.pathname.endsWith('/popup.html')) {
    const observer = new MutationObserver(() => {
      if (!document.getElementById('today')) return;
      observer.disconnect();
      frameAfter();
    });
    observer.observe(document, { childList: true, subtree: true });
  }
})();`;

const copy = mkdtempSync(join(tmpdir(), 'icu-measure-popup-'));
const extensionPath = join(copy, 'chrome-mv3');
cpSync(CHROME_BUILD, extensionPath, { recursive: true });
writeFileSync(
  join(extensionPath, 'blank.html'),
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body></body></html>\n',
);

const standIn = await createFakeIcu({ key: GOOD_KEY, port: 0, tls: true, rateLimit: false });
const browser = await launchExtensionBrowser({ standInPort: standIn.port, extensionPath });
await browser.context.addInitScript(READY_PROBE);

/** Opens `path` in a fresh tab; resolves with its ready time, the tab closed once `hold` ms have passed. */
async function open(path: string, hold = 0): Promise<number> {
  const page: Page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 600 });
  const started = Date.now();
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  const ready = (await page
    .waitForFunction(() => (window as unknown as { __ready?: number }).__ready, undefined, {
      timeout: 15_000,
    })
    .then((handle) => handle.jsonValue())) as number;
  const left = hold - (Date.now() - started);
  if (left > 0) await page.waitForTimeout(left);
  await page.close();
  return ready;
}

const apiRequests = () =>
  Object.entries(standIn.state.snapshot().requests).filter(([key]) => key.split(' ')[1]?.startsWith('/api/'));

try {
  await connect(browser);
  // Warm-up: the first opening fills the cache (and lets the extension's files reach the disk cache).
  const warm = await browser.openExtensionPage('popup.html', { width: 360, height: 600 });
  await warm.getByText(/^Updated /).waitFor({ timeout: 20_000 });
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
  console.log(`Opening from a warm cache (ms from navigation start to ready, median of ${RUNS}, alternating runs)`);
  console.log(
    `popup.html  ${popup.toFixed(1).padStart(7)}   (min ${Math.min(...samples.popup).toFixed(1)}, max ${Math.max(...samples.popup).toFixed(1)})`,
  );
  console.log(
    `blank.html  ${blank.toFixed(1).padStart(7)}   (min ${Math.min(...samples.blank).toFixed(1)}, max ${Math.max(...samples.blank).toFixed(1)})`,
  );
  console.log(`ratio       ${(popup / blank).toFixed(2).padStart(7)}×`);
  const total = sent.reduce((sum, [, count]) => sum + count, 0);
  console.log(
    `API requests for ${RUNS} popup openings within ${((lastOpening - firstOpening) / 1000).toFixed(0)} s: ${total}`,
  );
  for (const [key, count] of sent) console.log(`  ${String(count).padStart(3)}  ${key}`);
} finally {
  await browser.close();
  await standIn.close();
  rmSync(copy, { recursive: true, force: true });
}
