/**
 * Starts Debian's Firefox ESR with the built Firefox add-on (`.output/firefox-mv3`), driven by puppeteer-core over
 * WebDriver BiDi, with https://intervals.icu resolved to the loopback stand-in. Used by the Firefox end-to-end tests.
 * As with Chromium, the build is the shipped one: the routing happens in the browser, never in the add-on's code.
 *
 * - `network.dns.localDomains` sends intervals.icu to 127.0.0.1; Firefox has no host-to-port mapping, so the stand-in
 *   must listen on port 443 (see e2e/firefox/fixtures.ts). Its self-signed certificate is accepted with the
 *   session's `acceptInsecureCerts`.
 * - `--remote-allow-system-access` lets WebDriver BiDi open `moz-extension:` pages; the pref
 *   `extensions.webextensions.uuids` pins the add-on's internal UUID, so the pages' URLs are known before start.
 * - Downloads land in `downloadDir` without a dialog.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_BUILD = resolve(process.env.ICU_OUT_DIR || '.output', 'firefox-mv3');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'companion@intervals-icu.extension';

export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path)) {
    throw new Error(`Firefox not found at ${path}. Install Debian's package: apt-get install -y firefox-esr`);
  }
  return path;
}

export interface FirefoxLaunchOptions {
  extensionPath?: string;
  headless?: boolean;
  /** Where downloads land (default: a fresh temporary folder, removed on close). */
  downloadDir?: string;
  /** Milliseconds of idleness after which Firefox unloads the add-on's event page (Firefox's default: 30 s). */
  backgroundIdleTimeout?: number;
  /** More prefs. */
  prefs?: Record<string, unknown>;
  /**
   * `temporary` (default): `browser.installExtension`, as about:debugging's "Load Temporary Add-on" does; Firefox
   * removes it when it quits. `permanent`: the build packed as an .xpi into the profile's extensions folder, installed
   * like an add-on from AMO and kept across restarts (`restart()`); an unsigned .xpi installs only where
   * `xpinstall.signatures.required` can be off, as in ESR.
   */
  install?: 'temporary' | 'permanent';
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** The add-on's internal UUID: its pages are at moz-extension://<uuid>/. */
  uuid: string;
  origin: string;
  downloadDir: string;
  /** Opens an extension page such as `popup.html` or `options.html` in a tab. */
  openExtensionPage(path: string, options?: { width?: number; height?: number }): Promise<Page>;
  newPage(): Promise<Page>;
  /** Quits Firefox and starts it again on the same profile (a `permanent` install only). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Navigates to a `moz-extension:` page. Firefox loads it (in the extension process), but puppeteer's `goto` never
 * hears that navigation finish over BiDi, so this starts it and waits for the document itself to be complete.
 */
export async function gotoExtensionPage(page: Page, url: string, timeout = 15_000): Promise<void> {
  page.goto(url, { timeout }).catch(() => {}); // settles only with "Frame detached" or a timeout
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await page.evaluate(() => `${document.readyState} ${location.href}`).catch(() => '');
    if (state === `complete ${url}`) return;
    if (Date.now() > deadline) throw new Error(`${url} did not load (last seen: ${state || 'nothing'})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every file under `dir`, by its path from `dir` with forward slashes (what a zip of the folder holds). */
export function filesUnder(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path).split('\\').join('/')] = readFileSync(path);
    }
  };
  walk(dir);
  return files;
}

/** The build as an .xpi (a zip of the folder), as `wxt zip` packs it. */
function packXpi(dir: string): Uint8Array {
  return zipSync(filesUnder(dir));
}

export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions = {}): Promise<FirefoxExtensionBrowser> {
  const extensionPath = options.extensionPath ?? FIREFOX_BUILD;
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${extensionPath}: run "npm run build:firefox" first.`);
  }
  const permanent = options.install === 'permanent';
  const uuid = crypto.randomUUID();
  const temporaryDownloads = options.downloadDir ? null : mkdtempSync(join(tmpdir(), 'icu-companion-ff-downloads-'));
  const downloadDir = options.downloadDir ?? (temporaryDownloads as string);
  const profile = permanent ? mkdtempSync(join(tmpdir(), 'icu-companion-ff-profile-')) : null;
  if (profile) {
    mkdirSync(join(profile, 'extensions'));
    writeFileSync(join(profile, 'extensions', `${GECKO_ID}.xpi`), packXpi(extensionPath));
  }
  const launch = () =>
    puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: options.headless ?? true,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1280, height: 800 },
      args: ['--remote-allow-system-access'],
      ...(profile ? { userDataDir: profile } : {}),
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        'network.dns.localDomains': 'intervals.icu',
        // Nothing else leaves the machine.
        'network.dns.disablePrefetch': true,
        'network.trr.mode': 5,
        'browser.download.folderList': 2,
        'browser.download.dir': downloadDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        // Firefox opens its downloads panel after a download, and no other panel (the add-on's popup) opens meanwhile.
        'browser.download.alwaysOpenPanel': false,
        // An unsigned add-on in the profile (ESR honours this; release Firefox does not).
        ...(permanent ? { 'xpinstall.signatures.required': false } : {}),
        ...(options.backgroundIdleTimeout !== undefined
          ? { 'extensions.background.idle.timeout': options.backgroundIdleTimeout }
          : {}),
        ...options.prefs,
      },
    });
  let browser = await launch();
  if (!permanent) {
    const id = await browser.installExtension(extensionPath);
    if (id !== GECKO_ID) throw new Error(`Installed add-on ${id}, expected ${GECKO_ID}`);
  }
  const origin = `moz-extension://${uuid}`;
  const handle: FirefoxExtensionBrowser = {
    browser,
    uuid,
    origin,
    downloadDir,
    async openExtensionPage(path, size) {
      const page = await browser.newPage();
      if (size) await page.setViewport({ width: size.width ?? 400, height: size.height ?? 600 });
      await gotoExtensionPage(page, `${origin}/${path}`);
      return page;
    },
    newPage: () => browser.newPage(),
    async restart() {
      if (!permanent) throw new Error('restart() needs install: "permanent" (Firefox drops temporary add-ons on quit)');
      await browser.close();
      browser = await launch();
      handle.browser = browser;
    },
    async close() {
      await browser.close().catch(() => {});
      if (temporaryDownloads) rmSync(temporaryDownloads, { recursive: true, force: true });
      if (profile) rmSync(profile, { recursive: true, force: true });
    },
  };
  return handle;
}
