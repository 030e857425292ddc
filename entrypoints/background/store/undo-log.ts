/**
 * The undo log: the last `UNDO_LIMIT` wellness writes that reached intervals.icu, each with the values it replaced
 * (`restore`, built with `undoPatch`: fields that were empty are cleared), so "Undo" can put them back.
 */
import type { WellnessPatch } from '~/lib/wellness';
import { historyLog } from './history';

export const UNDO_LIMIT = 50;

export type WriteKind = 'edit' | 'lock' | 'unlock' | 'bulk-lock' | 'bulk-unlock' | 'undo';

export interface UndoDay {
  date: string;
  /** What was written. */
  patch: WellnessPatch;
  /** What puts the day back: the previous value of every written field, its clear value (-1, "", false) if empty. */
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

const log = historyLog('undo', UNDO_LIMIT);

/** Adds a write and prunes the oldest past the limit; returns its id. */
export const addUndo = (entry: Omit<UndoEntry, 'id'>): Promise<number> => log.add(entry);
/** Newest first, of one athlete. */
export const listUndo = (athleteId: string): Promise<UndoEntry[]> => log.list(athleteId);
export const getUndo = (id: number): Promise<UndoEntry | undefined> => log.get(id);
export const markUndone = (id: number, at: number): Promise<void> => log.markUndone(id, at);
