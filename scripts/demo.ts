/**
 * `npm run demo`: builds the extension, starts the local stand-in for intervals.icu (seeded with the real
 * recordings) over HTTPS, and opens Chromium with the extension already connected to it.
 * `npm run demo -- --headless`: the same without a window; saves screenshots of the popup and pages and prints
 * where they are.
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createFakeIcu } from '../dev/fake-icu/server';
import { launchExtensionBrowser } from '../dev/launch-chromium';

const DEMO_KEY = 'demo0key0for0the0stand0in';
const headless = process.argv.includes('--headless');
const skipBuild = process.argv.includes('--no-build');
const outDir = resolve('demo-screenshots');
const started = Date.now();

if (!skipBuild) execSync('npx wxt build', { stdio: 'inherit' });

const standIn = await createFakeIcu({ key: DEMO_KEY, port: 0, tls: true });
console.log(`Stand-in for intervals.icu on ${standIn.url} (API key: ${DEMO_KEY})`);
const browser = await launchExtensionBrowser({ standInPort: standIn.port, headless });

// Connect the way a user does: paste the key on the options page and check the connection.
const options = await browser.openExtensionPage('options.html');
await options
  .getByLabel(/api key/i)
  .first()
  .fill(DEMO_KEY);
await options.getByRole('button', { name: /check connection/i }).click();
await options
  .getByText(/connected/i)
  .first()
  .waitFor({ timeout: 20_000 });

const popup = await browser.openExtensionPage('popup.html', { width: 380, height: 600 });
await popup
  .getByText(/latest activity/i)
  .first()
  .waitFor({ timeout: 20_000 });

// The Edge 810 ride with 8 device laps: the in-page toolbar (VO2max badge, Wellness, Laps/Streams CSV) in its header.
const DEMO_RIDE = 'i9001005';
const activityPage = await browser.context.newPage();
await activityPage.goto(`https://intervals.icu/activities/${DEMO_RIDE}`);
await activityPage.locator('.gutter8 icu-companion-toolbar').waitFor({ timeout: 20_000 });

if (headless) {
  mkdirSync(outDir, { recursive: true });
  const shots: [string, Page, 'light' | 'dark'][] = [
    ['popup-light.png', popup, 'light'],
    ['popup-dark.png', popup, 'dark'],
    ['options-light.png', options, 'light'],
    ['options-dark.png', options, 'dark'],
    ['activity-page-light.png', activityPage, 'light'],
    ['activity-page-dark.png', activityPage, 'dark'],
  ];
  for (const [name, page, scheme] of shots) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(200);
    await page.screenshot({ path: resolve(outDir, name), fullPage: name.startsWith('popup') });
  }
  // The real toolbar popup, opened on the activity page: it is focused on that activity.
  await activityPage.emulateMedia({ colorScheme: 'light' });
  await activityPage.bringToFront();
  const toolbarPopup = await browser.openToolbarPopup();
  await toolbarPopup.getByRole('region', { name: 'This activity' }).waitFor({ timeout: 20_000 });
  await toolbarPopup.waitForTimeout(500);
  await toolbarPopup.screenshot({ path: resolve(outDir, 'toolbar-popup-on-activity.png'), fullPage: true });
  await browser.close();
  await standIn.close();
  console.log(`Screenshots in ${outDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} else {
  console.log('Chromium is open with the extension connected to the stand-in. Press Ctrl+C to stop.');
  const stop = async () => {
    await browser.close().catch(() => {});
    await standIn.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  browser.context.on('close', stop);
}
