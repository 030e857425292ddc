/**
 * The in-page companion on intervals.icu. It tells the background which page the tab shows (so the popup and the
 * shortcuts can act on "this activity") and, on the page kinds some in-page feature serves, loads the features bundle
 * (`in-page-features.js`, once) and lets its manager mount them, following the single-page app's navigation. On every
 * other page it parses the URL and sends that one small message: none of the feature code is loaded there.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { FeatureManager } from '~/components/in-page/feature-manager';
import { SERVED_ROUTES } from '~/components/in-page/features/served-routes';
import { loadFeaturesBundle } from '~/components/in-page/features-bundle';
import { sendMessage } from '~/lib/messages';
import { parseRoute } from '~/lib/routes';

export default defineContentScript({
  matches: ['https://intervals.icu/*'],
  runAt: 'document_idle',
  main(ctx) {
    let manager: FeatureManager | null = null;
    let loading: Promise<FeatureManager | null> | null = null;
    const loadManager = () => {
      loading ??= loadFeaturesBundle().then(
        (bundle) => {
          if (ctx.isInvalid) return null;
          const created = bundle.createFeatureManager({ features: bundle.features, document });
          // The export shortcuts: the background asks this tab to save the activity's CSV (lib/messages.ts
          // TabProtocolMap). It does so only for a tab reported as an activity page, which happens after this.
          ctx.onInvalidated(bundle.setupExportShortcuts());
          ctx.onInvalidated(() => created.destroy());
          manager = created;
          return created;
        },
        () => {
          loading = null; // the page stays as it is; a later navigation tries again
          return null;
        },
      );
      return loading;
    };

    let reported = '';
    const onLocation = async (url: string) => {
      const route = parseRoute(url);
      if (SERVED_ROUTES.includes(route.kind)) void (await loadManager())?.update(url);
      else void manager?.update(url); // unmounts what an earlier page mounted
      const key = JSON.stringify(route);
      if (key !== reported) {
        reported = key;
        // The background may be restarting; the next navigation reports again.
        sendMessage('pageChanged', { route }).catch(() => {});
      }
    };
    // One location at a time, in order: the first served page waits for the bundle, and the background must hear the
    // pages in the order they were shown.
    let queue = Promise.resolve();
    const follow = (url: string) => {
      queue = queue.then(() => onLocation(url));
    };

    follow(location.href);
    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      // Saving a file (`<a download>`, the CSV export) fires a Navigation API "navigate" to its blob: URL, which WXT
      // reports as a location change although the page stays: only https URLs are pages.
      if (event.newUrl.protocol === 'https:') follow(event.newUrl.href);
    });
  },
});
