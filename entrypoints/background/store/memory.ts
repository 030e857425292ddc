/**
 * What the background last read from or wrote to IndexedDB for a key, kept in memory while its database connection
 * is open, so a read asked again and again (every popup opening reads the key and the cached dashboard) costs no
 * database round trip: those took 10–50 ms while a popup was starting on a busy machine. Only the background opens
 * the database, so the memory and the database cannot disagree. Tied to the connection: a new connection (a restarted
 * worker, a closed database) starts empty, and forgetEverything empties it. Values are copied in and out, so a
 * caller changing what it got cannot change the memory.
 */
import type { CompanionDb } from './db';

const LIMIT = 64;
const memories = new WeakMap<CompanionDb, Map<string, unknown>>();

function memoryOf(db: CompanionDb): Map<string, unknown> {
  let memory = memories.get(db);
  if (!memory) {
    memory = new Map();
    memories.set(db, memory);
  }
  return memory;
}

export function recall<T>(db: CompanionDb, key: string): T | undefined {
  const memory = memoryOf(db);
  if (!memory.has(key)) return undefined;
  const value = memory.get(key);
  memory.delete(key); // most recently used last
  memory.set(key, value);
  return structuredClone(value) as T;
}

export function remember(db: CompanionDb, key: string, value: unknown): void {
  const memory = memoryOf(db);
  memory.delete(key);
  memory.set(key, structuredClone(value));
  if (memory.size > LIMIT) memory.delete(memory.keys().next().value as string);
}

export function forgetRemembered(db: CompanionDb, prefix = ''): void {
  const memory = memoryOf(db);
  for (const key of [...memory.keys()]) if (key.startsWith(prefix)) memory.delete(key);
}
