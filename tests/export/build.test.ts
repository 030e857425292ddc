import { describe, expect, it } from 'vitest';
import type { ActivityStream, ActivityWithIntervals } from '../../lib/api/types';
import { buildActivityFiles } from '../../lib/export/build';
import { EXPORT_ACTIVITY_FIELDS, pickExportFields } from '../../lib/export/data';

const activity = {
  id: 'i42',
  name: 'Track: 6×800 m',
  type: 'Run',
  start_date_local: '2024-05-01T18:00:00',
  icu_intervals: [{ start_index: 0, start_time: 0, end_time: 180, average_speed: 5 }],
  stream_types: ['time', 'heartrate'],
  skyline_chart_bytes: ['AAAA'],
  description: 'not needed',
} as ActivityWithIntervals;
const streams = [
  { type: 'time', data: [0, 1] },
  { type: 'heartrate', data: [120, null] },
] as unknown as ActivityStream[];

describe('buildActivityFiles', () => {
  it('the background sends only the fields the export uses', () => {
    const picked = pickExportFields(activity);
    expect(Object.keys(picked).every((k) => (EXPORT_ACTIVITY_FIELDS as readonly string[]).includes(k))).toBe(true);
    expect(picked).not.toHaveProperty('skyline_chart_bytes');
    expect(picked.icu_intervals).toHaveLength(1);
  });

  it('builds the files asked for, named and formatted as chosen', () => {
    const files = buildActivityFiles(
      { activity: pickExportFields(activity), streams },
      { laps: true, streams: true, csv: { delimiter: ';', bom: true } },
    );
    expect(files.laps?.fileName).toBe('2024-05-01_Track-6×800-m_i42_laps.csv');
    expect(files.laps?.text.startsWith('\uFEFFlap;label;')).toBe(true);
    expect(files.laps?.text).toContain(';3:20;'); // 5 m/s → 3:20 min/km
    expect(files.streams?.fileName).toBe('2024-05-01_Track-6×800-m_i42_streams.csv');
    expect(files.streams?.text).toBe('\uFEFFtime_s;time;heart_rate_bpm\r\n0;0:00:00;120\r\n1;0:00:01;\r\n');
    expect(files.activity).toMatchObject({ id: 'i42', lapCount: 1, streamTypes: ['time', 'heartrate'] });
  });

  it('only what was asked for', () => {
    const lapsOnly = buildActivityFiles({ activity, streams: null }, { laps: true, streams: true });
    expect(lapsOnly.streams).toBeNull();
    expect(buildActivityFiles({ activity, streams }, { laps: false, streams: true }).laps).toBeNull();
  });
});
