/**
 * Training settings and the season against the real stand-in (dev/fake-icu, in this process): what the overview
 * reads, a write read back, the read-merge-write fallback when a partial body replaces the record, history and undo,
 * apply, and the faults the popup explains.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeIcu, type FakeIcu } from '../../dev/fake-icu';
import { connect } from '../../entrypoints/background/services/connection';
import { createServices } from '../../entrypoints/background/services/context';
import {
  applySportSettings,
  getTraining,
  listSettingsHistory,
  saveSportSettings,
  undoSportSettings,
} from '../../entrypoints/background/services/training';
import { freshProfile } from '../store/reset';

const KEY = 'training0test0key0for0the0stand0in';
const NOW = new Date('2026-03-15T09:30:00Z');
let fake: FakeIcu;
let requests: { method: string; path: string; body?: unknown }[] = [];

beforeAll(async () => {
  fake = await createFakeIcu({ key: KEY, now: NOW, rateLimit: false });
});
afterAll(async () => {
  await fake?.close();
});

function services(now = NOW) {
  const fetchVia: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = request.url.replace('https://intervals.icu', fake.url);
    const body = request.method === 'PUT' ? await request.clone().text() : '';
    requests.push({
      method: request.method,
      path: url.slice(fake.url.length + '/api/v1'.length),
      ...(body ? { body: JSON.parse(body) } : {}),
    });
    return fetch(new Request(url, request));
  };
  return createServices({ fetch: fetchVia, now: () => now, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 } });
}

const puts = () => requests.filter((r) => r.method === 'PUT');
const ride = () => fake.state.sportSettings.find((s) => s.types.includes('Ride'));

beforeEach(async () => {
  await freshProfile();
  fake.reset();
  fake.faults.clear();
  await connect(services(), { apiKey: KEY });
  requests = [];
});

describe('the overview', () => {
  it('shows each sport’s settings with intervals.icu’s eFTP, and the season from SEASON_START over two years', async () => {
    const overview = await getTraining(services(), { source: 'network' });
    expect(overview?.sports.map((s) => [s.types[0], s.ftp, s.pace_units ?? null])).toEqual([
      ['Ride', 290, null],
      ['Run', 262, 'MINS_KM'],
      ['Swim', undefined, 'SECS_100M'],
    ]);
    const rideView = overview?.sports[0];
    expect(rideView).toMatchObject({ indoor_ftp: 280, w_prime: 19_500, lthr: 168, max_hr: 190 });
    expect(rideView?.estimate).toMatchObject({ from: 'wellness', wPrime: 19_500 });
    expect(rideView?.estimate?.eftp).toBeGreaterThan(270);
    expect(overview?.season).toEqual({
      current: { name: 'Season 2', start: '2025-12-30', week: 11 },
      next: { name: 'Season 3', start: '2026-07-13' },
    });
    const events = requests.find((r) => r.path.includes('/events'));
    expect(events?.path).toBe('/athlete/i424242/events?oldest=2024-03-15&newest=2027-03-15&category=SEASON_START');
    expect(requests).toHaveLength(3);
  });

  it('answers from the cache and does not refetch within 5 minutes, unless forced', async () => {
    expect(await getTraining(services(), { source: 'cache' })).toBeNull();
    await getTraining(services(), { source: 'network' });
    await getTraining(services(new Date(NOW.getTime() + 60_000)), { source: 'network' });
    expect(requests).toHaveLength(3);
    await getTraining(services(), { source: 'network', force: true });
    expect(requests).toHaveLength(6);
    expect((await getTraining(services(), { source: 'cache' }))?.sports).toHaveLength(3);
  });
});

describe('writing', () => {
  it('sends only the changed field, reads it back, and keeps the rest', async () => {
    const before = structuredClone(ride());
    const result = await saveSportSettings(services(), { settingsId: 1101, patch: { ftp: 301 } });
    expect(result).toMatchObject({ unconfirmed: [], mergedWrite: false, changedOther: [], settings: { ftp: 301 } });
    expect(puts()).toEqual([
      { method: 'PUT', path: '/athlete/i424242/sport-settings/1101?recalcHrZones=false', body: { ftp: 301 } },
    ]);
    expect(ride()).toMatchObject({ ...before, ftp: 301, updated: expect.any(String) });
    // the cached overview shows it at once
    await getTraining(services(), { source: 'network' });
    expect((await getTraining(services(), { source: 'cache' }))?.sports[0]?.ftp).toBe(301);
  });

  it('falls back to read-merge-write when the server takes a partial body as the whole record', async () => {
    fake.setOptions({ partialSportSettings: false });
    const before = structuredClone(ride());
    const result = await saveSportSettings(services(), { settingsId: 1101, patch: { lthr: 170 } });
    expect(result).toMatchObject({ unconfirmed: [], mergedWrite: true, changedOther: [] });
    const [partial, whole] = puts();
    expect(partial?.body).toEqual({ lthr: 170 });
    expect(whole?.body).toMatchObject({ ...before, lthr: 170 });
    expect(ride()).toMatchObject({ ftp: before?.ftp, indoor_ftp: before?.indoor_ftp, lthr: 170 });
  });

  it('recalculates HR zones only when asked', async () => {
    const zones = ride()?.hr_zones;
    await saveSportSettings(services(), { settingsId: 1101, patch: { max_hr: 195 } });
    expect(ride()?.hr_zones).toEqual(zones);
    await saveSportSettings(services(), { settingsId: 1101, patch: { max_hr: 200 }, recalcHrZones: true });
    expect(ride()?.hr_zones.at(-1)).toBe(200);
    expect(puts().at(-1)?.path).toBe('/athlete/i424242/sport-settings/1101?recalcHrZones=true');
  });

  it('refuses bad values before anything is sent', async () => {
    await expect(saveSportSettings(services(), { settingsId: 1101, patch: { ftp: 5000 } })).rejects.toMatchObject({
      kind: 'invalid',
      message: 'FTP: 5000 is out of range.',
    });
    await expect(saveSportSettings(services(), { settingsId: 1101, patch: {} })).rejects.toThrow(/Nothing to save/);
    expect(requests).toEqual([]);
  });

  it('names the sport on a 404 and passes a 422 on with the server’s text', async () => {
    fake.faults.add({
      kind: 'status',
      status: 404,
      method: 'PUT',
      path: '/athlete/*/sport-settings/*',
      body: { status: 404, error: 'Not found' },
      times: 1,
    });
    await expect(saveSportSettings(services(), { settingsId: 1102, patch: { ftp: 270 } })).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('no Run settings'),
    });
    fake.faults.add({
      kind: 'status',
      status: 422,
      method: 'PUT',
      path: '/athlete/*/sport-settings/*',
      body: { status: 422, error: 'FTP must be at least 50% of your eFTP' },
      times: 1,
    });
    await expect(saveSportSettings(services(), { settingsId: 1101, patch: { ftp: 100 } })).rejects.toMatchObject({
      kind: 'invalid',
      status: 422,
      message: expect.stringContaining('FTP must be at least 50% of your eFTP'),
    });
    expect(ride()?.ftp).toBe(290);
    expect(await listSettingsHistory()).toEqual([]);
  });

  it('retries a 503 within the shared limiter', async () => {
    fake.faults.add({ kind: 'status', status: 503, method: 'PUT', path: '/athlete/*/sport-settings/*', times: 1 });
    const result = await saveSportSettings(services(), { settingsId: 1101, patch: { indoor_ftp: 285 } });
    expect(result.unconfirmed).toEqual([]);
    expect(puts()).toHaveLength(2);
    expect(ride()?.indoor_ftp).toBe(285);
  });
});

describe('history and undo', () => {
  it('lists each confirmed change with the old values, and Undo puts them back, verified', async () => {
    await saveSportSettings(services(), { settingsId: 1102, patch: { threshold_pace: 4, lthr: 173 } });
    const [change] = await listSettingsHistory();
    expect(change).toMatchObject({
      kind: 'edit',
      sport: 'Run',
      paceUnits: 'MINS_KM',
      patch: { threshold_pace: 4, lthr: 173 },
      restore: { threshold_pace: 3.85, lthr: 171 },
      undoneAt: null,
    });
    const undone = await undoSportSettings(services(), { id: change?.id as number });
    expect(undone.unconfirmed).toEqual([]);
    const run = fake.state.sportSettings.find((s) => s.id === 1102);
    expect(run).toMatchObject({ threshold_pace: 3.85, lthr: 171 });
    const history = await listSettingsHistory();
    expect(history.map((h) => [h.kind, h.undoneAt !== null])).toEqual([
      ['undo', false],
      ['edit', true],
    ]);
    await expect(undoSportSettings(services(), { id: change?.id as number })).rejects.toThrow(/already undone/);
  });
});

describe('apply to past activities', () => {
  it('asks intervals.icu to apply the settings (asynchronous there)', async () => {
    expect(await applySportSettings(services(), { settingsId: 1101 })).toBeNull();
    expect(fake.state.appliedSettings).toEqual([1101]);
    expect(puts().map((p) => p.path)).toEqual(['/athlete/i424242/sport-settings/1101/apply']);
  });
});
