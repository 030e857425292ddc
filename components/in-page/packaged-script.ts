/**
 * Loads one of the extension's own on-demand scripts (a web-accessible resource for intervals.icu only) into the
 * content script's isolated world, once, and returns the API it leaves on `globalName`. Keeps code that only some
 * pages or clicks need out of the script every intervals.icu page loads.
 */

/**
 * The browser's own `chrome` namespace, which content scripts have in Chrome and in Firefox alike. The URL is built
 * by `chrome.runtime.getURL(…)` written out in the `import()` itself, not by a minified alias of `wxt/browser`: that
 * is the form Mozilla's linter (and an AMO reviewer) can see is the extension's own file, not a remote or computed
 * URL (addons-linter's no-unsanitized rule allows exactly `chrome.runtime.getURL` and `browser.runtime.getURL`).
 */
declare const chrome: { runtime: { getURL(path: string): string } };

export async function loadPackagedScript<T>(path: string, globalName: string, what: string): Promise<T> {
  const scope = globalThis as Record<string, unknown>;
  if (!scope[globalName]) await import(/* @vite-ignore */ chrome.runtime.getURL(path));
  const api = scope[globalName] as T | undefined;
  if (!api) throw new Error(`${what} did not load.`);
  return api;
}
