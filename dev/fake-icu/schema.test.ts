/** Every response the stand-in sends for the extension's endpoints validates against the OpenAPI spec. */
import { describe, expect, it } from 'vitest';
import { validateRequestBody, validateResponse } from './openapi-validate';
import { call, putJson, useFakeIcu } from './test-helpers';
import { sampleTcx } from './uploads/samples';

const ctx = useFakeIcu();

const UPLOADS = ['i9001001', 'i9001002', 'i9001003', 'i9001004', 'i9001005', 'i9001006'];
const STRAVA = '15948300112';

async function expectValid(method: string, path: string, init?: () => Promise<{ status: number; body: unknown }>) {
  const res = init ? await init() : await call(ctx.fake, path, { method });
  expect(res.status, `${method} ${path}`).toBe(200);
  const result = validateResponse(method, path, res.status, res.body);
  expect(result.errors, `${method} ${path} (${result.operationId})`).toEqual([]);
  expect(result.valid).toBe(true);
  return res.body;
}

describe('responses validate against the spec', () => {
  it.each([
    '/api/v1/athlete/0',
    '/api/v1/athlete/i424242',
    '/api/v1/athlete/0/sport-settings',
    '/api/v1/athlete/i424242/sport-settings',
    '/api/v1/athlete/0/wellness?oldest=2025-11-01&newest=2026-03-15',
    '/api/v1/athlete/0/wellness.json?oldest=2026-03-01',
    '/api/v1/athlete/0/wellness?oldest=2026-03-01&fields=weight,restingHR,locked',
    '/api/v1/athlete/0/wellness/2026-03-15',
    '/api/v1/athlete/0/wellness/2026-03-20',
    '/api/v1/athlete/0/activities?oldest=2025-01-01',
    '/api/v1/athlete/0/activities?oldest=2026-01-01T00:00:00&newest=2026-03-15&limit=3',
    '/api/v1/athlete/0/activities?oldest=2025-01-01&fields=id,name,type,start_date_local,icu_training_load',
    `/api/v1/activity/${STRAVA}`,
    `/api/v1/activity/${STRAVA}?intervals=true`,
    '/api/v1/athlete/0/power-curves?type=Ride&curves=42d,84d,90d,1y,all,s0,s1,r.2026-02-01.2026-03-01',
    '/api/v1/athlete/0/power-curves.json?type=Ride&curves=84d-kj0,84d-kj1&now=2026-03-15',
    '/api/v1/athlete/0/power-curves?type=Run&curves=all',
    '/api/v1/athlete/0/power-curves?type=Swim&curves=all',
    '/api/v1/athlete/0/events',
    '/api/v1/athlete/0/events.json?oldest=2025-12-01&newest=2026-04-30',
    '/api/v1/athlete/0/events?oldest=2026-03-01&newest=2026-04-30&category=WORKOUT,RACE_A',
    '/api/v1/athlete/0/events?oldest=2026-03-15&newest=2026-04-05&ext=zwo&resolve=true',
    '/api/v1/athlete/0/events.json?category=WORKOUT&ext=fit',
    '/api/v1/athlete/0/events/71001',
    '/api/v1/athlete/0/events/70003',
    '/api/v1/athlete/0/events/71001/download.zwo',
    '/api/v1/athlete/0/events/71002/download.fit',
    '/api/v1/athlete/0/events/71003/download.erg',
    '/api/v1/athlete/0/events/71005/download.mrc',
  ])('GET %s', async (path) => {
    await expectValid('GET', path);
  });

  describe.each(UPLOADS)('activity %s', (id) => {
    it.each([
      `/api/v1/activity/${id}`,
      `/api/v1/activity/${id}?intervals=true`,
      `/api/v1/activity/${id}/intervals`,
      `/api/v1/activity/${id}/streams.json?types=time,watts,heartrate,cadence,distance,altitude,latlng,velocity_smooth,temp,left_right_balance`,
      `/api/v1/activity/${id}/streams.json`,
      `/api/v1/activity/${id}/streams?types=watts&includeDefaults=true`,
      `/api/v1/activity/${id}/power-curve.json`,
      `/api/v1/activity/${id}/power-curve?fatigue=kj0`,
    ])('GET %s', async (path) => {
      await expectValid('GET', path);
    });
  });

  it('PUT /athlete/{id}/wellness/{date}, PUT /athlete/{id}/wellness and PUT /athlete/{id}/wellness-bulk', async () => {
    await expectValid('PUT', '/api/v1/athlete/0/wellness/2026-03-14', () =>
      putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-14', { weight: 69.8, restingHR: 46, locked: true }),
    );
    await expectValid('PUT', '/api/v1/athlete/0/wellness', () =>
      putJson(ctx.fake, '/api/v1/athlete/0/wellness', { id: '2026-03-13', vo2max: 58.4 }),
    );
    await expectValid('PUT', '/api/v1/athlete/0/wellness-bulk', () =>
      putJson(ctx.fake, '/api/v1/athlete/0/wellness-bulk', [
        { id: '2026-03-12', sleepSecs: 27000 },
        { id: '2026-03-11', mood: 3 },
      ]),
    );
  });
});

