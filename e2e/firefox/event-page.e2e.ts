/**
 * Firefox runs the background as an event page and unloads it when idle (here after 2 s instead of 30 s, with
 * `extensions.background.idle.timeout`). A wellness edit that intervals.icu refuses for now (503) stays pending in
 * IndexedDB while the event page is gone, and the outbox alarm wakes it to deliver the edit once the server is back.
 * Whether the event page is loaded is read from an open options page (`extension.getViews()` lists it), which does
 * not itself wake it.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickButton,
  connect,
  daysBefore,
  type FirefoxHarness,
  fill,
  openPopup,
  startFirefoxHarness,
  until,
} from './fixtures';

const IDLE_MS = 2000;
let h: FirefoxHarness;

beforeAll(async () => {
  h = await startFirefoxHarness({ backgroundIdleTimeout: IDLE_MS });
  await connect(h.firefox);
});
afterAll(async () => {
  await h?.close();
});

/** Whether the add-on's event page is loaded right now, as the extension's own page sees it. */
const backgroundLoaded = (observer: Page) =>
  observer.evaluate(() =>
    (globalThis as unknown as { browser: { extension: { getViews(): Window[] } } }).browser.extension
      .getViews()
      .some((view) => view.location.pathname === '/_generated_background_page.html'),
  );

/** The outbox entries in the add-on's IndexedDB, read from an extension page (same origin), not through the background. */
const outbox = (observer: Page) =>
  observer.evaluate(
    () =>
      new Promise<{ date: string; patch: Record<string, unknown> }[]>((resolve, reject) => {
        const open = indexedDB.open('icu-companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as { date: string; patch: Record<string, unknown> }[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );

describe('when Firefox unloads the idle event page', () => {
  it('a wellness edit pending behind a 503 survives in IndexedDB and is delivered when the alarm wakes the page', async () => {
    const date = daysBefore(h.standIn.seed.today, 5);
    const day = () => h.standIn.state.snapshot().wellness.find((d) => d.id === date);
    const puts = () =>
      h.standIn.state.snapshot().requests[`PUT /api/v1/athlete/${h.standIn.athleteId}/wellness/${date}`] ?? 0;
    h.standIn.faults.add({ kind: 'status', status: 503, method: 'PUT', path: `/athlete/*/wellness/${date}` });

    const popup = await openPopup(h.firefox);
    await clickButton(popup, 'Edit wellness · lock days');
    await popup.waitForSelector('.w-dates input[type="date"]');
    await fill(popup, '.w-dates input[type="date"]', date);
    await until(
      async () => (await popup.$eval('#w-weight', (i) => (i as HTMLInputElement).value)) !== '',
      'the day’s values',
    );
    await fill(popup, '#w-steps', '12345');
    await popup.focus('#w-steps');
    await popup.keyboard.press('Enter');
    await until(
      async () => (await popup.$eval('.w-form .w-status', (el) => el.textContent ?? '')).includes('Pending'),
      '"Pending — will retry"',
      20_000,
    );
    expect(puts()).toBeGreaterThan(0);
    await popup.close(); // the popup's pending list polls the background; a closed popup lets it go idle

    const observer = await h.firefox.openExtensionPage('options.html');
    await until(async () => !(await backgroundLoaded(observer)), 'the event page to be unloaded', 20_000);
    const putsWhileUnloaded = puts();
    expect(day()?.steps).not.toBe(12345);
    expect(await outbox(observer)).toEqual([expect.objectContaining({ date, patch: { steps: 12345 } })]);

    h.standIn.faults.clear(); // intervals.icu is back
    await until(() => day()?.steps === 12345, 'the edit to reach intervals.icu', 60_000);
    expect(puts()).toBeGreaterThan(putsWhileUnloaded);
    await until(async () => (await outbox(observer)).length === 0, 'the outbox to be empty');

    const later = await openPopup(h.firefox);
    await clickButton(later, 'Edit wellness · lock days');
    await until(
      async () => (await later.evaluate(() => document.body.textContent ?? '')).includes('(none)'),
      'no pending edits',
    );
    await Promise.all([later.close(), observer.close()]);
  }, 120_000);
});

describe('when a request outlasts the idle timeout', () => {
  it('the event page stays until the popup has its answer (intervals.icu answering in 6 s, the idle timeout 2 s)', async () => {
    h.standIn.faults.add({ kind: 'delay', ms: 6000, path: '/athlete/*/activities' });
    const popup = await openPopup(h.firefox);
    await until(
      async () => {
        const text = await popup.evaluate(() => document.body.textContent ?? '');
        if (/having trouble|Could not|Not updated/.test(text)) throw new Error(text);
        return text.includes('Updated now');
      },
      '"Updated now"',
      20_000,
    ).catch(async (error) => {
      await popup.screenshot({ path: 'e2e/artifacts/firefox/slow-request.png', fullPage: true });
      throw error;
    });
    h.standIn.faults.clear();
    await popup.close();
  });
});
