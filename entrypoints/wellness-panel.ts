/**
 * The in-page quick wellness panel, built as its own script and loaded on the first click of the toolbar's "Wellness"
 * button (components/in-page/features/quick-wellness), so every intervals.icu page's content script stays small. It
 * runs in the content script's isolated world and leaves its API on the global the feature reads.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PANEL_GLOBAL } from '~/components/in-page/features/quick-wellness';
import { wellnessPanel } from '~/components/wellness/in-page-panel';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[PANEL_GLOBAL] = wellnessPanel;
});
