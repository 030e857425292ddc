/** Sport settings writes and the season's SEASON_START events, as the training section uses them. */
import { beforeEach, describe, expect, it } from 'vitest';
import { validateResponse } from './openapi-validate';
import { call, putJson, useFakeIcu } from './test-helpers';

const ctx = useFakeIcu();
beforeEach(() => ctx.fake.reset());
const BASE = '/api/v1/athlete/0/sport-settings';

type Settings = Record<string, unknown> & { id: number; types: string[] };

describe('sport settings', () => {
  it('lists Ride with power zones, Run with a threshold pace per km, Swim per 100 m', async () => {
    const list = (await call(ctx.fake, BASE)).body as Settings[];
    const [ride, run, swim] = list;
    expect(ride).toMatchObject({ types: expect.arrayContaining(['Ride']), ftp: 290, power_zones: expect.any(Array) });
    expect(run).toMatchObject({ types: expect.arrayContaining(['Run']), threshold_pace: 3.85, pace_units: 'MINS_KM' });
    expect(swim).toMatchObject({
      types: expect.arrayContaining(['Swim']),
      threshold_pace: 1.25,
      pace_units: 'SECS_100M',
    });
  });

  it('reads one by id or by activity type, and 404s a sport without settings', async () => {
    expect(((await call(ctx.fake, `${BASE}/1101`)).body as Settings).types).toContain('Ride');
    expect(((await call(ctx.fake, `${BASE}/Run`)).body as Settings).id).toBe(1102);
    const missing = await call(ctx.fake, `${BASE}/Rowing`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ status: 404, error: 'Sport settings not found: Rowing' });
  });

  it('PUT one changes only the fields sent, keeps id and types, and answers a spec-valid record', async () => {
    const before = (await call(ctx.fake, `${BASE}/Ride`)).body as Settings;
    const res = await putJson(ctx.fake, `${BASE}/Ride?recalcHrZones=false`, { ftp: 301, types: ['Run'], id: 9 });
    expect(res.status).toBe(200);
    const after = res.body as Settings;
    expect(after).toMatchObject({ id: 1101, ftp: 301, types: before.types, indoor_ftp: before.indoor_ftp });
    expect(after.hr_zones).toEqual(before.hr_zones);
    expect(after.updated).not.toBe(before.updated);
    expect(validateResponse('PUT', `${BASE}/Ride`, 200, after).errors).toEqual([]);
    // the athlete's own record shows the new value too
    const athlete = (await call(ctx.fake, '/api/v1/athlete/0')).body as { sportSettings: Settings[] };
    expect(athlete.sportSettings[0]?.ftp).toBe(301);
  });

  it('recalcHrZones=true moves the HR zones with a new max HR; false leaves them', async () => {
    const before = (await call(ctx.fake, `${BASE}/1101`)).body as Settings & { hr_zones: number[] };
    await putJson(ctx.fake, `${BASE}/1101?recalcHrZones=false`, { max_hr: 200 });
    expect(((await call(ctx.fake, `${BASE}/1101`)).body as Settings).hr_zones).toEqual(before.hr_zones);
    ctx.fake.reset();
    await putJson(ctx.fake, `${BASE}/1101?recalcHrZones=true`, { max_hr: 209 });
    const zones = ((await call(ctx.fake, `${BASE}/1101`)).body as Settings & { hr_zones: number[] }).hr_zones;
    expect(zones.at(-1)).toBe(209);
    expect(zones[0]).toBe(Math.round((before.hr_zones[0] as number) * (209 / 190)));
  });

  it('PUT many writes each by id; a body off the spec answers 422 with the reason and changes nothing', async () => {
    const res = await putJson(ctx.fake, `${BASE}?recalcHrZones=false`, [
      { id: 1101, indoor_ftp: 275 },
      { id: 1102, lthr: 172 },
    ]);
    expect(res.status).toBe(200);
    expect((res.body as Settings[]).map((s) => [s.indoor_ftp, s.lthr])).toEqual([
      [275, 168],
      [undefined, 172],
    ]);
    const bad = await putJson(ctx.fake, `${BASE}/Ride?recalcHrZones=false`, { ftp: 'high' });
    expect(bad.status).toBe(422);
    expect((bad.body as { error: string }).error).toMatch(/^Invalid sport settings: .*ftp/);
    expect(((await call(ctx.fake, `${BASE}/Ride`)).body as Settings).ftp).toBe(290);
    ctx.fake.reset();
    expect(((await call(ctx.fake, `${BASE}/1101`)).body as Settings).indoor_ftp).toBe(280);
  });

  it('PUT …/apply answers at once and is recorded', async () => {
    const res = await putJson(ctx.fake, `${BASE}/1101/apply`, undefined);
    expect(res.status).toBe(200);
    expect(ctx.fake.state.appliedSettings).toEqual([1101]);
    expect((await putJson(ctx.fake, `${BASE}/Rowing/apply`, undefined)).status).toBe(404);
  });
});

describe('the season', () => {
  it('listEvents without oldest/newest covers today to six days ahead: no SEASON_START there', async () => {
    const res = await call(ctx.fake, '/api/v1/athlete/0/events?category=SEASON_START');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('with an explicit window it lists the past, current and planned season starts', async () => {
    const today = ctx.fake.seed.today;
    const res = await call(
      ctx.fake,
      `/api/v1/athlete/0/events?category=SEASON_START&oldest=2024-03-15&newest=2027-03-15`,
    );
    const names = (res.body as { name: string; start_date_local: string }[]).map((e) => e.name);
    expect(names).toEqual(['Season 1', 'Season 2', 'Season 3']);
    expect(today).toBe('2026-03-15');
  });
});
