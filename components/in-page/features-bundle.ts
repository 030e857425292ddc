/**
 * The handshake between the always-loaded content script (entrypoints/intervals.content) and the in-page features
 * bundle (entrypoints/in-page-features.ts, built on its own): the script's path and the global of the content
 * script's isolated world it leaves its API on. Only types from the feature code here, so the content script that
 * every intervals.icu page loads carries none of it.
 */
import type { setupExportShortcuts } from './export-actions';
import type { InPageFeature } from './feature';
import type { createFeatureManager } from './feature-manager';
import { loadPackagedScript } from './packaged-script';

export const FEATURES_GLOBAL = '__icuCompanionInPageFeatures';
export const FEATURES_SCRIPT = '/in-page-features.js';

export interface InPageFeaturesBundle {
  createFeatureManager: typeof createFeatureManager;
  features: readonly InPageFeature[];
  /** Answers the background's `downloadActivityCsv` (the export shortcuts); returns the removal. */
  setupExportShortcuts: typeof setupExportShortcuts;
}

/** Loads in-page-features.js into this isolated world once (a web-accessible resource for intervals.icu only). */
export function loadFeaturesBundle(): Promise<InPageFeaturesBundle> {
  return loadPackagedScript(FEATURES_SCRIPT, FEATURES_GLOBAL, 'The in-page features');
}
