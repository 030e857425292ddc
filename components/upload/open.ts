/** Opens the Upload page in a tab (the popup, the options and the bulk export page link to it). */
import { browser } from 'wxt/browser';

export const uploadPageUrl = (): string => browser.runtime.getURL('/upload.html');

export function openUploadPage(): Promise<unknown> {
  return browser.tabs.create({ url: uploadPageUrl() });
}
