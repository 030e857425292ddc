import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ActivityStream } from '../../lib/api/types';
import { STREAM_CHOICES, streamRows, streamTypesToRequest, wantsStream } from '../../lib/export/streams';
import { activityIdOf, exportActivity, standInServices, useFakeIcu } from './stand-in';

const standIn = useFakeIcu();

function parse(text: string) {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

const stream = (type: string, data: unknown[], extra: Partial<ActivityStream> = {}): ActivityStream =>
  ({ type, data, ...extra }) as unknown as ActivityStream;

describe('streams CSV from the stand-in (real recordings)', () => {
  it('one row per sample: time in s and h:mm:ss, a column per stream, latlng split, gaps as empty cells', async () => {
    const services = standInServices(standIn.fake);
    const id = activityIdOf(standIn.fake, '2019-02-17-062644-ELEMNT-297E-195-0.fit');
    const files = await exportActivity(
      services,
      { activityId: id, laps: false, streams: true },
      { csv: {}, excludedStreams: [] },
    );
    expect(files.laps).toBeNull();
    const { fields, rows } = parse(files.streams?.text ?? '');
    expect(fields).toEqual([
      'time_s',
      'time',
      'power_w',
      'heart_rate_bpm',
      'cadence',
      'distance_m',
      'altitude_m',
      'latitude',
      'longitude',
      'speed_m_s',
      'temperature_c',
      'lr_balance_left_pct',
    ]);

    const api = await services.client.getStreams(id, ['time', 'watts', 'heartrate', 'latlng']);
    const byType = new Map(api.map((s) => [s.type, s.data as unknown as (number | null)[]]));
    const time = byType.get('time') ?? [];
    expect(rows).toHaveLength(time.length);
    // Spot checks across the whole ride, including samples where the recording has no value.
    const watts = byType.get('watts') ?? [];
    const hr = byType.get('heartrate') ?? [];
    const lat = byType.get('latlng') ?? [];
    const lng = (api.find((s) => s.type === 'latlng')?.data2 ?? []) as unknown as (number | null)[];
    let emptyHr = 0;
    for (let i = 0; i < rows.length; i += 97) {
      const row = rows[i] as Record<string, string>;
      expect(Number(row.time_s)).toBe(time[i]);
      expect(row.power_w).toBe(watts[i] === null ? '' : String(watts[i]));
      expect(row.heart_rate_bpm).toBe(hr[i] === null ? '' : String(hr[i]));
      expect(row.latitude).toBe(lat[i] === null ? '' : String(lat[i]));
      expect(row.longitude).toBe(lng[i] === null ? '' : String(lng[i]));
      if (hr[i] === null) emptyHr++;
    }
    expect(emptyHr).toBeGreaterThan(0); // the recording does have gaps, and they stay empty
    const last = rows.at(-1) as Record<string, string>;
    const [h, m, s] = (last.time ?? '').split(':').map(Number);
    expect((h as number) * 3600 + (m as number) * 60 + (s as number)).toBe(Math.round(Number(last.time_s)));
  });

  it('leaves out the streams the user left out, and does not even request them', async () => {
    const services = standInServices(standIn.fake);
    const id = activityIdOf(standIn.fake, '4078723797.fit');
    const before = standIn.fake.state.snapshot().log.length;
    const files = await exportActivity(
      services,
      { activityId: id, laps: false, streams: true },
      { csv: { delimiter: ';', bom: true }, excludedStreams: ['latlng', 'altitude', 'other'] },
    );
    const text = files.streams?.text ?? '';
    expect(text.startsWith('\uFEFFtime_s;time;power_w;')).toBe(true);
    expect(text).not.toContain('latitude');
    expect(text).not.toContain('altitude_m');
    const streamsRequest = standIn.fake.state
      .snapshot()
      .log.slice(before)
      .find((entry) => entry.path.endsWith('/streams.json'));
    const types = new URLSearchParams(streamsRequest?.query ?? '').get('types')?.split(',') ?? [];
    expect(types).toContain('watts');
    expect(types).not.toContain('latlng');
    expect(types).not.toContain('altitude');
  });
});

describe('streamRows', () => {
  it('pads shorter streams with empty cells and keeps nulls empty', () => {
    const rows = streamRows([
      stream('time', [0, 1, 2]),
      stream('watts', [100, null]),
      stream('heartrate', [120, 121, 122]),
    ]);
    expect(rows).toEqual([
      ['time_s', 'time', 'power_w', 'heart_rate_bpm'],
      [0, '0:00:00', 100, 120],
      [1, '0:00:01', null, 121],
      [2, '0:00:02', null, 122],
    ]);
  });

  it('orders known streams first, then others under their own name; arrays become space-separated', () => {
    const rows = streamRows([
      stream('smo2', [55]),
      stream('heartrate', [120]),
      stream('time', [0]),
      stream('hrv', [[812, 790]], { valueTypeIsArray: true }),
      stream('watts', [200]),
    ]);
    expect(rows[0]).toEqual(['time_s', 'time', 'power_w', 'heart_rate_bpm', 'smo2', 'hrv']);
    expect(rows[1]).toEqual([0, '0:00:00', 200, 120, 55, '812 790']);
  });

  it('counts samples 1 s apart when there is no time stream', () => {
    expect(streamRows([stream('watts', [1, 2])]).slice(1)).toEqual([
      [0, '0:00:00', 1],
      [1, '0:00:01', 2],
    ]);
  });

  it('no streams → the header alone', () => {
    expect(streamRows([])).toEqual([['time_s', 'time']]);
  });

  it('honours the choices: known streams by id, the rest as "other", time always', () => {
    expect(wantsStream('time', ['other', 'watts'])).toBe(true);
    expect(wantsStream('watts', ['watts'])).toBe(false);
    expect(wantsStream('smo2', ['other'])).toBe(false);
    expect(wantsStream('smo2', ['watts'])).toBe(true);
    expect(STREAM_CHOICES.map((c) => c.id)).toContain('other');
    const rows = streamRows([stream('time', [0]), stream('watts', [1]), stream('smo2', [2])], ['other']);
    expect(rows[0]).toEqual(['time_s', 'time', 'power_w']);
  });

  it('asks for the wanted streams the activity has, by name', () => {
    expect(streamTypesToRequest(['time', 'watts', 'latlng', 'smo2'], ['latlng'])).toEqual(['time', 'watts', 'smo2']);
    expect(streamTypesToRequest(['watts'], [])).toEqual(['time', 'watts']);
    expect(streamTypesToRequest(undefined, ['other', 'latlng'])).not.toContain('latlng');
    expect(streamTypesToRequest(undefined, [])).toContain('watts');
  });
});
