/**
 * Shared set-up for the real-browser tests: the stand-in over HTTPS and Chromium with the built extension, with
 * https://intervals.icu routed to the stand-in. Each test file gets a fresh profile and a fresh stand-in.
 */
import type { Page } from 'playwright-core';
import { createFakeIcu, type FakeIcu } from '../dev/fake-icu';
import { type ExtensionBrowser, launchExtensionBrowser } from '../dev/launch-chromium';

export const GOOD_KEY = 'e2e0good0key0for0the0stand0in';

export interface Harness {
  standIn: FakeIcu;
  browser: ExtensionBrowser;
  close(): Promise<void>;
}

export async function startHarness(options: { rateLimit?: boolean } = {}): Promise<Harness> {
  const standIn = await createFakeIcu({ key: GOOD_KEY, port: 0, tls: true, rateLimit: options.rateLimit ?? true });
  const browser = await launchExtensionBrowser({ standInPort: standIn.port });
  return {
    standIn,
    browser,
    async close() {
      await browser.close();
      await standIn.close();
    },
  };
}

/** Connects the way a user does: the options page, the key, "Check connection". */
export async function connectThroughOptions(browser: ExtensionBrowser, key = GOOD_KEY): Promise<Page> {
  const options = await browser.openExtensionPage('options.html');
  await options.getByLabel('API key', { exact: true }).fill(key);
  await options.getByRole('button', { name: 'Check connection' }).click();
  return options;
}

/** Connects with the good key and waits until the options page confirms it: the set-up most test files start from. */
export async function connect(browser: ExtensionBrowser): Promise<void> {
  const options = await connectThroughOptions(browser);
  await options.getByText('Connected as').waitFor();
  await options.close();
}

export async function openPopup(browser: ExtensionBrowser): Promise<Page> {
  return browser.openExtensionPage('popup.html', { width: 360, height: 600 });
}
