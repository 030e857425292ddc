/**
 * `npm run measure:page`: what the content script costs an intervals.icu page. Loads stand-in pages in Chromium with
 * the built extension and without it, alternating, and compares the renderer's main-thread script time
 * (CDP Performance.getMetrics → ScriptDuration, which includes content scripts' isolated worlds). Reports medians
 * per page kind: an activity page (every feature mounts), a fitness page (only the Wellness button) and the power page (no feature serves it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { createFakeIcu } from '../dev/fake-icu';
import { chromiumPath, launchExtensionBrowser, standInArgs } from '../dev/launch-chromium';

const RUNS = Number(process.env.RUNS ?? 9);
const PAGES = { activity: '/activities/i9001005', fitness: '/fitness', power: '/power' } as const;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function scriptMs(context: BrowserContext, path: string): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`https://intervals.icu${path}`, { waitUntil: 'load' });
  await page.waitForTimeout(1500); // the stand-in renders after 150 ms; features mount after that
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.close();
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

const standIn = await createFakeIcu({ key: 'measure0key0measure0key', port: 0, tls: true, rateLimit: false });
const withExtension = await launchExtensionBrowser({ standInPort: standIn.port });
const plainProfile = mkdtempSync(join(tmpdir(), 'icu-plain-profile-'));
const plain = await chromium.launchPersistentContext(plainProfile, {
  channel: 'chromium',
  executablePath: chromiumPath(),
  headless: true,
  args: standInArgs(standIn.port),
});

console.log(`Script time per page load (ms, median of ${RUNS}, alternating runs)`);
console.log('page        without   with ext   extension cost');
for (const [kind, path] of Object.entries(PAGES)) {
  const samples = { without: [] as number[], with: [] as number[] };
  await scriptMs(plain, path); // warm-up
  await scriptMs(withExtension.context, path);
  for (let i = 0; i < RUNS; i++) {
    samples.without.push(await scriptMs(plain, path));
    samples.with.push(await scriptMs(withExtension.context, path));
  }
  const without = median(samples.without);
  const withExt = median(samples.with);
  console.log(
    `${kind.padEnd(10)} ${without.toFixed(1).padStart(8)} ${withExt.toFixed(1).padStart(10)} ${(withExt - without).toFixed(1).padStart(12)}`,
  );
}

await plain.close();
rmSync(plainProfile, { recursive: true, force: true });
await withExtension.close();
await standIn.close();
