import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../entrypoints/background/api/limiter';
import { listActivitiesForExport } from '../../entrypoints/background/services/export';
import { IcuError } from '../../lib/api/errors';
import {
  ACTIVITY_HEADERS,
  type ActivityFiles,
  type BulkActivity,
  type BulkProgress,
  runBulkExport,
  SKIPPED_HEADERS,
} from '../../lib/export/bulk';
import { createZipWriter } from '../../lib/export/zip';
import { MessageError } from '../../lib/messages';
import { connectedAthlete } from '../../lib/settings';
import { exportActivity, standInServices, useFakeIcu } from './stand-in';

function zipSink() {
  const chunks: Uint8Array[] = [];
  const writer = createZipWriter((c) => chunks.push(c), { mtime: new Date('2024-05-01T00:00:00Z') });
  return {
    writer,
    files() {
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        all.set(c, at);
        at += c.length;
      }
      return Object.fromEntries(Object.entries(unzipSync(all)).map(([name, bytes]) => [name, strFromU8(bytes)]));
    },
  };
}

const csvOf = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });

const listed = (id: string, extra: Partial<BulkActivity> = {}): BulkActivity => ({
  id,
  name: `Ride ${id}`,
  type: 'Ride',
  startDateLocal: '2024-05-01T07:00:00',
  restrictedBy: null,
  ...extra,
});

function filesFor(id: string): ActivityFiles {
  return {
    activity: {
      id,
      name: `Ride ${id}`,
      type: 'Ride',
      startDateLocal: '2024-05-01T07:00:00',
      movingTimeSecs: 3600,
      elapsedTimeSecs: 3700,
      distanceMeters: 30000,
      trainingLoad: 80,
      averageWatts: 200,
      normalizedWatts: 220,
      averageHeartRate: 140,
      lapCount: 1,
      streamTypes: ['time', 'watts'],
    },
    laps: { fileName: `2024-05-01_Ride-${id}_${id}_laps.csv`, text: `lap\r\n1\r\n` },
    streams: { fileName: `2024-05-01_Ride-${id}_${id}_streams.csv`, text: `time_s\r\n0\r\n` },
  };
}

