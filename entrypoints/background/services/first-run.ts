/** On first install, open the settings page so the user can connect right away. */
import { browser } from 'wxt/browser';

export function setupFirstRun(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
}
