/** Activities, intervals, streams and power curves come from the real recordings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanMaxPower } from '../../lib/power/mean-max';
import { readFitFile } from './fit';
import { FIXTURES_DIR } from './paths';
import { call, useFakeIcu } from './test-helpers';
import { daysBetween } from './time';
import type { Json } from './types';

const ctx = useFakeIcu();
const STRAVA = '15948300112';
const TODAY = '2026-03-15';

type Activity = Json & { id: string; type: string; start_date_local: string; source: string };
type Interval = Json & { start_index: number; end_index: number; average_watts: number; label: string };
type Stream = { type: string; data: (number | null)[]; data2?: (number | null)[] };
type Curve = {
  id: string;
  secs: number[];
  values: number[];
  activity_id: string[];
  watts_per_kg: number[];
  wkg_activity_id: string[];
  weight: number;
  vo2max_5m?: number;
  start_date_local: string;
  end_date_local: string;
};

const reference = JSON.parse(readFileSync(join(FIXTURES_DIR, 'reference.json'), 'utf8')) as {
  files: Record<
    string,
    {
      device_laps: {
        start_offset_s: number;
        avg_power_w: number;
        max_power_w: number;
        avg_heart_rate: number;
        total_distance_m: number;
      }[];
    }
  >;
};

async function listActivities(query = 'oldest=2025-01-01'): Promise<Activity[]> {
  const res = await call(ctx.fake, `/api/v1/athlete/0/activities?${query}`);
  expect(res.status).toBe(200);
  return res.body as Activity[];
}

describe('activity list', () => {
  it('has the six recordings and the Strava import, newest first, all within the last 60 days', async () => {
    const all = await listActivities();
    expect(all.map((a) => a.id)).toEqual([
      'i9001001',
      STRAVA,
      'i9001002',
      'i9001003',
      'i9001004',
      'i9001005',
      'i9001006',
    ]);
    const starts = all.map((a) => a.start_date_local);
    expect([...starts].sort().reverse()).toEqual(starts);
    for (const s of starts) {
      const age = daysBetween(s.slice(0, 10), TODAY);
      expect(age).toBeGreaterThanOrEqual(1);
      expect(age).toBeLessThanOrEqual(60);
    }
  });

  it('keeps each recording’s local time of day and tells the sport', async () => {
    const byId = new Map((await listActivities()).map((a) => [a.id, a]));
    expect(byId.get('i9001001')).toMatchObject({ type: 'Ride', start_date_local: '2026-03-14T16:10:03' });
    expect(byId.get('i9001001')?.start_date).toBe('2026-03-14T15:10:03Z');
    expect(byId.get('i9001002')).toMatchObject({ type: 'Run', start_date_local: '2026-03-11T17:06:47' });
    expect(byId.get('i9001003')).toMatchObject({ type: 'VirtualRide', trainer: true });
    expect(byId.get('i9001005')?.start_date_local).toBe('2026-02-13T15:35:10');
    expect(byId.get('i9001006')?.start_date_local).toBe('2026-01-24T14:26:44');
    expect(byId.get('i9001006')).toMatchObject({
      elapsed_time: 23595,
      moving_time: 13471,
      device_name: 'Wahoo ELEMNT',
    });
    for (const a of byId.values()) {
      if (a.source === 'STRAVA') continue;
      expect(a).toMatchObject({ source: 'UPLOAD', icu_athlete_id: 'i424242' });
      expect(a.icu_training_load).toEqual(expect.any(Number));
      expect(a.stream_types).toContain('watts');
    }
  });

  it('oldest is required; newest (inclusive day) and limit narrow the list', async () => {
    expect((await call(ctx.fake, '/api/v1/athlete/0/activities')).status).toBe(400);
    expect((await listActivities('oldest=2026-03-14&newest=2026-03-14')).map((a) => a.id)).toEqual(['i9001001']);
    expect((await listActivities('oldest=2026-01-01&limit=2')).map((a) => a.id)).toEqual(['i9001001', STRAVA]);
    expect(await listActivities('oldest=2026-03-15')).toEqual([]);
  });
});

describe('Strava import', () => {
  const stub = {
    id: STRAVA,
    icu_athlete_id: 'i424242',
    start_date_local: '2026-03-13T07:31:12',
    source: 'STRAVA',
    _note: 'STRAVA activities are not available via the API',
  };

  it('is the Hidden stub in lists and on GET /activity/{id}', async () => {
    expect((await listActivities()).find((a) => a.id === STRAVA)).toEqual(stub);
    expect((await call(ctx.fake, `/api/v1/activity/${STRAVA}`)).body).toEqual(stub);
    expect((await call(ctx.fake, `/api/v1/activity/${STRAVA}?intervals=true`)).body).toEqual(stub);
  });

  it.each(['intervals', 'streams.json', 'streams.json?types=watts', 'power-curve.json'])(
    'refuses /activity/{id}/%s with 422 and an error body',
    async (rest) => {
      const res = await call(ctx.fake, `/api/v1/activity/${STRAVA}/${rest}`);
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ status: 422, error: 'Cannot read Strava activities via the API' });
    },
  );
});

describe('intervals from device laps', () => {
  it.each([
    ['i9001005', 'Edge810-Vector-2013-08-16-15-35-10.fit'],
    ['i9001003', 'sample-activity-indoor-trainer.fit'],
    ['i9001001', '4078723797.fit'],
  ])('%s has one interval per lap of %s, as recorded', async (id, file) => {
    const res = await call(ctx.fake, `/api/v1/activity/${id}/intervals`);
    const dto = res.body as { id: string; icu_intervals: Interval[]; icu_groups: unknown[] };
    const laps = reference.files[file]?.device_laps ?? [];
    expect(dto.id).toBe(id);
    expect(dto.icu_intervals).toHaveLength(laps.length);
    dto.icu_intervals.forEach((iv, i) => {
      const lap = laps[i];
      expect(iv.label).toBe(`Lap ${i + 1}`);
      expect(iv.start_index).toBe(lap?.start_offset_s);
      expect(iv.average_watts).toBe(lap?.avg_power_w);
      expect(iv.max_watts).toBe(lap?.max_power_w);
      expect(iv.average_heartrate).toBe(lap?.avg_heart_rate);
      expect(iv.distance).toBeCloseTo(lap?.total_distance_m ?? 0, 1);
      expect(['WORK', 'RECOVERY']).toContain(iv.type);
      if (i > 0) expect(iv.start_index).toBe(dto.icu_intervals[i - 1]?.end_index);
    });
    const withIntervals = (await call(ctx.fake, `/api/v1/activity/${id}?intervals=true`)).body as Json;
    expect(withIntervals.icu_intervals).toEqual(dto.icu_intervals);
    expect((await call(ctx.fake, `/api/v1/activity/${id}`)).body).not.toHaveProperty('icu_intervals');
  });
});

describe('streams', () => {
  const streams = async (id: string, query: string) =>
    (await call(ctx.fake, `/api/v1/activity/${id}/streams.json${query}`)).body as Stream[];

  it('returns the requested types in order, with real gaps in time', async () => {
    const s = await streams('i9001006', '?types=time,watts,latlng,heartrate');
    expect(s.map((x) => x.type)).toEqual(['time', 'watts', 'latlng', 'heartrate']);
    const time = s[0]?.data as number[];
    expect(time).toHaveLength(13471);
    const steps = time.slice(1).map((t, i) => t - (time[i] as number));
    expect(Math.max(...steps)).toBe(2530);
    const latlng = s[2] as Stream;
    expect(latlng.data2).toHaveLength(13471);
    expect(latlng.data.find((v) => v !== null)).toBeCloseTo(31.25, 1);
  });

  it('keeps null power samples as null (the indoor trainer dropout)', async () => {
    const [watts] = await streams('i9001003', '?types=watts');
    expect(watts?.data.filter((v) => v === null)).toHaveLength(41);
  });

  it('without types returns every stream, the power stream named raw_watts (spec note)', async () => {
    const types = (await streams('i9001001', '')).map((s) => s.type);
    expect(types).toContain('raw_watts');
    expect(types).not.toContain('watts');
    expect(types).toEqual(expect.arrayContaining(['time', 'heartrate', 'cadence', 'distance', 'altitude', 'latlng']));
    expect(types).toEqual(expect.arrayContaining(['velocity_smooth', 'temp', 'left_right_balance']));
  });

  it('leaves out streams the file does not have', async () => {
    const types = (await streams('i9001003', '?types=time,watts,latlng,distance,left_right_balance')).map(
      (s) => s.type,
    );
    expect(types).toEqual(['time', 'watts']);
  });

  it('serves CSV with .csv', async () => {
    const res = await call(ctx.fake, '/api/v1/activity/i9001004/streams.csv?types=time,watts,latlng');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('time,watts,lat,lng');
    expect(lines).toHaveLength(97);
  });
});

describe('power curves', () => {
  const rides42d = [
    '4078723797.fit',
    'sample-activity-indoor-trainer.fit',
    '2020-06-01-16-52-40.fit',
    'Edge810-Vector-2013-08-16-15-35-10.fit',
  ];
  const ids: Record<string, string> = {
    '4078723797.fit': 'i9001001',
    'sample-activity-indoor-trainer.fit': 'i9001003',
    '2020-06-01-16-52-40.fit': 'i9001004',
    'Edge810-Vector-2013-08-16-15-35-10.fit': 'i9001005',
    '2019-02-17-062644-ELEMNT-297E-195-0.fit': 'i9001006',
  };

  function expected(files: string[], secs: number[]) {
    const curves = files.map((f) => {
      const fit = readFitFile(join(FIXTURES_DIR, f));
      return {
        id: ids[f],
        mmp: meanMaxPower(
          fit.records.map((r) => r.time),
          fit.records.map((r) => r.watts),
          secs,
        ),
      };
    });
    return secs.map((_, i) => {
      let best: { w: number; id: string } | undefined;
      for (const c of curves) {
        const w = c.mmp[i];
        if (w != null && (!best || w > best.w)) best = { w, id: c.id ?? '' };
      }
      return best;
    });
  }

  async function curves(query: string) {
    const res = await call(ctx.fake, `/api/v1/athlete/0/power-curves?${query}`);
    expect(res.status).toBe(200);
    return res.body as { list: Curve[]; activities: Record<string, Activity> };
  }

  it('42d and 84d are the best of the rides in each window, per duration, with the activity', async () => {
    const { list, activities } = await curves('type=Ride&curves=42d,84d');
    const [c42, c84] = list as [Curve, Curve];
    expect(c42.id).toBe('42d');
    const want42 = expected(rides42d, c42.secs);
    c42.secs.forEach((_, i) => {
      expect(c42.values[i]).toBe(Math.round(want42[i]?.w ?? Number.NaN));
      expect(c42.activity_id[i]).toBe(want42[i]?.id);
    });
    const want84 = expected([...rides42d, '2019-02-17-062644-ELEMNT-297E-195-0.fit'], c84.secs);
    c84.secs.forEach((_, i) => {
      expect(c84.values[i]).toBe(Math.round(want84[i]?.w ?? Number.NaN));
    });
    expect(c84.secs.length).toBeGreaterThan(c42.secs.length);
    expect(Object.keys(activities).sort()).toEqual(
      [...new Set([...c42.activity_id, ...c84.activity_id, ...c42.wkg_activity_id, ...c84.wkg_activity_id])].sort(),
    );
    expect(JSON.stringify(list)).not.toContain('i9001002');
  });

  it('gives vo2max_5m from the best 5-minute W/kg (Sitko: 16.6 + 8.87 × W/kg)', async () => {
    const { list } = await curves('type=Ride&curves=90d');
    const c = list[0] as Curve;
    const i = c.secs.indexOf(300);
    expect(c.vo2max_5m).toBeCloseTo(16.6 + 8.87 * (c.watts_per_kg[i] ?? 0), 1);
    expect(c.weight).toBeGreaterThan(60);
  });

  it('type=Run uses only the run and gives no cycling VO2max', async () => {
    const { list } = await curves('type=Run&curves=all');
    const c = list[0] as Curve;
    expect(new Set(c.activity_id)).toEqual(new Set(['i9001002']));
    expect(c.vo2max_5m).toBeUndefined();
  });

  it('windows: r.A.B is inclusive, s0 starts at the season start, all covers everything', async () => {
    const { list } = await curves('type=Ride&curves=r.2026-03-14.2026-03-14,s0,all,7d,9d');
    const [range, season, all, week, nineDays] = list as [Curve, Curve, Curve, Curve, Curve];
    expect(new Set(range.activity_id)).toEqual(new Set(['i9001001']));
    expect(range.start_date_local).toBe('2026-03-14T00:00:00');
    expect(season.start_date_local).toBe('2025-12-30T00:00:00');
    expect(all.secs.length).toBeGreaterThanOrEqual(season.secs.length);
    // The trainer ride is 8 days old: outside 7d (today and the 6 days before), inside 9d (where the longer road ride
    // still wins every duration, so only the totals show it).
    const rides = await listActivities();
    const load = (id: string) => Number(rides.find((a) => a.id === id)?.icu_training_load);
    expect((week as Curve & { training_load: number }).training_load).toBe(load('i9001001'));
    expect((nineDays as Curve & { training_load: number }).training_load).toBe(load('i9001001') + load('i9001003'));
  });

  it('-kj0 curves use only what comes after 1000 kJ of work', async () => {
    const { list } = await curves('type=Ride&curves=all,all-kj0');
    const [fresh, tired] = list as [Curve, Curve];
    expect(tired.id).toBe('all-kj0');
    tired.values.forEach((v, i) => {
      expect(v).toBeLessThanOrEqual(fresh.values[i] ?? 0);
    });
    expect(tired.values[0]).toBeLessThan(fresh.values[0] ?? 0);
  });

  it('type is required and bad curve ids are refused', async () => {
    expect((await call(ctx.fake, '/api/v1/athlete/0/power-curves?curves=42d')).status).toBe(400);
    expect((await call(ctx.fake, '/api/v1/athlete/0/power-curves?type=Ride&curves=fortnight')).status).toBe(400);
  });

  it('activity power-curve reproduces reference.json (whole watts, so within 0.55 W of the 0.1 W figures)', async () => {
    const res = await call(ctx.fake, '/api/v1/activity/i9001005/power-curve.json');
    const c = res.body as Curve & { watts: number[] };
    const mmp = JSON.parse(readFileSync(join(FIXTURES_DIR, 'reference.json'), 'utf8')).files[
      'Edge810-Vector-2013-08-16-15-35-10.fit'
    ].mmp_w as Record<string, number | null>;
    for (const [secs, watts] of Object.entries(mmp)) {
      const i = c.secs.indexOf(Number(secs));
      if (watts === null) expect(i).toBe(-1);
      else expect(Math.abs((c.values[i] ?? Number.NaN) - watts)).toBeLessThanOrEqual(0.55);
    }
    expect(c.watts).toEqual(c.values);
    expect(c.vo2max_5m).toBeGreaterThan(50);
    const run = (await call(ctx.fake, '/api/v1/activity/i9001002/power-curve')).body as Curve;
    expect(run.values.length).toBeGreaterThan(0);
    expect(run.vo2max_5m).toBeUndefined();
  });
});

describe('events and settings', () => {
  it('events default to today + 6 days', async () => {
    const res = await call(ctx.fake, '/api/v1/athlete/0/events');
    const days = (res.body as { start_date_local: string }[]).map((e) => e.start_date_local.slice(0, 10));
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) {
      expect(daysBetween(TODAY, d)).toBeGreaterThanOrEqual(0);
      expect(daysBetween(TODAY, d)).toBeLessThanOrEqual(6);
    }
  });

  it('sport settings cover Ride, Run and Swim', async () => {
    const res = await call(ctx.fake, '/api/v1/athlete/0/sport-settings');
    const types = (res.body as { types: string[] }[]).map((s) => s.types[0]);
    expect(types).toEqual(['Ride', 'Run', 'Swim']);
  });
});
