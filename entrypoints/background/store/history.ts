/**
 * A bounded, newest-first log of writes that can be undone, in one auto-numbered object store: ids only grow, so the
 * oldest entries are the lowest ids and are pruned in the same transaction that adds a new one. The wellness undo log
 * (undo-log.ts) and the training settings history (settings-history.ts) are two of these.
 */
import type { StoreNames, StoreValue } from 'idb';
import { type CompanionSchema, getDb } from './db';

type HistoryStore = 'undo' | 'settingsHistory';
type Entry<S extends HistoryStore> = StoreValue<CompanionSchema, S>;

export interface HistoryLog<T extends { id?: number; athleteId: string; undoneAt: number | null }> {
  /** Adds an entry and prunes the oldest past the limit; returns its id. */
  add(entry: Omit<T, 'id'>): Promise<number>;
  /** Newest first, of one athlete. */
  list(athleteId: string): Promise<T[]>;
  get(id: number): Promise<T | undefined>;
  markUndone(id: number, at: number): Promise<void>;
}

export function historyLog<S extends HistoryStore & StoreNames<CompanionSchema>>(
  store: S,
  limit: number,
): HistoryLog<Entry<S>> {
  return {
    async add(entry) {
      const db = await getDb();
      const tx = db.transaction(store, 'readwrite');
      const id = (await tx.store.add(entry as Entry<S>)) as number;
      let excess = (await tx.store.count()) - limit;
      let cursor = excess > 0 ? await tx.store.openCursor() : null;
      while (cursor && excess > 0) {
        await cursor.delete();
        excess--;
        cursor = await cursor.continue();
      }
      await tx.done;
      return id;
    },
    async list(athleteId) {
      const db = await getDb();
      const all = (await db.getAll(store)) as Entry<S>[];
      return all.filter((e) => e.athleteId === athleteId).reverse();
    },
    async get(id) {
      const db = await getDb();
      return (await db.get(store, id)) as Entry<S> | undefined;
    },
    async markUndone(id, at) {
      const db = await getDb();
      const tx = db.transaction(store, 'readwrite');
      const entry = (await tx.store.get(id)) as Entry<S> | undefined;
      if (entry) await tx.store.put({ ...entry, undoneAt: at });
      await tx.done;
    },
  };
}
