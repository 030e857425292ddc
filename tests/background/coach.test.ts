/**
 * Coaches, in the background against the real stand-in (dev/fake-icu: Alex coaches Leilani in Honolulu, Jordan in
 * imperial units and Sofie without a power meter): the roster from GET /athletes kept to a few fields, the acting
 * athlete every service resolves, caches, the outbox and undo kept per athlete, an edit for A delivered after the
 * switch to B, roster rows with a refusal on its row, loads from athlete-summary, a solo key, and forgetting all.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ATHLETE_ID, HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID } from '../../dev/fake-icu';
import { KEY, NOW, useFakeIcu } from '../../dev/fake-icu/test-helpers';
import { createRateLimiter } from '../../entrypoints/background/api/limiter';
import { chooseAthlete, getAthletes } from '../../entrypoints/background/services/athletes';
import { connect, forgetKey } from '../../entrypoints/background/services/connection';
import { createServices, requireAthlete, type Services } from '../../entrypoints/background/services/context';
import { dashboardCacheKey, getDashboard } from '../../entrypoints/background/services/dashboard';
import { getRosterLoads, getRosterRow } from '../../entrypoints/background/services/roster';
import { getCached } from '../../entrypoints/background/store/cache';
import { listEntries } from '../../entrypoints/background/store/wellness-outbox';
import { getWellnessDay, saveWellness } from '../../entrypoints/background/wellness/handlers';
import { OUTBOX_ALARM, setupWellness, stopWellnessTimer } from '../../entrypoints/background/wellness/setup';
import { listWellnessHistory } from '../../entrypoints/background/wellness/undo';
import { actingAthlete, coachedAthletes, connectedAthlete } from '../../lib/settings';
import { freshProfile } from '../store/reset';

const SOLO_KEY = 'solo0key0for0sofie0janssens000';
const ctx = useFakeIcu({ keys: { [SOLO_KEY]: NO_POWER_ATHLETE_ID } });

let sent: string[];
let made: Services[];
let offline = false;
/** The services' clock (moved on to make a pending edit due). */
let clock = NOW.getTime();

function services(): Services {
  const s = createServices({
    fetch: async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const url = new URL(request.url);
      sent.push(`${request.method} ${url.pathname.replace(/^\/api\/v1/, '')}`);
      if (offline && request.method === 'PUT') throw new TypeError('Failed to fetch');
      return fetch(new Request(`${ctx.fake.url}${url.pathname}${url.search}`, request));
    },
    limiter: createRateLimiter(),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    now: () => new Date(clock),
  });
  made.push(s);
  return s;
}

const wellnessOf = (athleteId: string, date: string) => ctx.fake.state.athlete(athleteId)?.wellness.get(date);
const todayOf = (athleteId: string) => ctx.fake.seed.athletes.find((a) => a.id === athleteId)?.today as string;

beforeEach(async () => {
  await freshProfile();
  ctx.fake.reset();
  sent = [];
  made = [];
  offline = false;
  clock = NOW.getTime();
  await connect(services(), { apiKey: KEY });
});
afterEach(() => {
  for (const s of made) stopWellnessTimer(s);
  vi.restoreAllMocks();
});

