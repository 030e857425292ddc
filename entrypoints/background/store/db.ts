/**
 * The extension's one IndexedDB database. It lives in the extension's origin, so only the background and extension
 * pages can open it — never a content script (those run in the page's origin).
 *
 * Schema changes go through `MIGRATIONS`: entry i upgrades version i to i + 1, and `upgrade` runs every step from the
 * stored version to `DB_VERSION`, so a browser that skipped releases still gets each step in order. Never edit a
 * shipped step; add a new one (and a test that opens the previous version's data).
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { SettingsChange } from './settings-history';
import type { UndoEntry } from './undo-log';
import type { OutboxEntry } from './wellness-outbox';

export const DB_NAME = 'icu-companion';

/** A cached API answer. `fetchedAt` is epoch ms. */
export interface CacheEntry<T = unknown> {
  key: string;
  value: T;
  fetchedAt: number;
}

export interface CompanionSchema extends DBSchema {
  /** Cached API responses, keyed by a string naming the request (e.g. "dashboard:i123"). */
  cache: { key: string; value: CacheEntry };
  /** Secrets by name, out-of-line keys (e.g. "apiKey" → the key). */
  secrets: { key: string; value: string };
  /** v2: wellness edits not yet confirmed by intervals.icu, one per athlete and day (see wellness-outbox.ts). */
  outbox: { key: [string, string]; value: OutboxEntry };
  /** v2: the last wellness writes with the values they replaced, newest = highest id (see undo-log.ts). */
  undo: { key: number; value: UndoEntry };
  /** v3: the last sport settings changes with the values they replaced (see settings-history.ts). */
  settingsHistory: { key: number; value: SettingsChange };
}

export type CompanionDb = IDBPDatabase<CompanionSchema>;
type UpgradeTransaction = IDBPTransaction<CompanionSchema, StoreNames<CompanionSchema>[], 'versionchange'>;
type Migration = (db: CompanionDb, transaction: UpgradeTransaction) => void;

export const MIGRATIONS: readonly Migration[] = [
  // v0 → v1: the response cache and the secrets store.
  (db) => {
    db.createObjectStore('cache', { keyPath: 'key' });
    db.createObjectStore('secrets');
  },
  // v1 → v2: the wellness outbox (keyed by [athleteId, day]) and the undo log (auto-numbered, oldest pruned).
  (db) => {
    db.createObjectStore('outbox', { keyPath: ['athleteId', 'date'] });
    db.createObjectStore('undo', { keyPath: 'id', autoIncrement: true });
  },
  // v2 → v3: the training settings history (auto-numbered, oldest pruned).
  (db) => {
    db.createObjectStore('settingsHistory', { keyPath: 'id', autoIncrement: true });
  },
];

export const DB_VERSION = MIGRATIONS.length;

export function upgrade(
  db: CompanionDb,
  oldVersion: number,
  transaction: UpgradeTransaction,
  targetVersion = DB_VERSION,
): void {
  for (let version = oldVersion; version < targetVersion; version++) MIGRATIONS[version]?.(db, transaction);
}

/** Opens the database at `version` (the current one unless a migration test asks for an older one). */
export function openDatabase(version = DB_VERSION): Promise<CompanionDb> {
  return openDB<CompanionSchema>(DB_NAME, version, {
    upgrade: (db, oldVersion, _newVersion, transaction) => upgrade(db, oldVersion, transaction, version),
  });
}

let connection: Promise<CompanionDb> | null = null;

/** The shared connection, opened on first use. */
export function getDb(): Promise<CompanionDb> {
  if (!connection) {
    const opening = openDB<CompanionSchema>(DB_NAME, DB_VERSION, {
      upgrade: (db, oldVersion, _newVersion, transaction) => upgrade(db, oldVersion, transaction),
      // A newer version of the extension (another of its pages) wants to upgrade: step aside.
      blocking: () => closeDb(),
      terminated: () => {
        connection = null;
      },
    });
    connection = opening;
    opening.catch(() => {
      if (connection === opening) connection = null; // let the next call try again
    });
  }
  return connection;
}

export async function closeDb(): Promise<void> {
  const current = connection;
  connection = null;
  if (current) (await current.catch(() => null))?.close();
}
