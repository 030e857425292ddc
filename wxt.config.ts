import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Chrome gets MV3 (service worker). Firefox gets MV3 too (event page): since Firefox 127 the host permission is
// granted at install, so one manifest shape serves both and `browser.action` is the same everywhere.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  // Parallel local runs may build elsewhere (ICU_OUT_DIR); the build's contents are the same.
  outDir: process.env.ICU_OUT_DIR || '.output',
  manifestVersion: 3,
  // No webextension-polyfill: every context uses the browser's own `browser` (Firefox) or `chrome` (Chrome) through
  // WXT's `wxt/browser`. In MV3 both return promises from every API the extension calls; the one difference that
  // matters, a `runtime.onMessage` listener answering with a promise (Chrome ignores it), is handled by
  // `replyingListener` in lib/messages.ts. Leaving it out saves 2.7 KB gzipped in every script that loads it.
  vite: () => ({
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false, reactAliasesEnabled: false })],
    build: { sourcemap: false },
  }),
  manifest: ({ browser }) => ({
    name: 'Companion for intervals.icu',
    short_name: 'ICU Companion',
    description:
      'VO2max from 5-minute power, CSV export of laps and streams, quick wellness editing and locking for intervals.icu.',
    // alarms: the wellness outbox retries pending edits on a timer that wakes a stopped service worker.
    permissions: ['storage', 'alarms'],
    host_permissions: ['https://intervals.icu/*'],
    action: { default_title: 'Companion for intervals.icu' },
    // Loaded with import() by the content script when needed, which keeps it small: the in-page features (only on
    // the page kinds they serve, with the CSV builder for the export buttons and shortcuts) and the in-page quick
    // wellness panel with its stylesheet. None holds data.
    web_accessible_resources: [
      {
        resources: ['in-page-features.js', 'wellness-panel.js', 'assets/wellness-panel-style.css'],
        matches: ['https://intervals.icu/*'],
      },
    ],
    // Chrome allows at most four suggested keys; the rest are assignable in the browser's shortcut settings.
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+I' },
        description: 'Open the companion popup',
      },
      'export-streams': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Export this activity’s streams as CSV',
      },
      'export-laps': { description: 'Export this activity’s laps as CSV' },
      'quick-wellness': {
        suggested_key: { default: 'Alt+Shift+W' },
        description: 'Quick wellness: edit today’s wellness',
      },
      'lock-today': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Lock today’s wellness (device syncs stop overwriting it)',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'companion@intervals-icu.extension',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