describe('writes validate against the spec', () => {
  it('POST /athlete/{id}/events/bulk and POST /athlete/{id}/activities (201, then 200 for the duplicate)', async () => {
    const events = [
      { category: 'NOTE', start_date_local: '2026-03-18', name: 'Travel' },
      {
        category: 'WORKOUT',
        start_date_local: '2026-03-19',
        filename: 'w.erg',
        file_contents:
          '[COURSE HEADER]\nMINUTES WATTS\n[END COURSE HEADER]\n[COURSE DATA]\n0\t150\n10\t150\n[END COURSE DATA]\n',
        external_id: 'w',
      },
    ];
    expect(validateRequestBody('POST', '/api/v1/athlete/0/events/bulk', events).errors).toEqual([]);
    await expectValid('POST', '/api/v1/athlete/0/events/bulk?upsert=true', () =>
      call(ctx.fake, '/api/v1/athlete/0/events/bulk?upsert=true', {
        method: 'POST',
        body: JSON.stringify(events),
        headers: { 'content-type': 'application/json' },
      }),
    );
    const tcx = sampleTcx(new Date('2026-03-11T07:00:00Z'), 300);
    const send = () => {
      const form = new FormData();
      form.append('file', new Blob([tcx]), 'ride.tcx');
      return call(ctx.fake, '/api/v1/athlete/0/activities', { method: 'POST', body: form });
    };
    const created = await send();
    expect(created.status).toBe(201);
    expect(validateResponse('POST', '/api/v1/athlete/0/activities', 201, created.body).errors).toEqual([]);
    const id = (created.body as { id: string }).id;
    await expectValid('POST', '/api/v1/athlete/0/activities', send);
    for (const path of [`/api/v1/activity/${id}?intervals=true`, `/api/v1/activity/${id}/streams.json`]) {
      await expectValid('GET', path);
    }
    ctx.fake.reset();
  });
});

