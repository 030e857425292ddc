/**
 * A coach's world: the default key's athlete coaches three others, each with their own data; /athletes (API key
 * only), athlete-summary, per-athlete access, revoked coaching and a key that coaches no one.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { validateResponse } from './openapi-validate';
import { HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID } from './seed/coached';
import { type ApiResponse, basic, call, KEY, putJson, useFakeIcu } from './test-helpers';
import { addDays } from './time';
import { sampleTcx } from './uploads/samples';

const OWNER = 'i424242';
const COACHED = [HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID];
/** Sofie's own key: she coaches no one. */
const SOLO_KEY = 'solo-key-0123456789abcdef';
const SOLO = basic('API_KEY', SOLO_KEY);
/** At NOW (2026-03-15T09:30Z) it is 10:30 on the 15th in Brussels and still 23:30 on the 14th in Honolulu. */
const OWNER_TODAY = '2026-03-15';
const HONOLULU_TODAY = '2026-03-14';

const ctx = useFakeIcu({ keys: { [SOLO_KEY]: NO_POWER_ATHLETE_ID } });

beforeEach(() => ctx.fake.reset());

function expectValid(method: string, path: string, res: ApiResponse): void {
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 200)}`).toBe(200);
  const result = validateResponse(method, path, res.status, res.body);
  expect(result.errors, `${method} ${path} (${result.operationId})`).toEqual([]);
}

async function get(path: string, auth?: string): Promise<ApiResponse> {
  const res = await call(ctx.fake, path, auth ? { headers: { authorization: auth } } : {});
  if (res.status === 200 && res.headers.get('content-type')?.startsWith('application/json')) {
    expectValid('GET', path, res);
  }
  return res;
}

type Profile = { id: string; name: string; timezone: string } & Record<string, unknown>;
type Activity = { id: string; icu_athlete_id: string; start_date_local: string; icu_training_load?: number };

describe('the roster: GET /athletes', () => {
  it('lists the caller and the athletes they coach as AthleteWithTags, with time zone and units', async () => {
    const res = await get('/api/v1/athletes');
    const athletes = res.body as Profile[];
    expect(athletes.map((a) => a.id)).toEqual([OWNER, ...COACHED]);
    const pick = (a: Profile) => [a.name, a.timezone, a.measurement_preference, a.weight_pref_lb, a.fahrenheit];
    expect(athletes.map(pick)).toEqual([
      ['Alex Verhoeven', 'Europe/Brussels', 'meters', false, false],
      ['Leilani Kahale', 'Pacific/Honolulu', 'meters', false, false],
      ['Jordan Miller', 'America/New_York', 'feet', true, true],
      ['Sofie Janssens', 'Europe/Amsterdam', 'meters', false, false],
    ]);
  });

  it('carries profile fields a client must not keep, a dummy icu_api_key among them, and no sport settings', async () => {
    const athletes = (await get('/api/v1/athletes')).body as Profile[];
    for (const a of athletes) {
      expect(a.icu_api_key).toMatch(/^fake-icu-not-a-key-/);
      expect(a.icu_api_key).not.toBe(KEY);
      expect(a).toHaveProperty('email');
      expect(a).toHaveProperty('icu_notes');
      expect(a).not.toHaveProperty('sportSettings');
    }
  });

  it('refuses a Bearer token with 403 Access denied (API_KEY only), Basic works', async () => {
    const bearer = await call(ctx.fake, '/api/v1/athletes', { headers: { authorization: `Bearer ${KEY}` } });
    expect(bearer.status).toBe(403);
    expect(bearer.body).toEqual({ status: 403, error: 'Access denied' });
    expect((await get('/api/v1/athletes')).status).toBe(200);
  });

  it('a key that coaches no one lists just its athlete, who is athlete 0', async () => {
    const athletes = (await get('/api/v1/athletes', SOLO)).body as Profile[];
    expect(athletes.map((a) => a.id)).toEqual([NO_POWER_ATHLETE_ID]);
    expect(((await get('/api/v1/athlete/0', SOLO)).body as Profile).id).toBe(NO_POWER_ATHLETE_ID);
  });
});

describe('every coached athlete is served from their own data, valid against the spec', () => {
  it.each(COACHED)('%s', async (id) => {
    const profile = (await get(`/api/v1/athlete/${id}`)).body as Profile;
    expect(profile.id).toBe(id);
    await get(`/api/v1/athlete/${id}/sport-settings`);
    await get(`/api/v1/athlete/${id}/wellness?oldest=2026-01-01`);
    await get(`/api/v1/athlete/${id}/power-curves?type=Ride&curves=42d,1y,all`);
    await get(`/api/v1/athlete/${id}/events?oldest=2026-03-01&newest=2026-04-01`);
    const activities = (await get(`/api/v1/athlete/${id}/activities?oldest=2025-01-01`)).body as Activity[];
    expect(activities.length).toBeGreaterThanOrEqual(4);
    for (const a of activities) {
      expect(a.icu_athlete_id).toBe(id);
      await get(`/api/v1/activity/${a.id}?intervals=true`);
      await get(`/api/v1/activity/${a.id}/streams.json`);
      await get(`/api/v1/activity/${a.id}/intervals`);
      await get(`/api/v1/activity/${a.id}/power-curve.json`);
    }
    const owners = (await get(`/api/v1/athlete/0/activities?oldest=2025-01-01`)).body as Activity[];
    expect(owners.map((a) => a.id)).not.toContain(activities[0]?.id);
  });

  it("Honolulu's today is not Brussels': wellness, events and activities default to her day", async () => {
    const mine = (await get('/api/v1/athlete/0/wellness')).body as { id: string }[];
    const hers = (await get(`/api/v1/athlete/${HONOLULU_ATHLETE_ID}/wellness`)).body as { id: string }[];
    expect(mine.at(-1)?.id).toBe(OWNER_TODAY);
    expect(hers.at(-1)?.id).toBe(HONOLULU_TODAY);
    const events = (await get(`/api/v1/athlete/${HONOLULU_ATHLETE_ID}/events`)).body as {
      id: number;
      start_date_local: string;
    }[];
    expect(events[0]).toMatchObject({ id: 72101, start_date_local: `${HONOLULU_TODAY}T05:30:00` });
    expect(ctx.fake.seed.athletes.find((a) => a.id === HONOLULU_ATHLETE_ID)?.today).toBe(HONOLULU_TODAY);
  });

  it('the imperial athlete prefers feet, lb and °F; weights are still kg', async () => {
    const profile = (await get(`/api/v1/athlete/${IMPERIAL_ATHLETE_ID}`)).body as Profile;
    expect(profile).toMatchObject({ measurement_preference: 'feet', weight_pref_lb: true, fahrenheit: true });
    const days = (await get(`/api/v1/athlete/${IMPERIAL_ATHLETE_ID}/wellness?oldest=2026-03-01`)).body as {
      weight?: number;
    }[];
    const weights = days.flatMap((d) => (d.weight === undefined ? [] : [d.weight]));
    expect(weights.length).toBeGreaterThan(5);
    expect(Math.min(...weights)).toBeGreaterThan(78);
    expect(Math.max(...weights)).toBeLessThan(85);
  });

  it('the athlete without a power meter has no watts, no power curve, no eFTP, and heart-rate loads', async () => {
    const id = NO_POWER_ATHLETE_ID;
    const activities = (await get(`/api/v1/athlete/${id}/activities?oldest=2025-01-01`)).body as (Activity &
      Record<string, unknown>)[];
    for (const a of activities) {
      expect(a.device_watts).toBe(false);
      expect(a.stream_types).not.toContain('watts');
      expect(a.icu_average_watts).toBeUndefined();
      expect(a.icu_training_load).toBeGreaterThan(0);
      expect(a.hr_load_type).toBe('HRSS');
      const streams = (await get(`/api/v1/activity/${a.id}/streams.json?types=watts,heartrate`)).body as {
        type: string;
      }[];
      expect(streams.map((s) => s.type)).toEqual(['heartrate']);
      const curve = (await get(`/api/v1/activity/${a.id}/power-curve`)).body as Record<string, unknown>;
      expect(curve.values).toEqual([]);
      expect(curve.vo2max_5m).toBeUndefined();
      const laps = (await get(`/api/v1/activity/${a.id}/intervals`)).body as { icu_intervals: object[] };
      for (const lap of laps.icu_intervals) expect(lap).not.toHaveProperty('average_watts');
    }
    const curves = (await get(`/api/v1/athlete/${id}/power-curves?type=Ride&curves=1y`)).body as {
      list: Record<string, unknown>[];
    };
    expect(curves.list[0]?.values).toEqual([]);
    expect(curves.list[0]?.vo2max_5m).toBeUndefined();
    const days = (await get(`/api/v1/athlete/${id}/wellness?oldest=2026-03-01`)).body as { sportInfo?: unknown[] }[];
    for (const d of days) expect(d.sportInfo ?? []).toEqual([]);
    const ride = (await get(`/api/v1/athlete/${id}/sport-settings/Ride`)).body as Record<string, unknown>;
    expect(ride.ftp).toBeUndefined();
  });

  it('a coached activity page opens at /activities/<id>, saying whose it is', async () => {
    const res = await call(ctx.fake, '/activities/i8102001', { headers: { 'x-no-auth': '1' } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('"id":"i8102001","athlete":"i626262"');
    expect((await call(ctx.fake, '/activities/i8999999', { headers: { 'x-no-auth': '1' } })).status).toBe(404);
  });
});

describe('athlete-summary', () => {
  const summaryPath = '/api/v1/athlete/0/athlete-summary';
  type Summary = { athlete_id: string; training_load: number; count: number; date: string } & Record<string, unknown>;

  /** The load of an athlete's activities that started in [oldest, newest], from their own activity list. */
  async function loadOf(id: string, oldest: string, newest: string) {
    const list = (await get(`/api/v1/athlete/${id}/activities?oldest=${oldest}&newest=${newest}`)).body as Activity[];
    const uploads = list.filter((a) => a.icu_training_load !== undefined);
    return { load: uploads.reduce((s, a) => s + (a.icu_training_load ?? 0), 0), count: uploads.length };
  }

  it('has one entry per athlete of the roster with the last 7 days’ load of their activities (spec-valid)', async () => {
    const summaries = (await get(summaryPath)).body as Summary[];
    expect(summaries.map((s) => s.athlete_id)).toEqual([OWNER, ...COACHED]);
    const oldest = addDays(OWNER_TODAY, -6);
    for (const s of summaries) {
      const { load, count } = await loadOf(s.athlete_id, oldest, OWNER_TODAY);
      expect(s, s.athlete_id).toMatchObject({ date: oldest, training_load: load, count });
      expect(count, s.athlete_id).toBeGreaterThan(0);
      expect(s.fitness).toEqual(expect.any(Number));
      expect(s.weight).toEqual(expect.any(Number));
    }
    const sofie = summaries.find((s) => s.athlete_id === NO_POWER_ATHLETE_ID);
    expect(sofie?.eftp).toBeUndefined();
    expect(summaries.find((s) => s.athlete_id === OWNER)?.eftp).toEqual(expect.any(Number));
  });

  it('takes start, end and tags; a coached athlete’s own summary is just them; CSV too', async () => {
    const summaries = (await get(`${summaryPath}.json?start=2026-02-01&end=2026-03-15&tags=road`)).body as Summary[];
    expect(summaries.map((s) => s.athlete_id)).toEqual([IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID]);
    const { load } = await loadOf(IMPERIAL_ATHLETE_ID, '2026-02-01', '2026-03-15');
    expect(summaries[0]?.training_load).toBe(load);
    const own = (await get(`/api/v1/athlete/${HONOLULU_ATHLETE_ID}/athlete-summary`)).body as Summary[];
    expect(own.map((s) => s.athlete_id)).toEqual([HONOLULU_ATHLETE_ID]);
    const csv = await call(ctx.fake, `${summaryPath}.csv`);
    expect(csv.text.split('\n')[0]).toMatch(/^athlete_id,athlete_name,date,count/);
    expect(csv.text.trim().split('\n')).toHaveLength(5);
    expect((await call(ctx.fake, `${summaryPath}?start=yesterday`)).status).toBe(400);
  });
});

describe('per-athlete access and isolation', () => {
  it('a wellness write for one athlete changes only theirs', async () => {
    const day = '2026-03-10';
    const before = (await get(`/api/v1/athlete/0/wellness/${day}`)).body;
    const put = await putJson(ctx.fake, `/api/v1/athlete/${HONOLULU_ATHLETE_ID}/wellness/${day}`, {
      weight: 57.1,
      locked: true,
    });
    expectValid('PUT', `/api/v1/athlete/${HONOLULU_ATHLETE_ID}/wellness/${day}`, put);
    expect((await get(`/api/v1/athlete/0/wellness/${day}`)).body).toEqual(before);
    expect((await get(`/api/v1/athlete/${HONOLULU_ATHLETE_ID}/wellness/${day}`)).body).toMatchObject({
      weight: 57.1,
      locked: true,
    });
    expect(ctx.fake.state.athlete(HONOLULU_ATHLETE_ID)?.wellness.get(day)?.weight).toBe(57.1);
    expect(ctx.fake.state.snapshot(HONOLULU_ATHLETE_ID).wellness.find((d) => d.id === day)?.locked).toBe(true);
    expect(ctx.fake.state.wellness.get(day)).toEqual(ctx.fake.state.seed.wellness.get(day));
  });

  it('sport settings, events and uploads land in the named athlete’s state', async () => {
    await putJson(ctx.fake, `/api/v1/athlete/${IMPERIAL_ATHLETE_ID}/sport-settings/Ride`, { ftp: 312 });
    expect(ctx.fake.state.athlete(IMPERIAL_ATHLETE_ID)?.sportSettings[0]?.ftp).toBe(312);
    expect(ctx.fake.state.sportSettings[0]?.ftp).toBe(290);

    const bulk = await call(ctx.fake, `/api/v1/athlete/${IMPERIAL_ATHLETE_ID}/events/bulk`, {
      method: 'POST',
      body: JSON.stringify([{ category: 'NOTE', start_date_local: '2026-03-20', name: 'Race week' }]),
      headers: { 'content-type': 'application/json' },
    });
    expect(bulk.body).toMatchObject([{ athlete_id: IMPERIAL_ATHLETE_ID, name: 'Race week' }]);
    expect(ctx.fake.state.athlete(IMPERIAL_ATHLETE_ID)?.events.some((e) => e.name === 'Race week')).toBe(true);
    expect(ctx.fake.state.events.some((e) => e.name === 'Race week')).toBe(false);

    const form = new FormData();
    form.append('file', new Blob([sampleTcx(new Date('2026-03-11T07:00:00Z'), 300)]), 'ride.tcx');
    const upload = await call(ctx.fake, `/api/v1/athlete/${NO_POWER_ATHLETE_ID}/activities`, {
      method: 'POST',
      body: form,
    });
    expect(upload.status).toBe(201);
    const id = (upload.body as { id: string; icu_athlete_id: string }).id;
    expect(upload.body).toMatchObject({ icu_athlete_id: NO_POWER_ATHLETE_ID });
    expect(((await get(`/api/v1/activity/${id}`)).body as Activity).icu_athlete_id).toBe(NO_POWER_ATHLETE_ID);
    expect(ctx.fake.state.activities.some((a) => a.id === id)).toBe(false);
  });

  it('a device sync can target a coached athlete', () => {
    const result = ctx.fake.syncDevice('2026-03-12', { weight: 80.2 }, IMPERIAL_ATHLETE_ID);
    expect(result).toMatchObject({ applied: true, day: { weight: 80.2 } });
    expect(ctx.fake.state.wellness.get('2026-03-12')?.weight).not.toBe(80.2);
  });

  it('403 for an athlete the key does not coach (seeded or unknown), 404 for an unknown activity', async () => {
    for (const path of [
      `/api/v1/athlete/${OWNER}`,
      `/api/v1/athlete/${OWNER}/wellness`,
      `/api/v1/athlete/${HONOLULU_ATHLETE_ID}/wellness/2026-03-10`,
      '/api/v1/activity/i9001001',
      '/api/v1/activity/i8101001/streams.json',
    ]) {
      const res = await call(ctx.fake, path, { headers: { authorization: SOLO } });
      expect(res.status, path).toBe(403);
      expect(res.body).toEqual({ status: 403, error: 'Access denied' });
    }
    expect((await call(ctx.fake, '/api/v1/athlete/i999999/wellness')).status).toBe(403);
    expect((await call(ctx.fake, '/api/v1/activity/i8103001', { headers: { authorization: SOLO } })).status).toBe(200);
    expect((await call(ctx.fake, '/api/v1/activity/i8999999')).status).toBe(404);
  });
});

describe('revoked coaching', () => {
  it('revokeCoaching: the athlete’s routes answer 403, /athletes and the summary leave them out; reset restores', async () => {
    expect(ctx.fake.state.revokeCoaching(IMPERIAL_ATHLETE_ID)).toBe(true);
    for (const path of [
      `/api/v1/athlete/${IMPERIAL_ATHLETE_ID}`,
      `/api/v1/athlete/${IMPERIAL_ATHLETE_ID}/wellness/2026-03-15`,
      '/api/v1/activity/i8102001',
    ]) {
      const res = await call(ctx.fake, path);
      expect(res.status, path).toBe(403);
      expect(res.body).toEqual({ status: 403, error: 'Access denied' });
    }
    const ids = ((await get('/api/v1/athletes')).body as Profile[]).map((a) => a.id);
    expect(ids).toEqual([OWNER, HONOLULU_ATHLETE_ID, NO_POWER_ATHLETE_ID]);
    const summary = (await get('/api/v1/athlete/0/athlete-summary')).body as { athlete_id: string }[];
    expect(summary.map((s) => s.athlete_id)).not.toContain(IMPERIAL_ATHLETE_ID);
    expect(ctx.fake.state.snapshot().coaching[OWNER]).toEqual([HONOLULU_ATHLETE_ID, NO_POWER_ATHLETE_ID]);

    ctx.fake.reset();
    expect((await call(ctx.fake, `/api/v1/athlete/${IMPERIAL_ATHLETE_ID}`)).status).toBe(200);
  });

  it('POST /__fake/coaching revokes and restores, for tests that drive the stand-in over HTTP', async () => {
    const revoke = await call(ctx.fake, '/__fake/coaching', {
      method: 'POST',
      body: JSON.stringify({ athleteId: HONOLULU_ATHLETE_ID, coached: false }),
    });
    expect(revoke.body).toEqual({ coaching: { [OWNER]: [IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID] } });
    expect((await call(ctx.fake, `/api/v1/athlete/${HONOLULU_ATHLETE_ID}`)).status).toBe(403);
    await call(ctx.fake, '/__fake/coaching', {
      method: 'POST',
      body: JSON.stringify({ athleteId: HONOLULU_ATHLETE_ID, coached: true }),
    });
    expect((await call(ctx.fake, `/api/v1/athlete/${HONOLULU_ATHLETE_ID}`)).status).toBe(200);
    const bad = await call(ctx.fake, '/__fake/coaching', { method: 'POST', body: JSON.stringify({ athleteId: 'x' }) });
    expect(bad.status).toBe(400);
  });
});
