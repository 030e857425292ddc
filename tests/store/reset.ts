import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeDb } from '../../entrypoints/background/store/db';

/** A fresh browser profile: empty extension storage and an empty IndexedDB. */
export async function freshProfile(): Promise<void> {
  fakeBrowser.reset();
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
}
