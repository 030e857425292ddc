/**
 * Cached API answers in IndexedDB: plain get/put, and two read patterns. `readThrough` answers from the cache while it
 * is fresh enough, else fetches and stores. `staleWhileRevalidate` answers at once with whatever is cached and, when it
 * is stale, fetches a fresh copy in the background. Concurrent fetches of one key share a single request.
 */
import { type CacheEntry, getDb } from './db';

export type { CacheEntry };

export async function getCached<T>(key: string): Promise<CacheEntry<T> | undefined> {
  const db = await getDb();
  return (await db.get('cache', key)) as CacheEntry<T> | undefined;
}

export async function putCached<T>(key: string, value: T, fetchedAt = Date.now()): Promise<CacheEntry<T>> {
  const entry: CacheEntry<T> = { key, value, fetchedAt };
  const db = await getDb();
  await db.put('cache', entry);
  return entry;
}

export async function deleteCached(key: string): Promise<void> {
  const db = await getDb();
  await db.delete('cache', key);
}

export async function clearCache(): Promise<void> {
  const db = await getDb();
  await db.clear('cache');
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

export interface StaleWhileRevalidate<T> {
  /** What the cache held, fresh or not (undefined on a miss). */
  cached: CacheEntry<T> | undefined;
  /** The background fetch when the entry was missing or stale, else null. Its failure leaves the cache as it was. */
  revalidation: Promise<CacheEntry<T>> | null;
}

export async function staleWhileRevalidate<T>(
  key: string,
  fetch: () => Promise<T>,
  freshness: Freshness,
): Promise<StaleWhileRevalidate<T>> {
  const cached = await getCached<T>(key);
  if (cached && isFresh(cached, freshness)) return { cached, revalidation: null };
  return { cached, revalidation: refresh(key, fetch, freshness.now) };
}
