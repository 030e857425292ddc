/**
 * Which intervals.icu page each tab shows, as its content script reports it. Kept in `storage.session` (trusted
 * contexts only, survives the service worker being stopped, cleared with the browser session), so the popup and the
 * keyboard shortcuts can act on "the activity in this tab" without the `tabs` permission.
 */
import { type Browser, browser } from 'wxt/browser';
import type { Route } from '~/lib/routes';
import { defineItem } from '~/lib/storage-item';

const tabPages = defineItem<Record<string, Route>>('session:tabPages', { fallback: {} });

export async function rememberTabPage(sender: Browser.runtime.MessageSender, route: Route): Promise<null> {
  const tabId = sender.tab?.id;
  // Only the top frame speaks for the tab.
  if (tabId === undefined || (sender.frameId !== undefined && sender.frameId !== 0)) return null;
  const pages = await tabPages.getValue();
  pages[String(tabId)] = route;
  await tabPages.setValue(pages);
  return null;
}

export async function getTabPage(tabId: number): Promise<Route | null> {
  return (await tabPages.getValue())[String(tabId)] ?? null;
}

async function forgetTab(tabId: number): Promise<void> {
  const pages = await tabPages.getValue();
  if (!(String(tabId) in pages)) return;
  delete pages[String(tabId)];
  await tabPages.setValue(pages);
}

/** Registered synchronously by the background's main. */
export function setupTabPages(): void {
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
}
