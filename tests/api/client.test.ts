import { describe, expect, it } from 'vitest';
import { API_BASE, basicAuthHeader } from '../../entrypoints/background/api/client';
import { IcuError } from '../../lib/api/errors';
import { caught, fakeFetch, json, KEY, nth, status, testClient } from './helpers';

describe('requests', () => {
  it('sends Basic auth with the literal username API_KEY, and no cookies', async () => {
    const { fetch, calls } = fakeFetch(() => json({ id: 'i1', name: 'Ada' }));
    await testClient(fetch).getAthlete();

    const expected = `Basic ${Buffer.from(`API_KEY:${KEY}`).toString('base64')}`;
    expect(basicAuthHeader(KEY)).toBe(expected);
    expect(calls).toHaveLength(1);
    const request = nth(calls, 0).request;
    expect(request.headers.get('authorization')).toBe(expected);
    expect(request.credentials).toBe('omit');
    expect(request.url).toBe(`${API_BASE}/athlete/0`);
  });

  it('talks only to https://intervals.icu', async () => {
    const { fetch, calls } = fakeFetch(() => json([]));
    const client = testClient(fetch);
    await client.listWellness('i7', '2024-05-01', '2024-05-07');
    await client.listActivities('i7', { oldest: '2024-03-01', limit: 3 });
    await client.getStreams('42', ['time', 'watts']);
    await client.getAthletePowerCurves('i7', { type: 'Ride', curves: ['42d', '1y'] });
    await client.listEvents('i7', { oldest: '2024-05-01' });
    await client.listSportSettings('i7');
    for (const { request } of calls) expect(new URL(request.url).origin).toBe('https://intervals.icu');
    expect(calls.map((c) => c.request.url.slice(API_BASE.length))).toEqual([
      '/athlete/i7/wellness?oldest=2024-05-01&newest=2024-05-07',
      '/athlete/i7/activities?oldest=2024-03-01&limit=3',
      '/activity/42/streams.json?types=time%2Cwatts',
      '/athlete/i7/power-curves.json?type=Ride&curves=42d%2C1y',
      '/athlete/i7/events?oldest=2024-05-01',
      '/athlete/i7/sport-settings',
    ]);
  });

  it('sends only the given fields on a wellness write', async () => {
    const { fetch, calls } = fakeFetch((request) => request.json().then((body) => json({ id: '2024-05-02', ...body })));
    const day = await testClient(fetch).putWellness('i7', '2024-05-02', { weight: 70.5, locked: true });
    expect(day).toEqual({ id: '2024-05-02', weight: 70.5, locked: true });
    expect(nth(calls, 0).request.method).toBe('PUT');
    expect(nth(calls, 0).request.url).toBe(`${API_BASE}/athlete/i7/wellness/2024-05-02`);
  });

  it('accepts the empty 200 of wellness-bulk', async () => {
    const { fetch, calls } = fakeFetch(() => status(200));
    await expect(
      testClient(fetch).putWellnessBulk('i7', [{ id: '2024-05-02', locked: true }]),
    ).resolves.toBeUndefined();
    expect(nth(calls, 0).request.url).toBe(`${API_BASE}/athlete/i7/wellness-bulk`);
  });

  it('fails with auth before any request when no key is stored', async () => {
    const { fetch, calls } = fakeFetch(() => json({}));
    const error = await caught(testClient(fetch, { getApiKey: async () => null }).getAthlete());
    expect(error).toBeInstanceOf(IcuError);
    expect(error.kind).toBe('auth');
    expect(calls).toHaveLength(0);
  });
});

describe('retries', () => {
  it('retries a 429, waiting as long as Retry-After (seconds) says, then succeeds', async () => {
    const { fetch, calls } = fakeFetch((_, call) =>
      call === 1 ? status(429, 'Too Many Requests', { 'retry-after': '1' }) : json({ id: 'i1' }),
    );
    const athlete = await testClient(fetch).getAthlete();
    expect(athlete).toEqual({ id: 'i1' });
    expect(calls).toHaveLength(2);
    expect(nth(calls, 1).at - nth(calls, 0).at).toBeGreaterThanOrEqual(950);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const when = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000).toUTCString();
    const { fetch, calls } = fakeFetch((_, call) =>
      call === 1 ? status(503, '', { 'retry-after': when }) : json({ id: 'i1' }),
    );
    await testClient(fetch).getAthlete();
    expect(calls).toHaveLength(2);
    expect(nth(calls, 1).at).toBeGreaterThanOrEqual(Date.parse(when) - 50);
  });

  it('caps a long Retry-After and reports it after the last retry', async () => {
    const { fetch, calls } = fakeFetch(() => status(429, '', { 'retry-after': '120' }));
    const started = Date.now();
    const error = await caught(
      testClient(fetch, { retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 200 } }).getAthlete(),
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(calls).toHaveLength(2);
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterSecs: 120 });
  });

  it('recovers from a burst of 503s', async () => {
    const { fetch, calls } = fakeFetch((_, call) => (call <= 3 ? status(503) : json({ id: 'i1' })));
    await expect(testClient(fetch).getAthlete()).resolves.toEqual({ id: 'i1' });
    expect(calls).toHaveLength(4);
  });

  it('retries 502 and 504 and network errors on GET and PUT', async () => {
    const sequence = [status(502), status(504), 'network', json({ id: '2024-05-02' })] as const;
    for (const method of ['GET', 'PUT'] as const) {
      const { fetch, calls } = fakeFetch((_, call) => {
        const next = nth(sequence, call - 1);
        if (next === 'network') throw new TypeError('fetch failed');
        return next.clone();
      });
      const client = testClient(fetch);
      const result =
        method === 'GET' ? client.getWellness('i1', '2024-05-02') : client.putWellness('i1', '2024-05-02', { mood: 2 });
      await expect(result).resolves.toEqual({ id: '2024-05-02' });
      expect(calls).toHaveLength(4);
    }
  });

  it('never retries a POST', async () => {
    const { fetch, calls } = fakeFetch(() => status(503));
    const error = await caught(testClient(fetch).request('POST', 'athlete/i1/download-fit-files', { json: [] }));
    expect(error.kind).toBe('unavailable');
    expect(calls).toHaveLength(1);

    const offline = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    expect((await caught(testClient(offline.fetch).request('POST', 'x'))).kind).toBe('offline');
    expect(offline.calls).toHaveLength(1);
  });

  it('does not retry other errors', async () => {
    for (const code of [400, 401, 403, 404, 422, 500]) {
      const { fetch, calls } = fakeFetch(() => status(code));
      await caught(testClient(fetch).getAthlete());
      expect(calls, `status ${code}`).toHaveLength(1);
    }
  });
});

