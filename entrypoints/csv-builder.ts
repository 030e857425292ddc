/**
 * CSV building for the content script, built as its own script and loaded with `import()` on the first export from
 * an intervals.icu page (components/in-page/export-actions.ts), so the content script every intervals.icu page loads
 * stays small. It runs in the content script's isolated world, holds no data, and leaves its API on the global the
 * content script reads.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { buildActivityFiles } from '~/lib/export/build';
import { CSV_BUILDER_GLOBAL, type CsvBuilder } from '~/lib/export/builder-global';

export default defineUnlistedScript(() => {
  const builder: CsvBuilder = { buildActivityFiles };
  (globalThis as Record<string, unknown>)[CSV_BUILDER_GLOBAL] = builder;
});
