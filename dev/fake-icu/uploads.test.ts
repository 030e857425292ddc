/** POST /athlete/{id}/activities: multipart uploads of FIT, TCX, GPX and archives, duplicates, errors, limits. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { validateResponse } from './openapi-validate';
import { FIXTURES_DIR } from './paths';
import { createFakeIcu } from './server';
import { call, KEY, NOW, useFakeIcu } from './test-helpers';
import { sampleFit, sampleGpx, sampleTcx } from './uploads/samples';

const ctx = useFakeIcu();
const BASE = '/api/v1/athlete/0';
const FILES = [
  '4078723797.fit',
  'developer-types-sample.fit',
  'sample-activity-indoor-trainer.fit',
  '2020-06-01-16-52-40.fit',
  'Edge810-Vector-2013-08-16-15-35-10.fit',
  '2019-02-17-062644-ELEMNT-297E-195-0.fit',
];

interface UploadResponse {
  icu_athlete_id: string;
  id: string;
  activities: { icu_athlete_id: string; id: string }[];
}

function upload(name: string, bytes: Uint8Array | string, query = '', field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
  return call(ctx.fake, `${BASE}/activities${query}`, { method: 'POST', body: form });
}

async function expectUpload(res: { status: number; body: unknown }, status: 200 | 201): Promise<UploadResponse> {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(validateResponse('POST', `${BASE}/activities`, status, res.body).errors).toEqual([]);
  const body = res.body as UploadResponse;
  expect(body.icu_athlete_id).toBe('i424242');
  expect(body.id).toBe(body.activities[0]?.id);
  return body;
}

async function activityIds(): Promise<string[]> {
  const res = await call(ctx.fake, `${BASE}/activities?oldest=2010-01-01&newest=2030-01-01`);
  return (res.body as { id: string }[]).map((a) => a.id);
}

async function streams(id: string): Promise<Record<string, { data: (number | null)[]; data2?: (number | null)[] }>> {
  const res = await call(
    ctx.fake,
    `/api/v1/activity/${id}/streams.json?types=time,watts,heartrate,cadence,distance,altitude,latlng`,
  );
  expect(res.status).toBe(200);
  expect(validateResponse('GET', `/api/v1/activity/${id}/streams.json`, 200, res.body).errors).toEqual([]);
  return Object.fromEntries((res.body as { type: string; data: [] }[]).map((s) => [s.type, s]));
}

const START = new Date('2026-03-14T16:00:00Z');

describe('duplicates', () => {
  beforeEach(() => ctx.fake.reset());

  it.each(FILES)('the seeded recording %s uploaded again is a duplicate: 200, nothing new', async (file) => {
    const before = await activityIds();
    const body = await expectUpload(await upload(file, readFileSync(join(FIXTURES_DIR, file))), 200);
    const seeded = ctx.fake.seed.activities.find((a) => a.file === file);
    expect(body.activities).toEqual([{ icu_athlete_id: 'i424242', id: seeded?.id }]);
    expect(await activityIds()).toEqual(before);
  });
});

describe('new activities', () => {
  beforeEach(() => ctx.fake.reset());

  it('a new FIT answers 201 and appears in the list with its streams; the same file again is a duplicate', async () => {
    const fit = sampleFit(START);
    const made = await expectUpload(await upload('ride.fit', fit, '?name=Club%20ride&description=Windy'), 201);
    const id = made.id;
    expect(id).toMatch(/^i\d+$/);
    const ids = await activityIds();
    expect(ids).toContain(id);
    // Newest first: after i9001001 (yesterday morning or later) in start order.
    const list = (await call(ctx.fake, `${BASE}/activities?oldest=2026-03-14`)).body as {
      id: string;
      start_date_local: string;
    }[];
    const starts = list.map((a) => a.start_date_local);
    expect([...starts].sort().reverse()).toEqual(starts);

    const activity = (await call(ctx.fake, `/api/v1/activity/${id}`)).body as Record<string, unknown>;
    expect(validateResponse('GET', `/api/v1/activity/${id}`, 200, activity).errors).toEqual([]);
    expect(activity).toMatchObject({
      name: 'Club ride',
      description: 'Windy',
      type: 'Ride',
      file_type: 'fit',
      source: 'UPLOAD',
      start_date_local: '2026-03-14T17:00:00',
      moving_time: 1200,
      external_id: 'ride.fit',
    });
    expect(activity.icu_training_load).toBeGreaterThan(0);
    const s = await streams(id);
    expect(Object.keys(s).sort()).toEqual(['altitude', 'cadence', 'distance', 'heartrate', 'latlng', 'time', 'watts']);
    expect(s.time?.data).toHaveLength(1200);
    expect(s.watts?.data[0]).toBe(190);
    expect(s.latlng?.data[0]).toBeCloseTo(50.6326, 4);
    expect(s.latlng?.data2?.[0]).toBeCloseTo(5.5797 + 8 * 1.42e-5, 4);

    const again = await expectUpload(await upload('renamed.fit', fit), 200);
    expect(again.activities).toEqual([{ icu_athlete_id: 'i424242', id }]);
    expect(await activityIds()).toEqual(ids);
  });

  it('a TCX file: laps become intervals, watts and speed from the TPX extension', async () => {
    const made = await expectUpload(await upload('morning.tcx', sampleTcx(new Date('2026-03-13T07:00:00Z'))), 201);
    const activity = (await call(ctx.fake, `/api/v1/activity/${made.id}?intervals=true`)).body as Record<
      string,
      unknown
    >;
    expect(activity).toMatchObject({ type: 'Ride', file_type: 'tcx', device_name: 'Garmin Edge 530' });
    expect(activity.icu_intervals).toHaveLength(2);
    const s = await streams(made.id);
    expect(s.watts?.data).toHaveLength(1200);
    expect(s.heartrate?.data[0]).toBe(118);
    expect(s.distance?.data.at(-1)).toBeGreaterThan(9000);
    expect(s.altitude?.data[0]).toBe(120);
  });

  it('a GPX file: distance summed along the track, power and heart rate from the extensions, the track name', async () => {
    const made = await expectUpload(await upload('evening.gpx', sampleGpx(new Date('2026-03-12T17:30:00Z'))), 201);
    const activity = (await call(ctx.fake, `/api/v1/activity/${made.id}`)).body as Record<string, unknown>;
    expect(validateResponse('GET', `/api/v1/activity/${made.id}`, 200, activity).errors).toEqual([]);
    expect(activity).toMatchObject({ name: 'Evening loop', file_type: 'gpx', device_name: 'Wahoo ELEMNT BOLT' });
    const s = await streams(made.id);
    expect(s.distance?.data.at(-1)).toBeGreaterThan(9000);
    expect(s.distance?.data.at(-1)).toBeLessThan(10500);
    expect(s.watts?.data[1]).toBe(Math.round(190 + Math.sin(1 / 45) * 60 + 3));
    expect(s.cadence?.data[0]).toBe(86);
    expect(s.latlng?.data).toHaveLength(1200);
  });

  it('a .gz of a TCX and a .zip of a GPX plus a seeded FIT (one new, one duplicate → 201)', async () => {
    const gz = await expectUpload(await upload('a.tcx.gz', gzipSync(sampleTcx(new Date('2026-03-10T07:00:00Z')))), 201);
    expect(gz.activities).toHaveLength(1);
    const seeded = readFileSync(join(FIXTURES_DIR, FILES[0] as string));
    const zip = zipSync({
      'b.gpx': new TextEncoder().encode(sampleGpx(new Date('2026-03-09T07:00:00Z'))),
      [FILES[0] as string]: new Uint8Array(seeded),
    });
    const both = await expectUpload(await upload('rides.zip', zip), 201);
    expect(both.activities).toHaveLength(2);
    expect(both.activities.map((a) => a.id)).toContain('i9001001');
    // The same zip again: every file a duplicate.
    const again = await expectUpload(await upload('rides.zip', zip), 200);
    expect(again.activities).toEqual(both.activities);
  });
});

describe('refusals', () => {
  beforeEach(() => ctx.fake.reset());

  it('garbage, an empty zip, a non-multipart body and a missing file part answer 4xx JSON naming the problem', async () => {
    const before = await activityIds();
    const cases: [Promise<{ status: number; body: unknown }>, number, RegExp][] = [
      [upload('garbage.fit', 'this is not a recording'), 422, /garbage\.fit: not a FIT, TCX or GPX/],
      [upload('broken.tcx', '<TrainingCenterDatabase><Activities>'), 422, /broken\.tcx/],
      [upload('nothing.tcx', '<TrainingCenterDatabase><Activities/></TrainingCenterDatabase>'), 422, /no <Activity>/],
      [upload('empty.zip', zipSync({})), 422, /empty\.zip/],
      [
        upload('w.fit', new Uint8Array(readFileSync(join(FIXTURES_DIR, FILES[0] as string))).subarray(0, 400)),
        422,
        /w\.fit/,
      ],
      [upload('ride.fit', sampleFit(START), '', 'upload'), 400, /'file'/],
      [upload('ride.fit', sampleFit(START), '?paired_event_id=abc'), 400, /paired_event_id/],
      [
        call(ctx.fake, `${BASE}/activities`, {
          method: 'POST',
          body: JSON.stringify({ file: 'x' }),
          headers: { 'content-type': 'application/json' },
        }),
        400,
        /multipart\/form-data/,
      ],
    ];
    for (const [pending, status, message] of cases) {
      const res = await pending;
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body).toMatchObject({ status, error: expect.stringMatching(message) });
    }
    expect(await activityIds()).toEqual(before);
  });

  it('a body over the size limit answers 413 JSON before anything is read; the limit is an option', async () => {
    ctx.fake.setOptions({ maxUploadBytes: 64 * 1024 });
    const res = await upload('big.tcx', sampleTcx(START));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ status: 413, error: 'Request body is larger than 65536 bytes' });
    ctx.fake.reset();
    expect((await upload('big.tcx', sampleTcx(START))).status).toBe(201);
  });

  it('needs the key like every API call, and pairs with a planned workout', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(sampleFit(START))]), 'ride.fit');
    const res = await call(ctx.fake, `${BASE}/activities`, {
      method: 'POST',
      body: form,
      headers: { 'x-no-auth': '1' },
    });
    expect(res.status).toBe(401);
    const made = await expectUpload(
      await upload('ride.fit', sampleFit(START), '?paired_event_id=71001&external_id=abc'),
      201,
    );
    const activity = (await call(ctx.fake, `/api/v1/activity/${made.id}`)).body as Record<string, unknown>;
    expect(activity).toMatchObject({ paired_event_id: 71001, external_id: 'abc' });
  });
});

describe('the rate limit', () => {
  it('counts uploads like any API call: past the burst, 429 with Retry-After', async () => {
    const fake = await createFakeIcu({ key: KEY, now: NOW, rateLimit: { burst: 2, perSecond: 0.5 } });
    try {
      const send = () => {
        const form = new FormData();
        form.append('file', new Blob([sampleGpx(new Date('2026-03-08T07:00:00Z'), 60)]), 'x.gpx');
        return call(fake, `${BASE}/activities`, { method: 'POST', body: form });
      };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await send());
      expect(statuses.map((r) => r.status)).toEqual([201, 200, 429]);
      expect(statuses[2]?.headers.get('retry-after')).toBe('1');
      expect(statuses[2]?.body).toMatchObject({ status: 429 });
    } finally {
      await fake.close();
    }
  });
});