describe('the roster', () => {
  it('is read when connecting: the owner first, then the coached athletes, each kept to id, name, time zone and units', async () => {
    expect(sent).toEqual(['GET /athlete/0', 'GET /athletes']);
    const view = await getAthletes(services(), { source: 'cache' });
    expect(view.selfId).toBe(ATHLETE_ID);
    expect(view.actingId).toBe(ATHLETE_ID);
    expect(view.athletes.map((a) => a.id)).toEqual([
      ATHLETE_ID,
      ...[HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID].sort((x, y) => {
        const name = (id: string) => ctx.fake.seed.athletes.find((a) => a.id === id)?.name ?? '';
        return name(x).localeCompare(name(y));
      }),
    ]);
    const jordan = view.athletes.find((a) => a.id === IMPERIAL_ATHLETE_ID);
    expect(jordan).toEqual({
      id: IMPERIAL_ATHLETE_ID,
      name: 'Jordan Miller',
      timezone: 'America/New_York',
      units: { imperial: true, weightLb: true, fahrenheit: true },
    });
    // Nothing else of the answer is stored (it carries an icu_api_key field, e-mail addresses, notes…).
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored).not.toMatch(/icu_api_key|fake-icu-not-a-key|email|@/);
  });

  it('is not asked again within 6 hours, unless forced; a failed read keeps the list and is not retried at once', async () => {
    sent = [];
    await getAthletes(services(), { source: 'network' });
    expect(sent).toEqual([]);
    await getAthletes(services(), { source: 'network', force: true });
    expect(sent).toEqual(['GET /athletes']);
    ctx.fake.faults.add({ kind: 'status', status: 503, path: '/athletes', times: 50 });
    await expect(getAthletes(services(), { source: 'network', force: true })).rejects.toMatchObject({
      kind: 'unavailable',
    });
    expect((await getAthletes(services(), { source: 'cache' })).athletes).toHaveLength(4);
  });

  it('a key that coaches no one gets just itself', async () => {
    await freshProfile();
    await connect(services(), { apiKey: SOLO_KEY });
    const view = await getAthletes(services(), { source: 'cache' });
    expect(view.athletes.map((a) => a.id)).toEqual([NO_POWER_ATHLETE_ID]);
  });
});

describe('the acting athlete', () => {
  it('is the owner until one is chosen; the choice is remembered and every service acts on them', async () => {
    expect((await requireAthlete()).id).toBe(ATHLETE_ID);
    await chooseAthlete(services(), { athleteId: HONOLULU_ATHLETE_ID });
    expect(await actingAthlete.getValue()).toBe(HONOLULU_ATHLETE_ID);
    const dashboard = await getDashboard(services(), { source: 'network' });
    expect(dashboard?.athlete).toEqual({ id: HONOLULU_ATHLETE_ID, name: 'Leilani Kahale' });
    // Her today, in Honolulu: a day behind Brussels at this clock.
    expect(dashboard?.today).toBe(todayOf(HONOLULU_ATHLETE_ID));
    expect(dashboard?.today).not.toBe(todayOf(ATHLETE_ID));
    expect(await getCached(dashboardCacheKey(HONOLULU_ATHLETE_ID))).toBeDefined();
    expect(await getCached(dashboardCacheKey(ATHLETE_ID))).toBeUndefined();
    // The owner's stored profile is not overwritten by hers.
    expect((await connectedAthlete.getValue())?.id).toBe(ATHLETE_ID);

    await chooseAthlete(services(), { athleteId: ATHLETE_ID });
    expect(await actingAthlete.getValue()).toBeNull();
    await expect(chooseAthlete(services(), { athleteId: 'i999' })).rejects.toMatchObject({ kind: 'auth', status: 403 });
  });

  it('edits the chosen athlete’s wellness on their today, in their units, and no one else’s', async () => {
    await chooseAthlete(services(), { athleteId: IMPERIAL_ATHLETE_ID });
    const day = await getWellnessDay(services(), { source: 'network' });
    expect(day.today).toBe(todayOf(IMPERIAL_ATHLETE_ID));
    expect(day.weightUnit).toBe('lb');
    const before = wellnessOf(ATHLETE_ID, day.today)?.restingHR;
    const result = await saveWellness(services(), { date: day.today, patch: { restingHR: 44 } });
    expect(result.status).toBe('saved');
    expect(wellnessOf(IMPERIAL_ATHLETE_ID, day.today)?.restingHR).toBe(44);
    expect(wellnessOf(ATHLETE_ID, day.today)?.restingHR).toBe(before);
  });

  it('a surface may name a coached athlete for one request; a stranger is refused before any request', async () => {
    const day = await getWellnessDay(services(), { source: 'network', athleteId: NO_POWER_ATHLETE_ID });
    expect(day.today).toBe(todayOf(NO_POWER_ATHLETE_ID));
    expect(await actingAthlete.getValue()).toBeNull();
    sent = [];
    await expect(getWellnessDay(services(), { source: 'network', athleteId: 'i1' })).rejects.toMatchObject({
      kind: 'auth',
      status: 403,
    });
    expect(sent).toEqual([]);
  });
});