describe('runBulkExport', () => {
  it('exports what it can and lists the rest in skipped.csv with the reason', async () => {
    const zip = zipSink();
    const fetched: string[] = [];
    const result = await runBulkExport(
      [
        listed('i1'),
        listed('123', { name: 'Imported', type: null, restrictedBy: 'strava' }),
        listed('i2'),
        listed('i3'),
        listed('i4'),
      ],
      {
        zip: zip.writer,
        async fetchActivity(id) {
          fetched.push(id);
          if (id === 'i2')
            throw new IcuError({ kind: 'not-found', status: 404, message: 'intervals.icu has no such item (404).' });
          if (id === 'i3') throw new MessageError({ kind: 'strava', message: 'Imported from Strava' });
          if (id === 'i4')
            throw new IcuError({ kind: 'unavailable', status: 503, message: 'intervals.icu is having trouble (503).' });
          return filesFor(id);
        },
      },
    );
    expect(result.state).toBe('done');
    expect(fetched).not.toContain('123'); // known from the list: no request at all

    const files = zip.files();
    expect(Object.keys(files).sort()).toEqual([
      '2024-05-01_Ride-i1_i1_laps.csv',
      '2024-05-01_Ride-i1_i1_streams.csv',
      'activities.csv',
      'skipped.csv',
    ]);
    const skipped = csvOf(files['skipped.csv'] as string);
    expect(skipped.meta.fields).toEqual([...SKIPPED_HEADERS]);
    expect(skipped.data.map((r) => [r.id, r.reason])).toEqual([
      ['123', 'strava'],
      ['i2', 'deleted'],
      ['i3', 'strava'],
      ['i4', 'error'],
    ]);
    expect(skipped.data[0]?.detail).toMatch(/Strava/);
    expect(skipped.data[1]?.detail).toMatch(/no longer has/);
    expect(skipped.data[3]?.detail).toMatch(/unavailable: intervals.icu is having trouble \(503\)/);

    const activities = csvOf(files['activities.csv'] as string);
    expect(activities.meta.fields).toEqual([...ACTIVITY_HEADERS]);
    expect(activities.data.map((r) => [r.id, r.status])).toEqual([
      ['i1', 'exported'],
      ['123', 'skipped (strava)'],
      ['i2', 'skipped (deleted)'],
      ['i3', 'skipped (strava)'],
      ['i4', 'skipped (error)'],
    ]);
    expect(activities.data[0]).toMatchObject({
      start_time: '2024-05-01 07:00:00',
      laps_file: '2024-05-01_Ride-i1_i1_laps.csv',
      streams_file: '2024-05-01_Ride-i1_i1_streams.csv',
      np_w: '220',
    });
  });

  it('keeps at most `concurrency` activities in flight and reports progress with an ETA', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let clock = 0;
    const progress: BulkProgress[] = [];
    const result = await runBulkExport(
      Array.from({ length: 12 }, (_, i) => listed(`i${i}`)),
      {
        zip: zipSink().writer,
        concurrency: 3,
        now: () => clock,
        onProgress: (p) => progress.push(p),
        async fetchActivity(id) {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 2));
          clock += 100;
          inFlight--;
          return filesFor(id);
        },
      },
    );
    expect(result.state).toBe('done');
    expect(maxInFlight).toBe(3);
    expect(progress[0]).toMatchObject({ total: 12, done: 0, etaMs: null });
    expect(progress.at(-1)).toMatchObject({ total: 12, done: 12, exported: 12, etaMs: 0 });
    const dones = progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    const middle = progress.find((p) => p.done === 6);
    expect(middle?.etaMs).toBeGreaterThan(0);
  });

  it('cancel stops at once: no further requests, no zip', async () => {
    const controller = new AbortController();
    const fetched: string[] = [];
    const result = await runBulkExport(
      Array.from({ length: 10 }, (_, i) => listed(`i${i}`)),
      {
        zip: zipSink().writer,
        signal: controller.signal,
        concurrency: 2,
        async fetchActivity(id) {
          fetched.push(id);
          if (fetched.length === 3) controller.abort();
          await new Promise((r) => setTimeout(r, 5));
          return filesFor(id);
        },
      },
    );
    expect(result.state).toBe('cancelled');
    expect(fetched.length).toBeLessThanOrEqual(3);
  });

  it('stops (does not skip everything) when the key is refused or the network is gone', async () => {
    const fetched: string[] = [];
    const result = await runBulkExport(
      Array.from({ length: 10 }, (_, i) => listed(`i${i}`)),
      {
        zip: zipSink().writer,
        concurrency: 1,
        async fetchActivity(id) {
          fetched.push(id);
          if (id === 'i2') throw new MessageError({ kind: 'offline', message: 'Could not reach intervals.icu.' });
          return filesFor(id);
        },
      },
    );
    expect(result.state).toBe('failed');
    expect(fetched).toEqual(['i0', 'i1', 'i2']);
  });

  it('an empty list still gives activities.csv and skipped.csv', async () => {
    const zip = zipSink();
    const result = await runBulkExport([], { zip: zip.writer, fetchActivity: async (id) => filesFor(id) });
    expect(result.state).toBe('done');
    expect(Object.keys(zip.files())).toEqual(['activities.csv', 'skipped.csv']);
  });
});

/**
 * Requests per rolling second: the most any window of `windowMs` saw. Slots are read with a second Date.now() call
 * just after the limiter's own, which can land a millisecond later, hence a few ms less for them.
 */
