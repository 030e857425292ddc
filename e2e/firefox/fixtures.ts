/**
 * Shared set-up for the Firefox end-to-end tests: the stand-in over HTTPS on port 443 (Firefox resolves
 * intervals.icu to the loopback address and has no host-to-port mapping) and Firefox ESR with the shipped Firefox
 * build, driven by puppeteer-core over WebDriver BiDi. Each test file gets a fresh profile and a fresh stand-in.
 * The helpers find things the way a user does: by visible text, labels and buttons.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { createFakeIcu, type FakeIcu } from '../../dev/fake-icu';
import {
  type FirefoxExtensionBrowser,
  type FirefoxLaunchOptions,
  launchFirefoxWithExtension,
} from '../../dev/launch-firefox';
import { GOOD_KEY } from '../fixtures';

export { GOOD_KEY };

/** Firefox reaches the stand-in at https://intervals.icu, i.e. 127.0.0.1:443. */
export const STAND_IN_PORT = 443;

export interface FirefoxHarness {
  standIn: FakeIcu;
  firefox: FirefoxExtensionBrowser;
  close(): Promise<void>;
}

export async function startStandInOn443(options: { rateLimit?: boolean } = {}): Promise<FakeIcu> {
  try {
    return await createFakeIcu({ key: GOOD_KEY, port: STAND_IN_PORT, tls: true, rateLimit: options.rateLimit ?? true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw new Error('The Firefox suite serves the stand-in on port 443: run it as root.');
    if (code === 'EADDRINUSE') throw new Error('Port 443 is busy (another Firefox suite or demo running?).');
    throw error;
  }
}

export async function startFirefoxHarness(
  options: { rateLimit?: boolean } & FirefoxLaunchOptions = {},
): Promise<FirefoxHarness> {
  const standIn = await startStandInOn443(options);
  try {
    const firefox = await launchFirefoxWithExtension(options);
    return {
      standIn,
      firefox,
      async close() {
        await firefox.close();
        await standIn.close();
      },
    };
  } catch (error) {
    await standIn.close();
    throw error;
  }
}

/** The ISO day `days` before `isoDay` (the stand-in's days are local dates like "2026-03-15"). */
export function daysBefore(isoDay: string, days: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Escapes a string for puppeteer's `::-p-text(…)` / `::-p-aria(…)` pseudo-selectors. */
const quoted = (text: string) => JSON.stringify(text);

/** Waits for an element showing `text` (open shadow roots included) and returns it. */
export async function waitForText(page: Page, text: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(`::-p-text(${quoted(text)})`, { timeout });
  if (!handle) throw new Error(`"${text}" did not appear`);
  return handle;
}

/** The text of the whole page, shadow roots included (for the in-page UI). */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Document | ShadowRoot | Element) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          parts.push((el.shadowRoot as unknown as HTMLElement).textContent ?? '');
          walk(el.shadowRoot);
        }
      }
    };
    parts.push(document.body.textContent ?? '');
    walk(document);
    return parts.join('\n');
  });
}

/** The button whose text or accessible label is `name` (exactly), open shadow roots included. */
export async function button(page: Page, name: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForSelector(`::-p-aria(${quoted(name)})`, { timeout });
  if (!handle) throw new Error(`No button "${name}"`);
  return handle;
}

export async function clickButton(page: Page, name: string): Promise<void> {
  await (await button(page, name)).click();
}

/** Replaces an input's value as typing would (fires input events, as Preact listens for). */
export async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).fill(value);
}

