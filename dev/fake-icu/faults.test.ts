/** Faults switched on per test, programmatically and over HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { globToRegExp } from './faults';
import { call, useFakeIcu } from './test-helpers';

const ctx = useFakeIcu();
afterEach(() => ctx.fake.reset());

const post = (path: string, body: unknown) =>
  call(ctx.fake, path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('fault kinds', () => {
  it('status: answers the code with Retry-After and a JSON error, `times` times, then recovers', async () => {
    ctx.fake.faults.add({ kind: 'status', status: 503, retryAfter: 2, path: '/athlete/*', times: 2 });
    const first = await call(ctx.fake, '/api/v1/athlete/0');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.body).toEqual({ status: 503, error: 'Service Unavailable' });
    expect((await call(ctx.fake, '/api/v1/athlete/0')).status).toBe(503);
    expect((await call(ctx.fake, '/api/v1/athlete/0')).status).toBe(200);
    expect(ctx.fake.faults.list()).toEqual([]);
    expect(ctx.fake.state.faultsApplied).toBe(2);
  });

  it('status: a custom body and a 429 as the real limiter would send it', async () => {
    ctx.fake.faults.add({ kind: 'status', status: 429, retryAfter: 1, body: { status: 429, error: 'Slow down' } });
    const res = await call(ctx.fake, '/api/v1/athlete/0/wellness?oldest=2026-03-01');
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ status: 429, error: 'Slow down' });
  });

  it('status faults apply before auth (a 503 is a 503 whatever the key)', async () => {
    ctx.fake.faults.add({ kind: 'status', status: 502 });
    expect((await call(ctx.fake, '/api/v1/athlete/0', { headers: { 'x-no-auth': '1' } })).status).toBe(502);
  });

  it('delay: waits, then answers normally', async () => {
    ctx.fake.faults.add({ kind: 'delay', ms: 300, path: '/api/v1/athlete/0', times: 1 });
    const t = Date.now();
    const res = await call(ctx.fake, '/api/v1/athlete/0');
    expect(Date.now() - t).toBeGreaterThanOrEqual(280);
    expect(res.status).toBe(200);
  });

  it('drop: the connection is destroyed without an answer', async () => {
    ctx.fake.faults.add({ kind: 'drop', method: 'GET', path: '/athlete/0', times: 1 });
    await expect(call(ctx.fake, '/api/v1/athlete/0')).rejects.toThrow();
    expect((await call(ctx.fake, '/api/v1/athlete/0')).status).toBe(200);
  });

  it('malformed: 200 with JSON cut in half; the request itself is processed', async () => {
    ctx.fake.faults.add({ kind: 'malformed', method: 'PUT', path: '/athlete/*/wellness/*', times: 1 });
    const res = await call(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-10', {
      method: 'PUT',
      body: JSON.stringify({ weight: 68.2 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(res.text)).toThrow();
    expect(ctx.fake.state.wellness.get('2026-03-10')?.weight).toBe(68.2);
  });

  it('matching by method and regex; non-matching requests pass', async () => {
    ctx.fake.faults.add({ kind: 'status', status: 500, method: 'PUT', pathRegex: /wellness/ });
    expect((await call(ctx.fake, '/api/v1/athlete/0/wellness?oldest=2026-03-01')).status).toBe(200);
    const put = await call(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-10', {
      method: 'PUT',
      body: '{"mood":2}',
      headers: { 'content-type': 'application/json' },
    });
    expect(put.status).toBe(500);
  });

  it('globs: * stays in a segment, ** crosses segments', () => {
    expect(globToRegExp('/athlete/*/wellness').test('/athlete/0/wellness')).toBe(true);
    expect(globToRegExp('/athlete/*').test('/athlete/0/wellness')).toBe(false);
    expect(globToRegExp('/athlete/**').test('/athlete/0/wellness')).toBe(true);
    expect(globToRegExp('/activity/*/streams*').test('/activity/i1/streams.json')).toBe(true);
  });
});

describe('HTTP controls', () => {
  it('POST /__fake/faults adds, GET lists, DELETE clears', async () => {
    const added = await post('/__fake/faults', [
      { kind: 'status', status: 503, path: '/activity/**', times: 1 },
      { kind: 'delay', ms: 10, pathRegex: '^/api/v1/athlete/0$' },
    ]);
    expect(added.status).toBe(201);
    expect(added.body).toHaveLength(2);
    expect((await call(ctx.fake, '/__fake/faults')).body).toHaveLength(2);
    expect((await call(ctx.fake, '/api/v1/activity/i9001001/streams.json')).status).toBe(503);
    expect((await call(ctx.fake, '/__fake/faults')).body).toHaveLength(1);
    expect((await call(ctx.fake, '/__fake/faults', { method: 'DELETE' })).status).toBe(200);
    expect((await call(ctx.fake, '/__fake/faults')).body).toEqual([]);
  });

  it('refuses a fault that cannot work', async () => {
    expect((await post('/__fake/faults', { kind: 'explode' })).status).toBe(400);
    expect((await post('/__fake/faults', { kind: 'delay' })).status).toBe(400);
    expect((await post('/__fake/faults', { kind: 'status', times: 0 })).status).toBe(400);
  });

  it('GET /__fake/state counts requests per path; POST /__fake/reset restores the seed', async () => {
    await call(ctx.fake, '/api/v1/athlete/0');
    await call(ctx.fake, '/api/v1/athlete/0');
    await call(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-10', {
      method: 'PUT',
      body: '{"comments":"note"}',
      headers: { 'content-type': 'application/json' },
    });
    const state = (await call(ctx.fake, '/__fake/state')).body as {
      requests: Record<string, number>;
      wellness: { id: string; comments?: string }[];
      today: string;
    };
    expect(state.requests['GET /api/v1/athlete/0']).toBe(2);
    expect(state.wellness.find((w) => w.id === '2026-03-10')?.comments).toBe('note');
    expect(state.today).toBe('2026-03-15');
    expect((await post('/__fake/reset', {})).status).toBe(200);
    const after = (await call(ctx.fake, '/__fake/state')).body as typeof state;
    expect(after.requests).toEqual({});
    expect(after.wellness.find((w) => w.id === '2026-03-10')?.comments).not.toBe('note');
  });

  it('GET /__fake/info names the seeded athlete and activities', async () => {
    const info = (await call(ctx.fake, '/__fake/info')).body as { athleteId: string; activities: { id: string }[] };
    expect(info.athleteId).toBe('i424242');
    expect(info.activities.map((a) => a.id)).toEqual(ctx.fake.seed.activities.map((a) => a.id));
  });
});
