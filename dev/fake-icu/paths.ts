/** Where the stand-in finds its inputs and keeps its cache, relative to the repository root. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The six real recordings and reference.json (`../shared/fixtures/activities`, or $FAKE_ICU_FIXTURES). */
export const FIXTURES_DIR = process.env.FAKE_ICU_FIXTURES ?? resolve(REPO_ROOT, '../shared/fixtures/activities');

/** The intervals.icu OpenAPI spec (`../shared/intervals-openapi/openapi.json`, or $FAKE_ICU_OPENAPI). */
export const OPENAPI_PATH =
  process.env.FAKE_ICU_OPENAPI ?? resolve(REPO_ROOT, '../shared/intervals-openapi/openapi.json');

/** Generated TLS certificate cache (gitignored). */
export const CERT_CACHE_DIR = resolve(REPO_ROOT, '.cache/fake-icu-cert');
