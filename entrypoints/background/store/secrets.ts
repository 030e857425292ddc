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

const API_KEY = 'apiKey';

export async function loadApiKey(): Promise<string | null> {
  const db = await getDb();
  return (await db.get('secrets', API_KEY)) ?? null;
}

export async function saveApiKey(apiKey: string): Promise<void> {
  const db = await getDb();
  await db.put('secrets', apiKey, API_KEY);
}
