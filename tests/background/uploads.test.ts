/**
 * The Upload page's background against the real stand-in (dev/fake-icu, in this process): activity files (the six
 * seeded recordings are duplicates, a new TCX is new, garbage and too-large files fail with the server's words), the
 * retry policy of an upload (429 only), and "Import a plan" with upsert and the read-back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeIcu, type FakeIcu } from '../../dev/fake-icu';
import { FIXTURES_DIR } from '../../dev/fake-icu/paths';
import { sampleGpx, sampleTcx } from '../../dev/fake-icu/uploads/samples';
import { connect } from '../../entrypoints/background/services/connection';
import { createServices } from '../../entrypoints/background/services/context';
import { answer, createHandlers } from '../../entrypoints/background/services/messaging';
import { importPlan, uploadActivityFile } from '../../entrypoints/background/services/uploads';
import { IcuError } from '../../lib/api/errors';
import type { Envelope } from '../../lib/messages';
import { planExternalId } from '../../lib/upload/plan';
import { freshProfile } from '../store/reset';

const KEY = 'uploads0test0key0for0the0stand0in';
const NOW = new Date('2026-03-15T09:30:00Z');
const FILES = [
  '4078723797.fit',
  'developer-types-sample.fit',
  'sample-activity-indoor-trainer.fit',
  '2020-06-01-16-52-40.fit',
  'Edge810-Vector-2013-08-16-15-35-10.fit',
  '2019-02-17-062644-ELEMNT-297E-195-0.fit',
];
let fake: FakeIcu;

beforeAll(async () => {
  fake = await createFakeIcu({ key: KEY, now: NOW, rateLimit: false });
});
afterAll(async () => {
  await fake?.close();
});

function services() {
  const fetchVia: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    return fetch(new Request(request.url.replace('https://intervals.icu', fake.url), request));
  };
  return createServices({ fetch: fetchVia, now: () => NOW, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 } });
}

const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const uploads = () => fake.state.snapshot().log.filter((e) => e.method === 'POST' && e.path.endsWith('/activities'));

async function failure(promise: Promise<unknown>): Promise<IcuError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IcuError);
  return error as IcuError;
}

beforeEach(async () => {
  await freshProfile();
  fake.reset();
  fake.faults.clear();
  await connect(services(), { apiKey: KEY });
});

describe('uploadActivityFile', () => {
  it.each(FILES)('the seeded recording %s is a duplicate, linked to the activity already there', async (file) => {
    const before = fake.state.activities.length;
    const result = await uploadActivityFile(services(), {
      fileName: file,
      base64: base64(readFileSync(join(FIXTURES_DIR, file))),
    });
    const seeded = fake.seed.activities.find((a) => a.file === file);
    expect(result).toEqual({
      outcome: 'duplicate',
      activities: [{ id: seeded?.id, name: seeded?.name, url: `https://intervals.icu/activities/${seeded?.id}` }],
    });
    expect(fake.state.activities).toHaveLength(before);
  });

  it('a new TCX is a new activity with its name and link; the same file again is a duplicate of it', async () => {
    const tcx = sampleTcx(new Date('2026-03-14T16:00:00Z'));
    const made = await uploadActivityFile(services(), { fileName: 'evening.tcx', base64: base64(tcx) });
    expect(made.outcome).toBe('new');
    const [activity] = made.activities;
    expect(activity?.url).toBe(`https://intervals.icu/activities/${activity?.id}`);
    expect(fake.state.activities.some((a) => a.id === activity?.id)).toBe(true);
    expect(activity?.name).toEqual(expect.any(String));
    const again = await uploadActivityFile(services(), { fileName: 'evening.tcx', base64: base64(tcx) });
    expect(again).toEqual({ outcome: 'duplicate', activities: [activity] });
  });

  it('sends the file as multipart field "file" under its own name, once', async () => {
    await uploadActivityFile(services(), {
      fileName: 'loop.gpx',
      base64: base64(sampleGpx(new Date('2026-03-13T16:00:00Z'))),
    });
    expect(uploads()).toHaveLength(1);
    expect(uploads()[0]).toMatchObject({ status: 201, auth: 'basic', path: '/api/v1/athlete/i424242/activities' });
  });

  it('a garbage file fails with the server’s words, naming the file, and creates nothing', async () => {
    const before = fake.state.activities.length;
    const error = await failure(
      uploadActivityFile(services(), { fileName: 'garbage.fit', base64: base64('this is not a FIT file') }),
    );
    expect(error).toMatchObject({ kind: 'invalid', status: 422 });
    expect(error.message).toMatch(/^intervals\.icu rejected the request \(422\): garbage\.fit: /);
    expect(fake.state.activities).toHaveLength(before);
  });

  it('a file over the server’s limit fails with 413', async () => {
    fake.setOptions({ maxUploadBytes: 64 * 1024 });
    const tcx = sampleTcx(new Date('2026-03-12T16:00:00Z'));
    expect(tcx.length).toBeGreaterThan(64 * 1024);
    const error = await failure(uploadActivityFile(services(), { fileName: 'big.tcx', base64: base64(tcx) }));
    expect(error).toMatchObject({ kind: 'invalid', status: 413 });
  });

  it('is retried after a 429 (nothing was created) and creates the activity once', async () => {
    fake.faults.add({
      kind: 'status',
      status: 429,
      retryAfter: 0,
      method: 'POST',
      path: '/athlete/*/activities',
      times: 1,
    });
    const before = fake.state.activities.length;
    const result = await uploadActivityFile(services(), {
      fileName: 'retry.tcx',
      base64: base64(sampleTcx(new Date('2026-03-11T16:00:00Z'))),
    });
    expect(result.outcome).toBe('new');
    expect(uploads().map((e) => e.status)).toEqual([429, 201]);
    expect(fake.state.activities).toHaveLength(before + 1);
  });

  it.each([
    ['a 503', { kind: 'status' as const, status: 503 }, 'unavailable'],
    ['a dropped connection', { kind: 'drop' as const }, 'offline'],
  ])('is not sent again after %s, which may come after the activity was created', async (_, fault, kind) => {
    fake.faults.add({ ...fault, method: 'POST', path: '/athlete/*/activities', times: 1 });
    const error = await failure(
      uploadActivityFile(services(), {
        fileName: 'once.tcx',
        base64: base64(sampleTcx(new Date('2026-03-10T16:00:00Z'))),
      }),
    );
    expect(error.kind).toBe(kind);
    expect(uploads()).toHaveLength(1);
  });

  it('needs a connected key', async () => {
    await freshProfile();
    const error = await failure(uploadActivityFile(services(), { fileName: 'a.fit', base64: 'AAAA' }));
    expect(error.kind).toBe('auth');
    expect(uploads()).toHaveLength(0);
  });
});

