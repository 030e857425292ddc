import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clearCache, getCached, putCached, readThrough, refresh } from '../../entrypoints/background/store/cache';
import { closeDb } from '../../entrypoints/background/store/db';
import { freshProfile } from './reset';

describe('the cache', () => {
  beforeEach(freshProfile);

  it('puts, gets and clears', async () => {
    await putCached('a', { n: 1 }, 100);
    await putCached('b', [1, 2], 200);
    expect(await getCached('a')).toEqual({ key: 'a', value: { n: 1 }, fetchedAt: 100 });
    await clearCache();
    expect(await getCached('a')).toBeUndefined();
    expect(await getCached('b')).toBeUndefined();
  });

  it('keeps what it read or wrote in memory while the connection is open, as copies', async () => {
    await putCached('a', { n: 1 }, 100);
    const read = vi.spyOn(IDBObjectStore.prototype, 'get');
    const first = await getCached<{ n: number }>('a');
    expect(first?.value).toEqual({ n: 1 });
    expect(read).not.toHaveBeenCalled(); // written a moment ago: from memory
    if (first) first.value.n = 99; // a caller changing its copy changes nothing
    expect((await getCached('a'))?.value).toEqual({ n: 1 });

    await closeDb(); // a new connection (e.g. a restarted worker) starts with no memory and reads the database
    expect((await getCached('a'))?.value).toEqual({ n: 1 });
    expect(read).toHaveBeenCalledTimes(1);
    expect((await getCached('a'))?.value).toEqual({ n: 1 });
    expect(read).toHaveBeenCalledTimes(1);
    read.mockRestore();
  });

  describe('readThrough', () => {
    it('answers from a fresh entry without fetching', async () => {
      await putCached('k', 'cached', 1_000);
      const fetch = vi.fn(async () => 'fetched');
      const entry = await readThrough('k', fetch, { maxAgeMs: 60_000, now: () => 30_000 });
      expect(entry.value).toBe('cached');
      expect(fetch).not.toHaveBeenCalled();
    });

    it('fetches and stores when missing or stale', async () => {
      const fetch = vi.fn(async () => 'fetched');
      expect((await readThrough('k', fetch, { maxAgeMs: 1_000, now: () => 10 })).value).toBe('fetched');
      await putCached('k', 'old', 0);
      const entry = await readThrough('k', fetch, { maxAgeMs: 1_000, now: () => 5_000 });
      expect(entry).toEqual({ key: 'k', value: 'fetched', fetchedAt: 5_000 });
      expect(await getCached('k')).toEqual(entry);
      expect(fetch).toHaveBeenCalledTimes(2);
    });

    it('passes a failed fetch on and keeps the old entry', async () => {
      await putCached('k', 'old', 0);
      const failing = async () => {
        throw new Error('offline');
      };
      await expect(readThrough('k', failing, { maxAgeMs: 1, now: () => 100 })).rejects.toThrow('offline');
      expect((await getCached('k'))?.value).toBe('old');
    });
  });

  it('shares one fetch between concurrent refreshes of a key', async () => {
    const fetch = vi.fn(async () => 'once');
    const [a, b] = await Promise.all([refresh('k', fetch), refresh('k', fetch)]);
    expect(a).toEqual(b);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