describe('nothing crosses between athletes', () => {
  it('an edit queued for Alex is delivered to Alex after the coach switched to Leilani', async () => {
    const s = services();
    const date = todayOf(ATHLETE_ID);
    offline = true;
    expect((await saveWellness(s, { date, patch: { restingHR: 39 } })).status).toBe('pending');
    await chooseAthlete(s, { athleteId: HONOLULU_ATHLETE_ID });
    // Leilani's outbox is empty; Alex's edit is still queued under his id.
    expect(await listEntries(HONOLULU_ATHLETE_ID)).toEqual([]);
    expect((await listEntries(ATHLETE_ID)).map((e) => e.patch)).toEqual([{ restingHR: 39 }]);

    offline = false;
    clock += 10 * 60_000; // the alarm fires when the entry is due
    setupWellness(s);
    await fakeBrowser.alarms.onAlarm.trigger({ name: OUTBOX_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect(await listEntries()).toEqual([]), { timeout: 10_000 });
    expect(wellnessOf(ATHLETE_ID, date)?.restingHR).toBe(39);
    expect(wellnessOf(HONOLULU_ATHLETE_ID, date)?.restingHR).not.toBe(39);
  });

  it('undo offers only what belongs to the athlete shown', async () => {
    await saveWellness(services(), { date: todayOf(ATHLETE_ID), patch: { restingHR: 45 } });
    await chooseAthlete(services(), { athleteId: IMPERIAL_ATHLETE_ID });
    await saveWellness(services(), { date: todayOf(IMPERIAL_ATHLETE_ID), patch: { restingHR: 52 } });
    const written = async () => (await listWellnessHistory()).flatMap((e) => e.days.map((d) => d.patch.restingHR));
    expect(await written()).toEqual([52]);
    await chooseAthlete(services(), { athleteId: ATHLETE_ID });
    expect(await written()).toEqual([45]);
  });

  it('forgetting the key clears every athlete: caches, roster, choice', async () => {
    await chooseAthlete(services(), { athleteId: HONOLULU_ATHLETE_ID });
    await getDashboard(services(), { source: 'network' });
    await forgetKey();
    expect(await getCached(dashboardCacheKey(HONOLULU_ATHLETE_ID))).toBeUndefined();
    expect(await coachedAthletes.getValue()).toBeNull();
    expect(await actingAthlete.getValue()).toBeNull();
    expect(await connectedAthlete.getValue()).toBeNull();
  });
});

describe('the roster page', () => {
  it('reads each athlete’s today in their own time zone, and explains a revoked athlete on their row', async () => {
    ctx.fake.state.revokeCoaching(IMPERIAL_ATHLETE_ID);
    const rows = await Promise.all(
      [ATHLETE_ID, HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID].map((athleteId) =>
        getRosterRow(services(), { athleteId }),
      ),
    );
    const [alex, leilani, jordan, sofie] = rows;
    expect(leilani?.today).toBe(todayOf(HONOLULU_ATHLETE_ID));
    expect(leilani?.error).toBeNull();
    expect(leilani?.weightKg).toBe(wellnessOf(HONOLULU_ATHLETE_ID, leilani?.today as string)?.weight ?? null);
    expect(alex?.error).toBeNull();
    expect(sofie?.locked).toBe(true); // seeded locked
    expect(jordan?.error).toMatchObject({ status: 403 });
    expect(jordan?.error?.message).toMatch(/no longer lets your key see Jordan Miller \(403\)/);
  });

  it('loads everyone’s last 7 days from one athlete-summary request', async () => {
    sent = [];
    const loads = await getRosterLoads(services());
    expect(sent).toEqual([`GET /athlete/${ATHLETE_ID}/athlete-summary.json`]);
    expect(Object.keys(loads).sort()).toEqual(
      [ATHLETE_ID, HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID].sort(),
    );
    for (const load of Object.values(loads)) expect(load === null || load >= 0).toBe(true);
  });
});