describe('the validator is strict', () => {
  it('refuses an unknown field, a wrong type, a non-integer integer and null', () => {
    const ok = { id: '2026-03-01', weight: 70.1, restingHR: 48, locked: true };
    expect(validateResponse('GET', '/api/v1/athlete/0/wellness/2026-03-01', 200, ok).valid).toBe(true);
    for (const bad of [
      { ...ok, resting_hr: 48 },
      { ...ok, weight: '70.1' },
      { ...ok, restingHR: 48.5 },
      { ...ok, hrv: null },
      { ...ok, updated: 'yesterday' },
      { ...ok, menstrualPhase: 'SOMETIMES' },
    ]) {
      expect(
        validateResponse('GET', '/api/v1/athlete/0/wellness/2026-03-01', 200, bad).valid,
        JSON.stringify(bad),
      ).toBe(false);
    }
    expect(
      validateResponse('GET', '/api/v1/athlete/0/wellness/2026-03-01', 200, { ...ok, hrv: null }, { allowNull: true })
        .valid,
    ).toBe(true);
  });

  it('takes the shapes real intervals.icu records have: both timestamp forms, locked null, zoneless local dates', () => {
    const path = '/api/v1/athlete/0/wellness/2026-03-01';
    for (const updated of ['2025-05-25T08:10:00.827+00:00', '2023-02-01T06:00:00+0000', '2025-05-25T08:10:00Z']) {
      expect(validateResponse('GET', path, 200, { id: '2026-03-01', updated, locked: null }).valid, updated).toBe(true);
    }
    for (const updated of ['2025-05-25 08:10:00', '2025-13-25T08:10:00+0000', '2025-05-25T08:10:00+00']) {
      expect(validateResponse('GET', path, 200, { id: '2026-03-01', updated }).valid, updated).toBe(false);
    }
    expect(validateResponse('GET', path, 200, { id: '2026-03-01', locked: 'no' }).valid).toBe(false);
    const event = { id: 1, category: 'SEASON_START', start_date_local: '2026-01-01T00:00:00' };
    expect(validateResponse('GET', '/api/v1/athlete/0/events', 200, [event]).valid).toBe(true);
  });

  it('checks nested schemas through refs (intervals, streams, curves)', () => {
    expect(
      validateResponse('GET', '/api/v1/activity/i1/intervals', 200, { id: 'i1', icu_intervals: [{ type: 'WORK' }] })
        .valid,
    ).toBe(true);
    expect(
      validateResponse('GET', '/api/v1/activity/i1/intervals', 200, { id: 'i1', icu_intervals: [{ type: 'HARD' }] })
        .valid,
    ).toBe(false);
    expect(
      validateResponse('GET', '/api/v1/activity/i1/streams.json', 200, [{ type: 'watts', data: [1, null, 3] }]).valid,
    ).toBe(true);
    expect(
      validateResponse('GET', '/api/v1/activity/i1/streams.json', 200, [{ type: 'watts', data: ['1'] }]).valid,
    ).toBe(false);
    expect(
      validateResponse('GET', '/api/v1/athlete/0/power-curves', 200, { list: [{ secs: [1], values: [1.5] }] }).valid,
    ).toBe(false);
  });

  it('accepts the Strava stub from GET /activity/{id} and in lists, but not an activity with stray fields', () => {
    const stub = {
      id: '1',
      icu_athlete_id: 'i1',
      start_date_local: '2026-01-01T10:00:00',
      source: 'STRAVA',
      _note: 'x',
    };
    expect(validateResponse('GET', '/api/v1/activity/1', 200, stub).valid).toBe(true);
    expect(validateResponse('GET', '/api/v1/athlete/0/activities', 200, [stub]).valid).toBe(true);
    expect(validateResponse('GET', '/api/v1/activity/1', 200, { id: 'i1', type: 'Ride', max_watts: 900 }).valid).toBe(
      false,
    );
  });

  it('matches concrete paths to the right template and knows when there is no operation', () => {
    expect(validateResponse('GET', '/api/v1/athlete/0/wellness.csv', 200, []).template).toBe(
      '/api/v1/athlete/{id}/wellness{ext}',
    );
    expect(validateResponse('GET', '/api/v1/athlete/0/wellness/2026-01-01', 200, {}).template).toBe(
      '/api/v1/athlete/{id}/wellness/{date}',
    );
    expect(validateResponse('GET', '/api/v1/activity/i1/power-curves.json', 200, []).template).toBe(
      '/api/v1/activity/{id}/power-curves{ext}',
    );
    expect(validateResponse('GET', '/api/v1/nope', 200, {}).valid).toBe(false);
    expect(validateResponse('PUT', '/api/v1/athlete/0/wellness-bulk', 200, undefined).valid).toBe(true);
  });

  it('validates request bodies too', () => {
    expect(validateRequestBody('PUT', '/api/v1/athlete/0/wellness/2026-01-01', { weight: 70 }).valid).toBe(true);
    expect(validateRequestBody('PUT', '/api/v1/athlete/0/wellness/2026-01-01', { weight: 'heavy' }).valid).toBe(false);
  });
});