/** Polls `probe` until it returns a truthy value. */
export async function until<T>(probe: () => T | Promise<T>, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${String(last)})`);
    await sleep(100);
  }
}

/** Connects the way a user does: the options page, the key, "Check connection". */
export async function connectThroughOptions(firefox: FirefoxExtensionBrowser, key = GOOD_KEY): Promise<Page> {
  const options = await firefox.openExtensionPage('options.html');
  await fill(options, '#api-key', key);
  await clickButton(options, 'Check connection');
  return options;
}

export async function connect(firefox: FirefoxExtensionBrowser): Promise<void> {
  const options = await connectThroughOptions(firefox);
  await waitForText(options, 'Connected as');
  await options.close();
}

export function openPopup(firefox: FirefoxExtensionBrowser): Promise<Page> {
  return firefox.openExtensionPage('popup.html', { width: 360, height: 600 });
}

/** Files in the download folder (finished ones: Firefox writes `.part` files while saving). */
export function downloads(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => !name.endsWith('.part'));
}

/** Runs `action` and returns the one new file it saved, once Firefox has finished writing it. */
export async function saved(
  dir: string,
  action: () => Promise<unknown>,
  timeout = 20_000,
): Promise<{ name: string; bytes: Buffer }> {
  const before = new Set(downloads(dir));
  await action();
  const name = (await until(
    () => downloads(dir).find((n) => !before.has(n) && !readdirSync(dir).includes(`${n}.part`)),
    'a download',
    timeout,
  )) as string;
  const path = join(dir, name);
  // The file is complete once its size stops changing.
  let size = -1;
  while (statSync(path).size !== size) {
    size = statSync(path).size;
    await sleep(150);
  }
  return { name, bytes: readFileSync(path) };
}

/** A GET straight to the stand-in's API with the good key (what intervals.icu would answer), trusting its certificate. */
export function standInGet<T>(standIn: FakeIcu, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${standIn.url}/api/v1${path}`,
      {
        ca: standIn.certPem,
        headers: { authorization: `Basic ${Buffer.from(`API_KEY:${GOOD_KEY}`).toString('base64')}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode} ${body}`));
          else resolve(JSON.parse(body) as T);
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Opens the real toolbar popup for the intervals.icu tab whose URL matches `tabUrl`, as a click on the add-on's icon
 * would: Firefox opens `action.openPopup()` only in answer to a user action, so an extension page gets a button that
 * makes that tab active and opens the popup, and the test clicks it. The popup is not a tab, so its document is read
 * through `extension.getViews({ type: 'popup' })` from that page. Returns the popup's text, read on each call.
 */
export async function openToolbarPopup(
  firefox: FirefoxExtensionBrowser,
  tabUrl: string,
): Promise<{ text(): Promise<string>; close(): Promise<void> }> {
  interface Api {
    tabs: { query(q: object): Promise<{ id?: number }[]>; update(id: number, p: object): Promise<unknown> };
    action: { openPopup(): Promise<void> };
    extension: { getViews(filter: object): Window[] };
  }
  const opener = await firefox.openExtensionPage('options.html');
  await opener.evaluate(async (pattern) => {
    const api = (globalThis as unknown as { browser: Api }).browser;
    const [tab] = await api.tabs.query({ url: pattern });
    if (tab?.id === undefined) throw new Error(`No tab at ${pattern}`);
    const button = document.createElement('button');
    button.id = 'e2e-open-toolbar-popup';
    button.textContent = 'Open the toolbar popup';
    button.onclick = () => {
      // Both calls leave within the click (not after an await), so openPopup still counts as the user's action.
      void api.tabs.update(tab.id as number, { active: true });
      api.action.openPopup().then(
        () => button.setAttribute('data-result', 'opened'),
        (error: Error) => button.setAttribute('data-result', `refused: ${error.message}`),
      );
    };
    document.body.prepend(button);
  }, tabUrl);
  await opener.click('#e2e-open-toolbar-popup');
  const text = () =>
    opener.evaluate(() =>
      (globalThis as unknown as { browser: Api }).browser.extension
        .getViews({ type: 'popup' })
        .map((view) => view.document.body.textContent ?? '')
        .join('\n'),
    );
  const result = () => opener.$eval('#e2e-open-toolbar-popup', (b) => b.getAttribute('data-result'));
  await until(text, 'the toolbar popup').catch(async (error) => {
    throw new Error(`${error.message}; openPopup: ${await result()}`);
  });
  return { text, close: () => opener.close() };
}
