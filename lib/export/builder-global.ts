/**
 * The handshake between entrypoints/csv-builder.ts (built on its own, loaded on demand) and the content script: the
 * global the builder leaves its API on. Kept apart from build.ts so the content script imports none of the CSV code.
 */
import type { buildActivityFiles } from './build';

export const CSV_BUILDER_GLOBAL = '__icuCompanionCsvBuilder';

export interface CsvBuilder {
  buildActivityFiles: typeof buildActivityFiles;
}