describe('timeouts and the network', () => {
  it('gives up after the timeout', async () => {
    const { fetch } = fakeFetch(
      (request) =>
        new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason))),
    );
    const started = Date.now();
    const error = await caught(testClient(fetch, { timeoutMs: 150 }).getAthlete());
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports offline when the network stays down, after retrying', async () => {
    const { fetch, calls } = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    const error = await caught(testClient(fetch).getAthlete());
    expect(error.kind).toBe('offline');
    expect(calls).toHaveLength(5); // the first attempt and 4 retries
  });
});

describe('error kinds', () => {
  it.each([
    [400, 'invalid'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not-found'],
    [405, 'invalid'],
    [409, 'invalid'],
    [422, 'invalid'],
    [429, 'rate-limited'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
  ])('%i → %s', async (code, kind) => {
    const { fetch } = fakeFetch(() => status(code, '{"status":0,"error":"nope"}'));
    const error = await caught(testClient(fetch, { retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } }).getAthlete());
    expect(error).toBeInstanceOf(IcuError);
    expect(error).toMatchObject({ kind, status: code });
  });

  it('explains a 403 "Access denied" with the Bearer pitfall', async () => {
    const { fetch } = fakeFetch(() => status(403, '{"status":403,"error":"Access denied"}'));
    const error = await caught(testClient(fetch).getAthlete('i999'));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/Access denied/);
    expect(error.message).toMatch(/Bearer/);
  });

  it('shows the server’s error text from a 422 with an array of error objects (bulk writes)', async () => {
    const body = '[{"status":422,"error":"Record 0: bad day"},{"status":422,"error":"Record 2: bad day"}]';
    const { fetch } = fakeFetch(() => status(422, body));
    const error = await caught(testClient(fetch).putWellnessBulk('i1', [{ id: '2026-03-01', locked: true }]));
    expect(error).toMatchObject({ kind: 'invalid', status: 422 });
    expect(error.message).toBe('intervals.icu rejected the request (422): Record 0: bad day; Record 2: bad day');
  });

  it('shows the server’s error text from a single error object', async () => {
    const { fetch } = fakeFetch(() => status(422, '{"status":422,"error":"weight out of range"}'));
    const error = await caught(testClient(fetch).putWellness('i1', '2026-03-01', { weight: 900 }));
    expect(error.message).toBe('intervals.icu rejected the request (422): weight out of range');
  });

  it('reports an unreadable body as invalid', async () => {
    const { fetch } = fakeFetch(() => new Response('{"id": "i1", ', { status: 200 }));
    expect((await caught(testClient(fetch).getAthlete())).kind).toBe('invalid');
  });

  it('never quotes the key back, even when the server echoes it', async () => {
    const { fetch } = fakeFetch(() => status(400, `{"error":"bad key ${KEY} here"}`));
    const error = await caught(testClient(fetch).getAthlete());
    expect(error.kind).toBe('invalid');
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain('bad key');
  });
});

describe('activities imported from Strava', () => {
  const stub = {
    id: '123',
    icu_athlete_id: 'i1',
    start_date_local: '2024-05-01T07:00:00',
    source: 'STRAVA',
    _note: 'STRAVA activities are not available via the API',
  };

  it('turns a Hidden stub from getActivity into a strava error', async () => {
    const { fetch } = fakeFetch(() => json(stub));
    const error = await caught(testClient(fetch).getActivity('123', { intervals: true }));
    expect(error).toMatchObject({ kind: 'strava' });
    expect(error.message).toMatch(/Strava/);
  });

  it.each([
    ['intervals', (c: ReturnType<typeof testClient>) => c.getIntervals('123')],
    ['streams', (c: ReturnType<typeof testClient>) => c.getStreams('123')],
    ['power curve', (c: ReturnType<typeof testClient>) => c.getActivityPowerCurve('123')],
  ])('reports a 422 on %s as strava', async (_, call) => {
    const { fetch } = fakeFetch(() => status(422, '{"status":422,"error":"Unprocessable"}'));
    expect(await caught(call(testClient(fetch)))).toMatchObject({ kind: 'strava', status: 422 });
  });

  it('returns real activities untouched, and leaves stubs in a list for the caller', async () => {
    const ride = { id: '9', name: 'Morning ride', type: 'Ride', source: 'GARMIN_CONNECT' };
    const { fetch } = fakeFetch((request) => (request.url.includes('/activities') ? json([stub, ride]) : json(ride)));
    const client = testClient(fetch);
    await expect(client.getActivity('9')).resolves.toEqual(ride);
    await expect(client.listActivities('i1', { oldest: '2024-01-01' })).resolves.toEqual([stub, ride]);
  });
});
