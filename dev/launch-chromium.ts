/**
 * Starts Debian's Chromium with the built extension, with https://intervals.icu routed to the local stand-in.
 * Used by the end-to-end tests and the demo. The build itself is the shipped one: the routing happens in the
 * browser (`--host-resolver-rules` + the stand-in's self-signed certificate), never in the extension's code.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const CHROME_BUILD = resolve(process.env.ICU_OUT_DIR || '.output', 'chrome-mv3');

export interface LaunchOptions {
  /** Port of the stand-in serving HTTPS on 127.0.0.1. */
  standInPort: number;
  headless?: boolean;
  /** Keep the profile in this folder (the demo); default: a fresh temporary profile. */
  userDataDir?: string;
  colorScheme?: 'light' | 'dark';
  extensionPath?: string;
  /** More Chromium flags. */
  extraArgs?: string[];
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's background service worker (re-resolved if Chromium restarted it). */
  serviceWorker(): Promise<Worker>;
  /** Opens an extension page such as `popup.html` or `options.html` in a tab. */
  openExtensionPage(path: string, options?: { width?: number; height?: number }): Promise<Page>;
  /**
   * Opens the real toolbar popup (as a click on the icon would, for the active tab) and returns it. Playwright does
   * not attach to extension popups, so this reaches it over a second CDP connection on a loopback debugging port.
   * `path` is the page the popup shows (`popup.html` unless the harness pointed `action.setPopup` elsewhere).
   */
  /** Opens the toolbar popup (or, `alreadyOpen`, finds the one the extension opened itself) and returns its page. */
  openToolbarPopup(path?: string, options?: { alreadyOpen?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}. Install Debian's package: apt-get install -y chromium`);
  }
  return path;
}

/** Flags that route https://intervals.icu to the stand-in and keep Chromium off the network. */
export function standInArgs(standInPort: number): string[] {
  return [
    `--host-resolver-rules=MAP intervals.icu 127.0.0.1:${standInPort}`,
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export async function launchExtensionBrowser(options: LaunchOptions): Promise<ExtensionBrowser> {
  const extensionPath = options.extensionPath ?? CHROME_BUILD;
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No extension build at ${extensionPath}: run "npm run build" first.`);
  }
  const temporaryProfile = options.userDataDir ? null : mkdtempSync(join(tmpdir(), 'icu-companion-profile-'));
  const profile = options.userDataDir ?? (temporaryProfile as string);
  const context = await chromium.launchPersistentContext(profile, {
    channel: 'chromium', // new headless mode, which loads extensions
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0', // for openToolbarPopup; Chromium writes the port into the profile
      ...standInArgs(options.standInPort),
      ...(options.extraArgs ?? []),
    ],
  });

  const findWorker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  };
  const worker = await findWorker();
  const extensionId = new URL(worker.url()).host;

  let debugConnection: Browser | null = null;
  const openToolbarPopup = async (path = 'popup.html', { alreadyOpen = false } = {}): Promise<Page> => {
    const worker = await findWorker();
    if (!alreadyOpen) {
      await worker.evaluate(() =>
        (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup(),
      );
    }
    const popupUrl = `chrome-extension://${extensionId}/${path}`;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      // A fresh connection lists the popup (an existing one is not told about it).
      await debugConnection?.close().catch(() => {});
      const port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
      debugConnection = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      const candidates = debugConnection
        .contexts()
        .flatMap((c) => c.pages())
        .filter((p) => p.url().startsWith(popupUrl));
      for (const candidate of candidates) {
        // popup.html may also be open in tabs; only the toolbar popup has no tab of its own.
        const inTab = await candidate.evaluate(async () => {
          const tabs = (globalThis as unknown as { chrome: { tabs: { getCurrent(): Promise<unknown> } } }).chrome.tabs;
          return (await tabs.getCurrent()) !== undefined;
        });
        if (!inTab) return candidate;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('The toolbar popup did not open.');
  };

  return {
    context,
    extensionId,
    openToolbarPopup,
    serviceWorker: findWorker,
    async openExtensionPage(path, size) {
      const page = await context.newPage();
      if (size) await page.setViewportSize({ width: size.width ?? 400, height: size.height ?? 600 });
      const url = `chrome-extension://${extensionId}/${path}`;
      // On a fresh profile the extension's first run opens the options page itself, which can land in this very tab
      // while it navigates ("interrupted by another navigation"): let that settle, then go again if needed.
      for (let attempt = 1; ; attempt++) {
        try {
          await page.goto(url);
          return page;
        } catch (error) {
          if (attempt === 3 || !/interrupted by another navigation/.test(String(error))) throw error;
          await page.waitForLoadState().catch(() => {});
          if (page.url() === url) return page;
        }
      }
    },
    async close() {
      await debugConnection?.close().catch(() => {});
      await context.close();
      if (temporaryProfile) rmSync(temporaryProfile, { recursive: true, force: true });
    },
  };
}
