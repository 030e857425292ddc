/**
 * The in-page companion on intervals.icu. It tells the background which page the tab shows (so the popup and the
 * shortcuts can act on "this activity") and mounts the in-page features that serve the current route, following the
 * single-page app's navigation. On routes no feature serves it only sends that one small message.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { setupExportShortcuts } from '~/components/in-page/export-actions';
import { createFeatureManager } from '~/components/in-page/feature-manager';
import { FEATURES } from '~/components/in-page/features';
import { sendMessage } from '~/lib/messages';
import { parseRoute } from '~/lib/routes';

export default defineContentScript({
  matches: ['https://intervals.icu/*'],
  runAt: 'document_idle',
  main(ctx) {
    const manager = createFeatureManager({ features: FEATURES, document });
    // The export shortcuts: the background asks this tab to save the activity's CSV (lib/messages.ts TabProtocolMap).
    ctx.onInvalidated(setupExportShortcuts());
    let reported = '';

    const onLocation = (url: string) => {
      const route = parseRoute(url);
      const key = JSON.stringify(route);
      if (key !== reported) {
        reported = key;
        // The background may be restarting; the next navigation reports again.
        sendMessage('pageChanged', { route }).catch(() => {});
      }
      void manager.update(url);
    };

    onLocation(location.href);
    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      // Saving a file (`<a download>`, the CSV export) fires a Navigation API "navigate" to its blob: URL, which WXT
      // reports as a location change although the page stays: only https URLs are pages.
      if (event.newUrl.protocol === 'https:') onLocation(event.newUrl.href);
    });
    ctx.onInvalidated(() => manager.destroy());
  },
});
