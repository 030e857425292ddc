import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Interval } from '../../lib/api/types';
import { toCsv } from '../../lib/export/csv';
import { LAP_HEADERS, lapRows } from '../../lib/export/laps';
import { activityIdOf, deviceLaps, exportActivity, standInServices, useFakeIcu } from './stand-in';

type LapRow = Record<(typeof LAP_HEADERS)[number], string>;

function parse(text: string): LapRow[] {
  const parsed = Papa.parse<LapRow>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual([...LAP_HEADERS]);
  return parsed.data;
}

const settings = { csv: {}, excludedStreams: [] };
const standIn = useFakeIcu();

describe('laps CSV from the stand-in (the real recordings’ device laps)', () => {
  it.each(['Edge810-Vector-2013-08-16-15-35-10.fit', 'sample-activity-indoor-trainer.fit'])(
    '%s: one row per device lap; durations and average power match reference.json',
    async (file) => {
      const services = standInServices(standIn.fake);
      const files = await exportActivity(
        services,
        { activityId: activityIdOf(standIn.fake, file), laps: true, streams: false },
        settings,
      );
      expect(files.streams).toBeNull();
      const rows = parse(files.laps?.text ?? '');
      const expected = deviceLaps(file);
      expect(rows).toHaveLength(expected.length);
      rows.forEach((row, i) => {
        const lap = expected[i];
        if (!lap) throw new Error('missing lap');
        expect(Number(row.lap)).toBe(i + 1);
        // intervals.icu stores whole seconds: within half a second of the device's lap times.
        expect(Math.abs(Number(row.moving_time_s) - lap.total_timer_time_s)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(Number(row.elapsed_time_s) - lap.total_elapsed_time_s)).toBeLessThanOrEqual(0.5);
        expect(Number(row.avg_power_w)).toBe(lap.avg_power_w);
        expect(Number(row.max_power_w)).toBe(lap.max_power_w);
        expect(Number(row.avg_hr_bpm)).toBe(lap.avg_heart_rate);
        expect(Number(row.distance_m)).toBeCloseTo(lap.total_distance_m, 1);
        // The lap starts at the first sample on or after the device's lap start.
        expect(Math.abs(Number(row.start_s) - lap.start_offset_s)).toBeLessThanOrEqual(1);
        expect(row.moving_time).toMatch(/^\d+:\d{2}:\d{2}$/);
      });
    },
  );

  it('writes clock times from the activity’s local start, h:mm:ss durations, W/kg and NP', async () => {
    const services = standInServices(standIn.fake);
    const id = activityIdOf(standIn.fake, 'Edge810-Vector-2013-08-16-15-35-10.fit');
    const files = await exportActivity(services, { activityId: id, laps: true, streams: false }, settings);
    const rows = parse(files.laps?.text ?? '');
    const activity = await services.client.getActivity(id, { intervals: true });
    const start = (activity.start_date_local ?? '').replace('T', ' ');
    const first = rows[0] as LapRow;
    expect(first.start_time).toBe(start);
    expect(first.start_elapsed).toBe('0:00:00');
    expect(first.moving_time).toBe('0:20:07');
    const second = rows[1] as LapRow;
    // end of lap 1 and start of lap 2 are the same second, on the wall clock too
    expect(second.start_time).toBe(first.end_time);
    for (const row of rows) {
      expect(Number(row.avg_w_kg)).toBeCloseTo(Number(row.avg_power_w) / (activity.icu_weight ?? Number.NaN), 1);
      expect(Number(row.np_w)).toBeGreaterThanOrEqual(Number(row.avg_power_w));
      expect(row.pace_min_km).toBe(''); // a ride: no pace
      expect(row.pace_min_100m).toBe('');
      expect(Number(row.avg_speed_kmh)).toBeGreaterThan(0);
    }
    expect(files.laps?.fileName).toBe(`${activity.start_date_local?.slice(0, 10)}_3×20-min-tempo_${id}_laps.csv`);
  });

  it('gives runs a pace in min/km', async () => {
    const services = standInServices(standIn.fake);
    const id = activityIdOf(standIn.fake, 'developer-types-sample.fit');
    const files = await exportActivity(services, { activityId: id, laps: true, streams: false }, settings);
    const rows = parse(files.laps?.text ?? '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const kmh = Number(row.avg_speed_kmh);
      const [m, s] = (row.pace_min_km ?? '').split(':').map(Number);
      expect((m as number) * 60 + (s as number)).toBeCloseTo(3600 / kmh, -0.5);
      expect(row.pace_min_100m).toBe('');
    }
  });

  it('refuses a Strava import with the Strava reason', async () => {
    const services = standInServices(standIn.fake);
    const strava = standIn.fake.seed.activities.find((a) => a.source === 'STRAVA');
    await expect(
      exportActivity(services, { activityId: strava?.id ?? '', laps: true, streams: true }, settings),
    ).rejects.toMatchObject({ kind: 'strava' });
  });
});

describe('lapRows', () => {
  const lap = (overrides: Partial<Interval>): Interval => ({
    start_index: 0,
    start_time: 0,
    end_time: 60,
    ...overrides,
  });

  it('swims: pace per 100 m, not per km', () => {
    const rows = lapRows({ type: 'Swim', start_date_local: '2024-06-01T07:00:00' }, [
      lap({ average_speed: 1.25, moving_time: 80, elapsed_time: 95, distance: 100 }),
    ]);
    const [header, row] = rows as [string[], unknown[]];
    expect(row[header.indexOf('pace_min_100m')]).toBe('1:20');
    expect(row[header.indexOf('pace_min_km')]).toBe('');
    expect(row[header.indexOf('avg_speed_kmh')]).toBe(4.5);
  });

  it('sorts laps by start and numbers them from 1', () => {
    const rows = lapRows({ type: 'Ride', start_date_local: '2024-06-01T23:59:30' }, [
      lap({ label: 'second', start_index: 60, start_time: 60, end_time: 120 }),
      lap({ label: 'first', start_index: 0, start_time: 0, end_time: 60 }),
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      [1, 'first', '2024-06-01 23:59:30'],
      [2, 'second', '2024-06-02 00:00:30'], // past midnight: the next day
    ]);
  });

  it('computes W/kg from the activity’s weight when the API sends none; empty cells for what is missing', () => {
    const rows = lapRows({ type: 'Ride', start_date_local: '2024-06-01T07:00:00', icu_weight: 70 }, [
      lap({ average_watts: 210 }),
    ]);
    const [header, row] = rows as [string[], unknown[]];
    expect(row[header.indexOf('avg_w_kg')]).toBe(3);
    const csv = toCsv(rows);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data[0];
    expect(parsed?.avg_hr_bpm).toBe('');
    expect(parsed?.lr_balance_left_pct).toBe('');
  });

  it('an activity without laps is the header alone', () => {
    expect(lapRows({ type: 'Ride', start_date_local: '2024-06-01T07:00:00' }, undefined)).toEqual([[...LAP_HEADERS]]);
  });

  it('a crafted label cannot run as a formula', () => {
    const csv = toCsv(lapRows({ type: 'Ride', start_date_local: '' }, [lap({ label: '=HYPERLINK("x")' })]));
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
