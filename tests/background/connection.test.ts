import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connect, forgetKey, getConnection } from '../../entrypoints/background/services/connection';
import { getCached, putCached } from '../../entrypoints/background/store/cache';
import { loadApiKey } from '../../entrypoints/background/store/secrets';
import { connectedAthlete } from '../../lib/settings';
import { caught, nth } from '../api/helpers';
import { freshProfile } from '../store/reset';
import { ATHLETE, fakeIcu, GOOD_KEY } from './fake-icu';

async function storageLocal(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.local.get(null));
}

describe('connecting', () => {
  beforeEach(freshProfile);

  it('checks a good key with GET /athlete/0, stores the key (IndexedDB) and athlete (settings), then asks for the athletes it coaches', async () => {
    const icu = fakeIcu();
    const athlete = await connect(icu.services(), { apiKey: GOOD_KEY });

    expect(athlete).toEqual({ id: ATHLETE.id, name: ATHLETE.name });
    expect(icu.calls.map((c) => c.request.url)).toEqual([
      'https://intervals.icu/api/v1/athlete/0',
      'https://intervals.icu/api/v1/athletes',
    ]);
    expect(await loadApiKey()).toBe(GOOD_KEY);
    expect(await connectedAthlete.getValue()).toEqual({
      ...athlete,
      timezone: ATHLETE.timezone,
      units: { imperial: false, weightLb: false, fahrenheit: false },
    });
    expect(await getConnection()).toEqual({ connected: true, athlete });
  });

  it('never puts the key in storage.local', async () => {
    await connect(fakeIcu().services(), { apiKey: GOOD_KEY });
    const local = await storageLocal();
    expect(local).toContain(ATHLETE.id);
    expect(local).not.toContain(GOOD_KEY);
  });

  it('trims a key pasted with quotes, spaces and a line break, and an athlete id without the "i"', async () => {
    const icu = fakeIcu();
    await connect(icu.services(), { apiKey: `  "${GOOD_KEY}"\n`, athleteId: ' 4242 ' });
    expect(nth(icu.calls, 0).request.url).toBe('https://intervals.icu/api/v1/athlete/i4242');
    expect(await loadApiKey()).toBe(GOOD_KEY);
  });

  it('rejects a wrong key with auth and stores nothing', async () => {
    const icu = fakeIcu();
    const error = await caught(connect(icu.services(), { apiKey: 'wrongKey0123456789abcdef' }));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(await loadApiKey()).toBeNull();
    expect(await connectedAthlete.getValue()).toBeNull();
    expect(await getConnection()).toEqual({ connected: false });
  });

  it('reports "Access denied" for an athlete the key may not read, and stores nothing', async () => {
    const error = await caught(connect(fakeIcu().services(), { apiKey: GOOD_KEY, athleteId: 'i1' }));
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
    expect(error.message).toMatch(/Access denied/);
    expect(await loadApiKey()).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['a space inside', 'abcdefgh ijklmnopqrstu'],
    ['odd characters', 'abcdefgh$ijklmnopqrstu'],
    ['too short', 'abc123'],
  ])('rejects a malformed key (%s) with the reason, before any request', async (_, apiKey) => {
    const icu = fakeIcu();
    const error = await caught(connect(icu.services(), { apiKey }));
    expect(error.kind).toBe('invalid');
    expect(error.message.length).toBeGreaterThan(10);
    expect(icu.calls).toHaveLength(0);
    expect(await loadApiKey()).toBeNull();
  });

  it('rejects a malformed athlete id before any request', async () => {
    const icu = fakeIcu();
    const error = await caught(connect(icu.services(), { apiKey: GOOD_KEY, athleteId: 'ada' }));
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/i12345/);
    expect(icu.calls).toHaveLength(0);
  });

  it('keeps the previous connection when a new key fails', async () => {
    const icu = fakeIcu();
    await connect(icu.services(), { apiKey: GOOD_KEY });
    await caught(connect(icu.services(), { apiKey: 'wrongKey0123456789abcdef' }));
    expect(await loadApiKey()).toBe(GOOD_KEY);
    expect((await getConnection()).connected).toBe(true);
  });

  it('reports offline when intervals.icu cannot be reached, and stores nothing', async () => {
    const icu = fakeIcu({
      fault: () => {
        throw new TypeError('fetch failed');
      },
    });
    expect((await caught(connect(icu.services(), { apiKey: GOOD_KEY }))).kind).toBe('offline');
    expect(await loadApiKey()).toBeNull();
  });
});

describe('forgetting', () => {
  beforeEach(freshProfile);

  it('removes the key, the athlete and every cached byte', async () => {
    await connect(fakeIcu().services(), { apiKey: GOOD_KEY });
    await putCached(`dashboard:${ATHLETE.id}`, { lots: 'of data' });

    await expect(forgetKey()).resolves.toBeNull();

    expect(await loadApiKey()).toBeNull();
    expect(await connectedAthlete.getValue()).toBeNull();
    expect(await getCached(`dashboard:${ATHLETE.id}`)).toBeUndefined();
    expect(await getConnection()).toEqual({ connected: false });
    expect(await storageLocal()).not.toContain(ATHLETE.id);
  });
});
