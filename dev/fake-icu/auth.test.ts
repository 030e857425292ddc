/** Auth exactly like intervals.icu, and the per-IP rate limit. */
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeIcu, type FakeIcu } from './server';
import { basic, call, KEY, NOW, useFakeIcu } from './test-helpers';

describe('auth', () => {
  const ctx = useFakeIcu();

  it('accepts HTTP Basic with the literal username API_KEY and the key', async () => {
    const res = await call(ctx.fake, '/api/v1/athlete/0');
    expect(res.status).toBe(200);
    expect((res.body as { id: string }).id).toBe('i424242');
  });

  it('athlete 0 is the key owner, the same as the explicit id', async () => {
    const zero = await call(ctx.fake, '/api/v1/athlete/0');
    const explicit = await call(ctx.fake, '/api/v1/athlete/i424242');
    expect(explicit.body).toEqual(zero.body);
  });

  it('another athlete is 403', async () => {
    const res = await call(ctx.fake, '/api/v1/athlete/i999999/wellness');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ status: 403, error: 'Access denied' });
  });

  it.each([
    ['no header', undefined],
    ['a wrong key', basic('API_KEY', 'wrong-key-0000000000')],
    ['a wrong username', basic('athlete', KEY)],
    ['a lower-case username', basic('api_key', KEY)],
    ['the key alone in Basic', `Basic ${Buffer.from(KEY).toString('base64')}`],
    ['the "ApiKey API_KEY:<key>" form from some guides', `ApiKey API_KEY:${KEY}`],
  ])('%s → 401 with a Basic challenge', async (_name, header) => {
    const res = await call(ctx.fake, '/api/v1/athlete/0', {
      headers: header ? { authorization: header } : { 'x-no-auth': '1' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(res.body).toMatchObject({ status: 401 });
  });

  it('the key sent as a Bearer token → 403 Access denied', async () => {
    const res = await call(ctx.fake, '/api/v1/athlete/0', { headers: { authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ status: 403, error: 'Access denied' });
  });

  it('unknown activity → 404 with a JSON error body; unknown endpoint → 404', async () => {
    const res = await call(ctx.fake, '/api/v1/activity/i1');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, error: expect.any(String) });
    expect((await call(ctx.fake, '/api/v1/nothing/here')).status).toBe(404);
  });

  it('auth is checked before the endpoint exists', async () => {
    const res = await call(ctx.fake, '/api/v1/nothing/here', { headers: { 'x-no-auth': '1' } });
    expect(res.status).toBe(401);
  });

  it('logs the auth scheme, never the key', async () => {
    await call(ctx.fake, '/api/v1/athlete/0', { headers: { authorization: `Bearer ${KEY}` } });
    const snapshot = ctx.fake.state.snapshot();
    expect(snapshot.log.at(-1)).toMatchObject({ path: '/api/v1/athlete/0', status: 403, auth: 'bearer' });
    expect(JSON.stringify(snapshot)).not.toContain(KEY);
  });
});

describe('auth without the Basic challenge', () => {
  const ctx = useFakeIcu({ basicChallenge: false });

  it('still answers 401, without WWW-Authenticate', async () => {
    const res = await call(ctx.fake, '/api/v1/athlete/0', { headers: { authorization: basic('API_KEY', 'nope') } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBeNull();
  });
});

describe('rate limit', () => {
  let fake: FakeIcu | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('11+ quick requests from one IP get some 429s with Retry-After: 1', async () => {
    fake = await createFakeIcu({ key: KEY, now: NOW });
    const server = fake;
    const results = await Promise.all(Array.from({ length: 25 }, () => call(server, '/api/v1/athlete/0')));
    const limited = results.filter((r) => r.status === 429);
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(10);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body).toEqual({ status: 429, error: 'Too many requests' });
    }
    expect(server.state.rateLimited).toBe(limited.length);
    expect((await call(server, '/__fake/state')).body).toMatchObject({ rateLimited: limited.length });
  });

  it('refills at about 10 requests per second', async () => {
    fake = await createFakeIcu({ key: KEY, now: NOW });
    const server = fake;
    await Promise.all(Array.from({ length: 15 }, () => call(server, '/api/v1/athlete/0')));
    await new Promise((r) => setTimeout(r, 1100));
    const again = await Promise.all(Array.from({ length: 8 }, () => call(server, '/api/v1/athlete/0')));
    expect(again.every((r) => r.status === 200)).toBe(true);
  });

  it('can be switched off', async () => {
    fake = await createFakeIcu({ key: KEY, now: NOW, rateLimit: false });
    const server = fake;
    const results = await Promise.all(Array.from({ length: 40 }, () => call(server, '/api/v1/athlete/0')));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });

  it('does not limit the test controls', async () => {
    fake = await createFakeIcu({ key: KEY, now: NOW, rateLimit: { burst: 1, perSecond: 1 } });
    const server = fake;
    const results = await Promise.all(Array.from({ length: 5 }, () => call(server, '/__fake/state')));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});
