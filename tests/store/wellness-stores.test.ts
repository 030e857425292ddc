import { beforeEach, describe, expect, it } from 'vitest';
import { DB_VERSION, getDb, openDatabase } from '../../entrypoints/background/store/db';
import { forgetEverything } from '../../entrypoints/background/store/forget';
import { addUndo, getUndo, listUndo, markUndone, UNDO_LIMIT } from '../../entrypoints/background/store/undo-log';
import {
  beginAttempt,
  captureBefore,
  discardEntry,
  dropFields,
  failAttempt,
  finishAttempt,
  getEntry,
  listEntries,
  queueEdit,
} from '../../entrypoints/background/store/wellness-outbox';
import { freshProfile } from './reset';

const A = 'i1';

describe('database v2: outbox and undo log', () => {
  beforeEach(freshProfile);

  it('has the outbox and undo stores since version 2 (and the settings history since 3)', async () => {
    expect(DB_VERSION).toBe(3);
    const db = await getDb();
    expect([...db.objectStoreNames].sort()).toEqual(['cache', 'outbox', 'secrets', 'settingsHistory', 'undo']);
    expect(db.transaction('outbox').store.keyPath).toEqual(['athleteId', 'date']);
    expect(db.transaction('undo').store.autoIncrement).toBe(true);
  });

  it('upgrades a v1 database with data intact', async () => {
    const v1 = await openDatabase(1);
    expect([...v1.objectStoreNames].sort()).toEqual(['cache', 'secrets']);
    await v1.put('cache', { key: 'dashboard:i1', value: { athlete: 'x' }, fetchedAt: 7 });
    await v1.put('cache', { key: 'wellness-day:i1:2026-03-01', value: { id: '2026-03-01', weight: 70 }, fetchedAt: 8 });
    await v1.put('secrets', 'key-from-v1', 'apiKey');
    v1.close();

    const db = await getDb();
    expect(db.version).toBe(DB_VERSION);
    expect(await db.get('cache', 'dashboard:i1')).toEqual({
      key: 'dashboard:i1',
      value: { athlete: 'x' },
      fetchedAt: 7,
    });
    expect((await db.get('cache', 'wellness-day:i1:2026-03-01'))?.value).toEqual({ id: '2026-03-01', weight: 70 });
    expect(await db.get('secrets', 'apiKey')).toBe('key-from-v1');
    await queueEdit({ athleteId: A, date: '2026-03-01', patch: { weight: 71 }, now: 1 });
    expect(await listEntries()).toHaveLength(1);
  });

  it('"Forget key" empties the new stores too', async () => {
    await queueEdit({ athleteId: A, date: '2026-03-01', patch: { weight: 71 }, now: 1 });
    await addUndo({ athleteId: A, at: 1, kind: 'edit', days: [], undoneAt: null });
    await forgetEverything();
    const db = await getDb();
    expect(await db.count('outbox')).toBe(0);
    expect(await db.count('undo')).toBe(0);
  });
});

describe('the outbox', () => {
  beforeEach(freshProfile);

  it('merges edits of the same day, the latest value of each field winning', async () => {
    await queueEdit({ athleteId: A, date: '2026-03-01', patch: { weight: 70, mood: 2 }, now: 1 });
    const merged = await queueEdit({ athleteId: A, date: '2026-03-01', patch: { weight: 71, hrv: -1 }, now: 2 });
    expect(merged.patch).toEqual({ weight: 71, mood: 2, hrv: -1 });
    expect(merged.version).toBe(2);
    expect(merged.queuedAt).toBe(1);
    expect(merged.updatedAt).toBe(2);
    await queueEdit({ athleteId: A, date: '2026-03-02', patch: { locked: true }, now: 3 });
    await queueEdit({ athleteId: 'i2', date: '2026-03-01', patch: { steps: 5 }, now: 3 });
    expect((await listEntries(A)).map((e) => e.date)).toEqual(['2026-03-01', '2026-03-02']);
    expect(await listEntries()).toHaveLength(3);
  });

  it('captures the values before the write once, per field', async () => {
    await queueEdit({ athleteId: A, date: 'd', patch: { weight: 70, comments: 'x' }, now: 1 });
    await captureBefore(A, 'd', { weight: 68 });
    await queueEdit({ athleteId: A, date: 'd', patch: { weight: 72, mood: 1 }, now: 2 });
    const entry = await captureBefore(A, 'd', { weight: 70, mood: 3, comments: 'y' });
    expect(entry?.before).toEqual({ weight: 68, comments: '', mood: 3 });
  });

  it('keeps fields edited again while a request was out, and only those', async () => {
    await queueEdit({ athleteId: A, date: 'd', patch: { weight: 70, mood: 2 }, now: 1 });
    await captureBefore(A, 'd', { weight: 68 });
    const sending = await beginAttempt(A, 'd', 'w1', 5);
    expect(sending?.inFlight).toEqual({ version: 1, startedAt: 5, instance: 'w1' });
    await queueEdit({ athleteId: A, date: 'd', patch: { weight: 71, steps: 10 }, now: 6 });
    const rest = await finishAttempt(A, 'd', sending?.patch ?? {}, 7);
    expect(rest?.patch).toEqual({ weight: 71, steps: 10 });
    // the next write of weight replaces what the first one wrote
    expect(rest?.before).toEqual({ weight: 70 });
    expect(rest?.inFlight).toBeNull();
    expect(await finishAttempt(A, 'd', { weight: 71, steps: 10 }, 8)).toBeUndefined();
    expect(await getEntry(A, 'd')).toBeUndefined();
  });

  it('counts failures with the reason and when to try again; drops superseded fields; discards', async () => {
    await queueEdit({ athleteId: A, date: 'd', patch: { locked: true, weight: 70 }, now: 1 });
    await beginAttempt(A, 'd', 'w1', 2);
    const failed = await failAttempt(A, 'd', { kind: 'unavailable', message: 'x', status: 503 }, 100);
    expect(failed).toMatchObject({ attempts: 1, nextAttemptAt: 100, inFlight: null, lastError: { status: 503 } });
    await dropFields(A, 'd', ['locked']);
    expect((await getEntry(A, 'd'))?.patch).toEqual({ weight: 70 });
    await dropFields(A, 'd', ['weight']);
    expect(await getEntry(A, 'd')).toBeUndefined();
    await queueEdit({ athleteId: A, date: 'e', patch: { weight: 70 }, now: 1 });
    await discardEntry(A, 'e');
    expect(await listEntries()).toEqual([]);
  });
});

describe('the undo log', () => {
  beforeEach(freshProfile);

  it(`keeps the last ${UNDO_LIMIT} writes, newest first, pruning the oldest`, async () => {
    for (let i = 1; i <= UNDO_LIMIT + 5; i++) {
      await addUndo({
        athleteId: A,
        at: i,
        kind: 'edit',
        days: [{ date: 'd', patch: { steps: i }, restore: { steps: i - 1 } }],
        undoneAt: null,
      });
    }
    const list = await listUndo(A);
    expect(list).toHaveLength(UNDO_LIMIT);
    expect(list[0]?.at).toBe(UNDO_LIMIT + 5);
    expect(list.at(-1)?.at).toBe(6);
    const id = list[0]?.id as number;
    await markUndone(id, 99);
    expect((await getUndo(id))?.undoneAt).toBe(99);
    expect(await listUndo('someone-else')).toEqual([]);
  });
});
