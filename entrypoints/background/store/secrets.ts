/**
 * Where the API key lives: the `secrets` store of the extension's IndexedDB, read only by the background.
 *
 * Not `storage.local`: content scripts can read `storage.local` in both Chrome and Firefox (Chrome's
 * `setAccessLevel` can hide `storage.session` from them, but not `local`), and a content script runs inside
 * intervals.icu's pages. IndexedDB belongs to an origin, and a content script's IndexedDB is the page's origin
 * (https://intervals.icu), so it cannot open the extension origin's database where the key is. Nothing ever sends
 * the key back out of the background.
 */
import { getDb } from './db';
import { recall, remember } from './memory';

const API_KEY = 'apiKey';

/** Where the key is kept in memory besides the database (store/memory.ts): every request and popup opening reads it. */
const MEMORY_KEY = 'secret:apiKey';

export async function loadApiKey(): Promise<string | null> {
  const db = await getDb();
  const remembered = recall<string>(db, MEMORY_KEY);
  if (remembered !== undefined) return remembered;
  const key = (await db.get('secrets', API_KEY)) ?? null;
  if (key !== null) remember(db, MEMORY_KEY, key);
  return key;
}

export async function saveApiKey(apiKey: string): Promise<void> {
  const db = await getDb();
  await db.put('secrets', apiKey, API_KEY);
  remember(db, MEMORY_KEY, apiKey);
}
