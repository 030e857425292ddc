/**
 * Starts Debian's Chromium with the built extension, with https://intervals.icu routed to the local stand-in.
 * Used by the end-to-end tests and the demo. The build itself is the shipped one: the routing happens in the
 * browser (`--host-resolver-rules` + the stand-in's self-signed certificate), never in the extension's code.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const CHROME_BUILD = resolve(process.env.ICU_OUT_DIR || '.output', 'chrome-mv3');

export interface LaunchOptions {
  /** Port of the stand-in serving HTTPS on 127.0.0.1. */
  standInPort: number;
  headless?: boolean;
  /** Keep the profile in this folder (the demo); default: a fresh temporary profile. */
  userDataDir?: string;
  colorScheme?: 'light' | 'dark';
  extensionPath?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's background service worker (re-resolved if Chromium restarted it). */
  serviceWorker(): Promise<Worker>;
  /** Opens an extension page such as `popup.html` or `options.html` in a tab. */
  openExtensionPage(path: string, options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}. Install Debian's package: apt-get install -y chromium`);
  }
  return path;
}

export async function launchExtensionBrowser(options: LaunchOptions): Promise<ExtensionBrowser> {
  const extensionPath = options.extensionPath ?? CHROME_BUILD;
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No extension build at ${extensionPath}: run "npm run build" first.`);
  }
  const temporaryProfile = options.userDataDir ? null : mkdtempSync(join(tmpdir(), 'icu-companion-profile-'));
  const context = await chromium.launchPersistentContext(options.userDataDir ?? (temporaryProfile as string), {
    channel: 'chromium', // new headless mode, which loads extensions
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      `--host-resolver-rules=MAP intervals.icu 127.0.0.1:${options.standInPort}`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const findWorker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  };
  const worker = await findWorker();
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    extensionId,
    serviceWorker: findWorker,
    async openExtensionPage(path, size) {
      const page = await context.newPage();
      if (size) await page.setViewportSize({ width: size.width ?? 400, height: size.height ?? 600 });
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      if (temporaryProfile) rmSync(temporaryProfile, { recursive: true, force: true });
    },
  };
}
