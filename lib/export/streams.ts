/**
 * Streams CSV: one row per sample of `/activity/{id}/streams.json`, a time column in seconds and as h:mm:ss, then one
 * column per stream the activity has (latlng split into latitude and longitude). Sample values are written as the API
 * sends them (no unit conversion, so nothing is lost); the unit is in the column name. A missing sample (null, or a
 * stream shorter than the others) is an empty cell. Which streams go in is the user's choice (`StreamChoice`s).
 *
 * Pure: API shapes in, rows out.
 */
import type { ActivityStream } from '../api/types';
import type { CsvCell } from './csv';
import { KNOWN_STREAMS, wantsStream } from './stream-choices';
import { hms } from './time';

export { STREAM_CHOICES, type StreamChoice, streamTypesToRequest, wantsStream } from './stream-choices';

/** Known stream types → their column headers (units in the name; the README's "Export" section says more). */
export const STREAM_COLUMNS: readonly { type: string; headers: readonly string[] }[] = [
  { type: 'watts', headers: ['power_w'] },
  { type: 'heartrate', headers: ['heart_rate_bpm'] },
  { type: 'cadence', headers: ['cadence'] },
  { type: 'distance', headers: ['distance_m'] },
  { type: 'altitude', headers: ['altitude_m'] },
  { type: 'latlng', headers: ['latitude', 'longitude'] },
  { type: 'velocity_smooth', headers: ['speed_m_s'] },
  { type: 'temp', headers: ['temperature_c'] },
  { type: 'left_right_balance', headers: ['lr_balance_left_pct'] },
];

const HEADERS = new Map<string, readonly string[]>(STREAM_COLUMNS.map((c) => [c.type, c.headers]));

type Sample = unknown;

function cell(value: Sample): CsvCell {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}

interface Source {
  headers: readonly string[];
  columns: readonly (readonly Sample[])[];
}

const ORDER = [...KNOWN_STREAMS];

/** Header row, then one row per sample. */
export function streamRows(streams: readonly ActivityStream[], excluded: readonly string[] = []): CsvCell[][] {
  const data = (s: ActivityStream | undefined): readonly Sample[] =>
    Array.isArray(s?.data) ? (s?.data as unknown as Sample[]) : [];
  const time = streams.find((s) => s.type === 'time');
  const others = streams
    .filter((s) => s.type && s.type !== 'time' && wantsStream(s.type, excluded))
    .map((s, i) => ({ s, i, rank: ORDER.indexOf(s.type as string) }))
    .sort((a, b) => (a.rank === -1 ? 999 : a.rank) - (b.rank === -1 ? 999 : b.rank) || a.i - b.i)
    .map((x) => x.s);

  const sources: Source[] = [];
  const seen = new Set<string>();
  for (const s of others) {
    const type = s.type as string;
    if (seen.has(type)) continue;
    seen.add(type);
    if (type === 'latlng') {
      const data2 = Array.isArray(s.data2) ? (s.data2 as unknown as Sample[]) : [];
      sources.push({ headers: HEADERS.get(type) ?? [], columns: [data(s), data2] });
    } else {
      sources.push({ headers: HEADERS.get(type) ?? [type], columns: [data(s)] });
    }
  }

  const times = data(time);
  const columns = sources.flatMap((src) => src.columns);
  const length = Math.max(times.length, ...columns.map((c) => c.length), 0);
  const rows: CsvCell[][] = new Array(length + 1);
  rows[0] = ['time_s', 'time', ...sources.flatMap((src) => src.headers)];
  for (let i = 0; i < length; i++) {
    const t = time ? times[i] : i; // without a time stream, samples are taken as 1 s apart
    const row: CsvCell[] = new Array(columns.length + 2);
    row[0] = typeof t === 'number' ? t : null;
    row[1] = typeof t === 'number' ? hms(t) : null;
    for (let c = 0; c < columns.length; c++) row[c + 2] = cell((columns[c] as readonly Sample[])[i]);
    rows[i + 1] = row;
  }
  return rows;
}
