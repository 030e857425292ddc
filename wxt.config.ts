import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

/**
 * Preact's renderer has one HTML sink, `dom.innerHTML = props.dangerouslySetInnerHTML.__html`, which Mozilla's linter
 * (and so every AMO review) flags as an unsafe assignment. Nothing here renders raw HTML (Biome's
 * `noDangerouslySetInnerHtml` keeps it so), so the build replaces that sink with an error: the shipped code has no
 * path that turns a string into markup. Fails the build if Preact's code no longer has the expected shape.
 */
function preactWithoutHtmlSink(): Plugin {
  const SINK = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
  return {
    name: 'preact-without-html-sink',
    enforce: 'post',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs)$/.test(id)) return null;
      const sinks = code.match(SINK)?.length ?? 0;
      if (sinks !== 1) throw new Error(`${id}: expected one dangerouslySetInnerHTML sink, found ${sinks}`);
      return {
        code: code.replace(SINK, '(()=>{throw Error("dangerouslySetInnerHTML is not supported")})()'),
        map: null,
      };
    },
  };
}

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

  // The AMO sources zip (`wxt zip -b firefox`): the repository's files, from which `npm install && npm run
  // build:firefox` rebuilds the shipped JS byte for byte (`npm run check:sources` proves it). WXT already leaves out
  // node_modules, dotfiles and the output; these are the other .gitignore'd outputs, which hold nothing to build from.
  zip: {
    excludeSources: ['e2e/artifacts/**', 'demo-screenshots/**', 'web-ext-artifacts/**', '**/*.log'],
  },
  vite: () => ({
    plugins: [
      preact({ devToolsEnabled: false, prefreshEnabled: false, reactAliasesEnabled: false }),
      preactWithoutHtmlSink(),
    ],
    build: { sourcemap: process.env.ICU_SOURCEMAP === '1' },
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
    // wellness panel with its stylesheet, and the planned-workout downloads (with the zip writer). None holds data.
    web_accessible_resources: [
      {
        resources: [
          'in-page-features.js',
          'wellness-panel.js',
          'assets/wellness-panel-style.css',
          'workout-downloads.js',
        ],
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
      'download-todays-workout': { description: 'Download today’s planned workout (default format)' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'companion@intervals-icu.extension',
              // 140: first desktop Firefox with the data-collection consent below; every API used is older (README).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android got that consent in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
