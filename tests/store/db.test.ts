import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, getDb, MIGRATIONS, openDatabase } from '../../entrypoints/background/store/db';
import { freshProfile } from './reset';

describe('the database', () => {
  beforeEach(freshProfile);

  it('has one migration per version', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    expect(DB_VERSION).toBeGreaterThanOrEqual(1);
  });

  it('creates the v1 stores on a new profile', async () => {
    const db = await getDb();
    expect(db.name).toBe('icu-companion');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(expect.arrayContaining(['cache', 'secrets']));
    expect(db.transaction('cache').store.keyPath).toBe('key');
  });

  it('keeps v1 data when opened at the current version', async () => {
    const v1 = await openDatabase(1);
    await v1.put('cache', { key: 'dashboard:i1', value: { a: 1 }, fetchedAt: 5 });
    await v1.put('secrets', 'the-key-from-v1', 'apiKey');
    v1.close();

    const db = await getDb();
    expect(await db.get('cache', 'dashboard:i1')).toEqual({ key: 'dashboard:i1', value: { a: 1 }, fetchedAt: 5 });
    expect(await db.get('secrets', 'apiKey')).toBe('the-key-from-v1');
  });

  it('keeps v2 wellness data and adds the settings history at v3', async () => {
    const v2 = await openDatabase(2);
    expect([...v2.objectStoreNames]).not.toContain('settingsHistory');
    await v2.put('outbox', { athleteId: 'i1', date: '2026-03-01', patch: { weight: 70 } } as never);
    await v2.add('undo', { athleteId: 'i1', at: 1, kind: 'edit', days: [], undoneAt: null });
    v2.close();

    const db = await getDb();
    expect(db.version).toBe(3);
    expect(await db.get('outbox', ['i1', '2026-03-01'])).toMatchObject({ patch: { weight: 70 } });
    expect(await db.count('undo')).toBe(1);
    const id = await db.add('settingsHistory', {
      athleteId: 'i1',
      at: 2,
      kind: 'edit',
      settingsId: 1101,
      sport: 'Ride',
      paceUnits: null,
      patch: { ftp: 300 },
      restore: { ftp: 290 },
      undoneAt: null,
    });
    expect(id).toBe(1);
  });

  it('steps aside for a newer version and refuses an older one', async () => {
    await getDb();
    await expect(openDB(DB_NAME, DB_VERSION + 1)).resolves.toBeDefined();
    await expect(openDB(DB_NAME, 1)).rejects.toThrow();
  });
});