const ZWO = `<?xml version="1.0" encoding="UTF-8"?>
<workout_file>
  <author>Coach</author>
  <name>Sweet spot 2x10</name>
  <sportType>bike</sportType>
  <workout>
    <Warmup Duration="600" PowerLow="0.5" PowerHigh="0.75"/>
    <IntervalsT Repeat="2" OnDuration="600" OffDuration="300" OnPower="0.9" OffPower="0.55"/>
    <Cooldown Duration="300" PowerLow="0.65" PowerHigh="0.45"/>
  </workout>
</workout_file>
`;

describe('importPlan', () => {
  const item = (date: string, fileName = 'sweet-spot.zwo', text = ZWO) => ({ fileName, date, base64: base64(text) });
  const onDay = (date: string) => fake.state.events.filter((e) => e.start_date_local.startsWith(date));

  it('puts the workout on the day, read back with its name, duration, load and a link', async () => {
    const result = await importPlan(services(), { items: [item('2026-05-20')] });
    const [only] = result.items;
    expect(only).toEqual({
      fileName: 'sweet-spot.zwo',
      date: '2026-05-20',
      event: {
        id: expect.any(Number),
        name: 'Sweet spot 2x10',
        date: '2026-05-20',
        url: 'https://intervals.icu/calendar',
        movingTimeSecs: 600 + 2 * 900 + 300,
        load: expect.any(Number),
      },
    });
    const bulk = fake.state.snapshot().log.find((e) => e.path.endsWith('/events/bulk'));
    expect(bulk?.query).toBe('?upsert=true');
    expect(bulk?.body).toEqual([
      {
        category: 'WORKOUT',
        start_date_local: '2026-05-20T00:00:00',
        filename: 'sweet-spot.zwo',
        file_contents_base64: base64(ZWO),
        external_id: planExternalId('sweet-spot.zwo', '2026-05-20'),
      },
    ]);
  });

  it('the same file onto the same day twice leaves one event, the edited one; another day is another event', async () => {
    const first = await importPlan(services(), { items: [item('2026-05-21')] });
    const edited = ZWO.replace('Sweet spot 2x10', 'Sweet spot 2x12').replaceAll('OnDuration="600"', 'OnDuration="720"');
    const second = await importPlan(services(), { items: [item('2026-05-21', 'Sweet-Spot (1).zwo', edited)] });
    expect(second.items[0]?.event?.id).toBe(first.items[0]?.event?.id);
    expect(onDay('2026-05-21')).toHaveLength(1);
    expect(onDay('2026-05-21')[0]).toMatchObject({ name: 'Sweet spot 2x12', moving_time: 600 + 2 * 1020 + 300 });
    const other = await importPlan(services(), { items: [item('2026-05-22')] });
    expect(other.items[0]?.event?.id).not.toBe(first.items[0]?.event?.id);
  });

  it('imports several files in one request and reads back their days in one', async () => {
    const result = await importPlan(services(), {
      items: [item('2026-05-24', 'a.zwo'), item('2026-05-23', 'b.zwo')],
    });
    expect(result.items.map((i) => [i.fileName, i.event?.date])).toEqual([
      ['a.zwo', '2026-05-24'],
      ['b.zwo', '2026-05-23'],
    ]);
    const log = fake.state.snapshot().log.filter((e) => e.path.includes('/events'));
    expect(log.map((e) => `${e.method} ${e.path}${e.query}`)).toEqual([
      'POST /api/v1/athlete/i424242/events/bulk?upsert=true',
      'GET /api/v1/athlete/i424242/events?oldest=2026-05-23&newest=2026-05-24&category=WORKOUT',
    ]);
  });

  it('says which item did not come back from the calendar', async () => {
    fake.faults.add({ kind: 'status', status: 200, body: [], method: 'GET', path: '/athlete/*/events' });
    const result = await importPlan(services(), { items: [item('2026-05-25')] });
    expect(result.items).toEqual([{ fileName: 'sweet-spot.zwo', date: '2026-05-25', event: null }]);
  });

  it('a file intervals.icu cannot read fails with its words, naming the file, and nothing is created', async () => {
    const before = fake.state.events.length;
    const error = await failure(
      importPlan(services(), { items: [item('2026-05-26'), item('2026-05-26', 'broken.zwo', '<nope')] }),
    );
    expect(error).toMatchObject({ kind: 'invalid', status: 422 });
    expect(error.message).toMatch(/broken\.zwo/);
    expect(fake.state.events).toHaveLength(before);
  });

  it('refuses a missing or malformed day before sending', async () => {
    for (const items of [[], [item('2026-02-30')], [item('tomorrow')]]) {
      const error = await failure(importPlan(services(), { items }));
      expect(error.message).toBe('Choose a day for every workout file.');
    }
    expect(fake.state.snapshot().log.filter((e) => e.path.includes('/events'))).toHaveLength(0);
  });
});

