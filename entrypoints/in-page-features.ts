/**
 * The in-page features (components/in-page/features) with their manager and the export shortcuts' listener, built as
 * their own script and loaded with `import()` by the content script (entrypoints/intervals.content) only on pages some
 * feature serves, so every other intervals.icu page runs none of this code. It runs in the content script's isolated
 * world and leaves its API on the global the content script reads.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { setupExportShortcuts } from '~/components/in-page/export-actions';
import { createFeatureManager } from '~/components/in-page/feature-manager';
import { FEATURES } from '~/components/in-page/features';
import { FEATURES_GLOBAL, type InPageFeaturesBundle } from '~/components/in-page/features-bundle';

export default defineUnlistedScript(() => {
  const bundle: InPageFeaturesBundle = { createFeatureManager, features: FEATURES, setupExportShortcuts };
  (globalThis as Record<string, unknown>)[FEATURES_GLOBAL] = bundle;
});
