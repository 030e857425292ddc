/**
 * Loads one of the extension's own on-demand scripts (a web-accessible resource for intervals.icu only) into the
 * content script's isolated world, once, and returns the API it leaves on `globalName`. Keeps code that only some
 * pages or clicks need out of the script every intervals.icu page loads.
 */
import { browser } from 'wxt/browser';

export async function loadPackagedScript<T>(path: string, globalName: string, what: string): Promise<T> {
  const scope = globalThis as Record<string, unknown>;
  if (!scope[globalName]) await import(/* @vite-ignore */ browser.runtime.getURL(path as '/'));
  const api = scope[globalName] as T | undefined;
  if (!api) throw new Error(`${what} did not load.`);
  return api;
}
