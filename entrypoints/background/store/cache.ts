/**
 * Cached API answers in IndexedDB: plain get/put, `refresh` (fetch and store), and `readThrough`, which answers from
 * the cache while it is fresh enough, else fetches and stores. Concurrent fetches of one key share a single request.
 * Entries read or written are also kept in memory while the connection is open (store/memory.ts).
 */
import { type CacheEntry, getDb } from './db';
import { forgetRemembered, recall, remember } from './memory';

export type { CacheEntry };

/** One wellness day as last read from intervals.icu: the editor's, the dashboard's and the outbox's source of truth. */
export const wellnessDayCacheKey = (athleteId: string, date: string) => `wellness-day:${athleteId}:${date}`;

/** Where an entry is kept in memory (store/memory.ts) besides the database. */
const MEMORY_PREFIX = 'cache:';

export async function getCached<T>(key: string): Promise<CacheEntry<T> | undefined> {
  const db = await getDb();
  const remembered = recall<CacheEntry<T>>(db, MEMORY_PREFIX + key);
  if (remembered) return remembered;
  const entry = (await db.get('cache', key)) as CacheEntry<T> | undefined;
  if (entry) remember(db, MEMORY_PREFIX + key, entry);
  return entry;
}

export async function putCached<T>(key: string, value: T, fetchedAt = Date.now()): Promise<CacheEntry<T>> {
  const entry: CacheEntry<T> = { key, value, fetchedAt };
  const db = await getDb();
  await db.put('cache', entry);
  remember(db, MEMORY_PREFIX + key, entry);
  return entry;
}

export async function clearCache(): Promise<void> {
  const db = await getDb();
  await db.clear('cache');
  forgetRemembered(db, MEMORY_PREFIX);
}

export interface Freshness {
  /** Entries younger than this are used without asking the network. */
  maxAgeMs: number;
  now?: () => number;
}

export function isFresh(entry: CacheEntry, { maxAgeMs, now = Date.now }: Freshness): boolean {
  const age = now() - entry.fetchedAt;
  return age >= 0 && age < maxAgeMs;
}

const inFlight = new Map<string, Promise<CacheEntry<unknown>>>();

/** Fetches and stores `key`; callers asking for a key that is already being fetched share that fetch. */
export function refresh<T>(key: string, fetch: () => Promise<T>, now: () => number = Date.now): Promise<CacheEntry<T>> {
  const running = inFlight.get(key);
  if (running) return running as Promise<CacheEntry<T>>;
  const started = (async () => putCached(key, await fetch(), now()))().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}

/** The cached entry if fresh, else a fetched one (stored before it is returned). Fetch errors reach the caller. */
export async function readThrough<T>(
  key: string,
  fetch: () => Promise<T>,
  freshness: Freshness,
): Promise<CacheEntry<T>> {
  const cached = await getCached<T>(key);
  if (cached && isFresh(cached, freshness)) return cached;
  return refresh(key, fetch, freshness.now);
}