describe('messaging', () => {
  const envelope = <K extends Envelope['type']>(type: K, data: Envelope<K>['data']) =>
    ({ channel: 'icu-companion/v1', type, data }) as Envelope<K>;
  const UPLOAD_PAGE = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/upload.html' };
  const CONTENT_SCRIPT = { id: 'test-extension-id', url: 'https://intervals.icu/calendar' };

  it('takes uploads and imports only from the extension’s own pages', async () => {
    const handlers = createHandlers(services());
    const upload = envelope('uploadActivityFile', {
      fileName: 'x.tcx',
      base64: base64(sampleTcx(new Date('2026-03-09T16:00:00Z'))),
    });
    const plan = envelope('importPlan', { items: [item('2026-05-27')] });
    expect(await answer(handlers, upload, CONTENT_SCRIPT)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await answer(handlers, plan, CONTENT_SCRIPT)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(fake.state.snapshot().log.filter((e) => e.method === 'POST')).toEqual([]);
    expect(await answer(handlers, upload, UPLOAD_PAGE)).toMatchObject({ ok: true, value: { outcome: 'new' } });
    expect(await answer(handlers, plan, UPLOAD_PAGE)).toMatchObject({ ok: true });
  });

  function item(date: string) {
    return { fileName: 'm.zwo', date, base64: base64(ZWO) };
  }
});