function maxPerSecond(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('bulk export against the stand-in, its rate limit on (10/s, burst 10)', () => {
  const standIn = useFakeIcu({ rateLimit: true });

  async function exportAll(ids: (activities: BulkActivity[]) => BulkActivity[], mapPath?: (p: string) => string) {
    standIn.fake.reset();
    await connectedAthlete.setValue({ id: standIn.fake.athleteId, name: 'Stand-in', timezone: null });
    const sent: number[] = [];
    const granted: number[] = [];
    const limiter = createRateLimiter();
    limiter.onGrant(() => granted.push(Date.now()));
    const services = standInServices(standIn.fake, { limiter, mapPath, sent });
    const started = Date.now();
    const list = await listActivitiesForExport(services, { oldest: '2000-01-01', newest: '2100-01-01' });
    const activities = ids(list.map((a) => ({ ...a, type: a.type })));
    const zip = zipSink();
    const result = await runBulkExport(activities, {
      zip: zip.writer,
      fetchActivity: (id) =>
        exportActivity(
          services,
          { activityId: id, laps: true, streams: true },
          {
            csv: {},
            excludedStreams: [],
          },
        ),
    });
    const ms = Date.now() - started;
    const snapshot = standIn.fake.state.snapshot();
    const arrived = snapshot.log.map((e) => Date.parse(e.time));
    return { result, files: zip.files(), ms, snapshot, granted, sent, arrived, activities };
  }

  it('exports every stand-in activity: 2 CSVs each, the Strava import in skipped.csv, no 429', async () => {
    const { result, files, ms, snapshot, granted, sent, arrived } = await exportAll((list) => list);
    expect(result.state).toBe('done');
    const uploads = standIn.fake.seed.activities.filter((a) => a.source === 'UPLOAD');
    const strava = standIn.fake.seed.activities.find((a) => a.source === 'STRAVA');
    for (const a of uploads) {
      expect(Object.keys(files).some((f) => f.endsWith(`_${a.id}_laps.csv`))).toBe(true);
      expect(Object.keys(files).some((f) => f.endsWith(`_${a.id}_streams.csv`))).toBe(true);
    }
    expect(Object.keys(files)).toHaveLength(uploads.length * 2 + 2);
    const skipped = csvOf(files['skipped.csv'] as string).data;
    expect(skipped).toEqual([expect.objectContaining({ id: strava?.id, reason: 'strava' })]);
    expect(snapshot.rateLimited).toBe(0);
    expect(snapshot.totalRequests).toBe(1 + uploads.length * 2);
    expect(maxPerSecond(granted, 995)).toBeLessThanOrEqual(10);
    expect(maxPerSecond(sent)).toBeLessThanOrEqual(10);
    console.info(
      `[bulk export] ${uploads.length} activities + 1 Strava import: ${snapshot.totalRequests} requests in ${ms} ms; ` +
        `most in any rolling second: ${maxPerSecond(granted, 995)} slots, ${maxPerSecond(sent)} sent, ` +
        `${maxPerSecond(arrived)} arrived; ${snapshot.rateLimited} × 429`,
    );
  });

  it('a season (60 activities, 121 requests) runs at the limit without a single 429', async () => {
    // The stand-in has six recordings: aliases "i9001001-7" etc. are served as the recording they name.
    const { result, ms, snapshot, granted, sent, arrived } = await exportAll(
      (list) => {
        const uploads = list.filter((a) => a.restrictedBy === null);
        return Array.from({ length: 60 }, (_, i) => {
          const a = uploads[i % uploads.length] as BulkActivity;
          return { ...a, id: `${a.id}-${i}` };
        });
      },
      (path) => path.replace(/(\/activity\/[^/]+?)-\d+(\/|$)/, '$1$2'),
    );
    expect(result.state).toBe('done');
    expect(snapshot.totalRequests).toBe(121);
    expect(snapshot.rateLimited).toBe(0);
    // At most 10 slots and 10 requests leaving the client in any rolling second (the limiter's window has 50 ms of
    // slack for the time between a slot and its fetch). Arrival times at the stand-in are only reported: it runs in
    // this same process and stamps requests late when busy serving a large streams body.
    expect(maxPerSecond(granted, 995)).toBeLessThanOrEqual(10);
    expect(maxPerSecond(sent)).toBeLessThanOrEqual(10);
    // At the limit: 121 requests need at least 12 windows of 1.05 s; much slower would mean the budget goes unused.
    expect(ms).toBeGreaterThan(11_500);
    expect(ms).toBeLessThan(25_000);
    console.info(
      `[bulk export] 60 activities: 121 requests in ${(ms / 1000).toFixed(1)} s = ${(121 / (ms / 1000)).toFixed(1)} req/s, ` +
        `most in any rolling second: ${maxPerSecond(granted, 995)} slots, ${maxPerSecond(sent)} sent, ` +
        `${maxPerSecond(arrived)} arrived; ${snapshot.rateLimited} × 429`,
    );
  }, 40_000);
});
