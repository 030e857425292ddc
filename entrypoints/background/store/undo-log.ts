/**
 * The undo log: the last `UNDO_LIMIT` wellness writes that reached intervals.icu, each with the values it replaced
 * (`restore`, built with `undoPatch`: fields that were empty are cleared), so "Undo" can put them back. Ids only grow,
 * so the oldest entries are the lowest ids and are pruned in the same transaction that adds a new one.
 */
import type { WellnessPatch } from '~/lib/wellness';
import { getDb } from './db';

export const UNDO_LIMIT = 50;

export type WriteKind = 'edit' | 'lock' | 'unlock' | 'bulk-lock' | 'bulk-unlock' | 'undo';

export interface UndoDay {
  date: string;
  /** What was written. */
  patch: WellnessPatch;
  /** What puts the day back: the previous value of every written field, null (or false for `locked`) if empty. */
  restore: WellnessPatch;
}

export interface UndoEntry {
  /** Set by the store. */
  id?: number;
  athleteId: string;
  /** Epoch ms the write was confirmed. */
  at: number;
  kind: WriteKind;
  days: UndoDay[];
  /** When it was undone (the undo is queued or sent), else null. */
  undoneAt: number | null;
}

/** Adds a write and prunes the oldest past the limit; returns its id. */
export async function addUndo(entry: Omit<UndoEntry, 'id'>, limit = UNDO_LIMIT): Promise<number> {
  const db = await getDb();
  const tx = db.transaction('undo', 'readwrite');
  const id = (await tx.store.add(entry as UndoEntry)) as number;
  let excess = (await tx.store.count()) - limit;
  let cursor = excess > 0 ? await tx.store.openCursor() : null;
  while (cursor && excess > 0) {
    await cursor.delete();
    excess--;
    cursor = await cursor.continue();
  }
  await tx.done;
  return id;
}

/** Newest first, of one athlete. */
export async function listUndo(athleteId: string): Promise<UndoEntry[]> {
  const db = await getDb();
  const all = await db.getAll('undo');
  return all.filter((e) => e.athleteId === athleteId).reverse();
}

export async function getUndo(id: number): Promise<UndoEntry | undefined> {
  const db = await getDb();
  return db.get('undo', id);
}

export async function markUndone(id: number, at: number): Promise<void> {
  const db = await getDb();
  const tx = db.transaction('undo', 'readwrite');
  const entry = await tx.store.get(id);
  if (entry) await tx.store.put({ ...entry, undoneAt: at });
  await tx.done;
}
