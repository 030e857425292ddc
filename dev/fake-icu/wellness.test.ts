/** Wellness: the seeded history and writes that change only the fields sent. */
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeIcu } from './server';
import { call, KEY, NOW, putJson, useFakeIcu } from './test-helpers';
import type { Wellness } from './types';

const ctx = useFakeIcu();
afterEach(() => ctx.fake.reset());

const get = async (day: string) => (await call(ctx.fake, `/api/v1/athlete/0/wellness/${day}`)).body as Wellness;

describe('seeded history', () => {
  it('covers 120 days ending today, oldest first, camelCase fields', async () => {
    const res = await call(ctx.fake, '/api/v1/athlete/0/wellness?oldest=2025-01-01&newest=2026-12-31');
    const days = res.body as Wellness[];
    expect(days).toHaveLength(120);
    expect(days[0]?.id).toBe('2025-11-16');
    expect(days.at(-1)?.id).toBe('2026-03-15');
    const weights = days.flatMap((d) => (d.weight === undefined ? [] : [d.weight]));
    expect(Math.min(...weights)).toBeGreaterThan(67);
    expect(Math.max(...weights)).toBeLessThan(73);
    expect(days.some((d) => d.weight === undefined)).toBe(true);
    expect(days.some((d) => d.hrv === undefined)).toBe(true);
    expect(days.filter((d) => d.locked).length).toBeGreaterThanOrEqual(3);
    for (const d of days) {
      expect(d.ctl).toBeGreaterThan(0);
      for (const k of ['soreness', 'fatigue', 'stress', 'mood', 'motivation'] as const) {
        if (d[k] === undefined) continue;
        expect(d[k]).toBeGreaterThanOrEqual(1);
        expect(d[k]).toBeLessThanOrEqual(4);
      }
      expect(Date.parse(d.updated ?? '')).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('oldest/newest are inclusive; `fields` keeps only those fields', async () => {
    const res = await call(
      ctx.fake,
      '/api/v1/athlete/0/wellness?oldest=2026-03-10&newest=2026-03-12&fields=weight,ctl',
    );
    const days = res.body as Record<string, unknown>[];
    expect(days).toHaveLength(3);
    for (const d of days) for (const k of Object.keys(d)) expect(['weight', 'ctl']).toContain(k);
  });

  it('serves CSV with .csv', async () => {
    const res = await call(ctx.fake, '/api/v1/athlete/0/wellness.csv?oldest=2026-03-14&cols=weight,restingHR');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('id,weight,restingHR');
    expect(lines).toHaveLength(3);
  });

  it('is deterministic for the same `now`', async () => {
    const other = await createFakeIcu({ key: KEY, now: NOW, rateLimit: false });
    try {
      const a = await call(ctx.fake, '/api/v1/athlete/0/wellness?oldest=2025-01-01');
      const b = await call(other, '/api/v1/athlete/0/wellness?oldest=2025-01-01');
      expect(b.body).toEqual(a.body);
    } finally {
      await other.close();
    }
  });
});

describe('writes', () => {
  it('PUT /wellness/{date} changes only the fields sent and returns the whole record', async () => {
    const before = await get('2026-03-14');
    const res = await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-14', { restingHR: 44, comments: 'easy' });
    expect(res.status).toBe(200);
    const after = res.body as Wellness;
    expect(after.restingHR).toBe(44);
    expect(after.comments).toBe('easy');
    const { restingHR: _a, comments: _b, updated: u1, ...restBefore } = before;
    const { restingHR: _c, comments: _d, updated: u2, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    expect(u2).not.toBe(u1);
    expect(await get('2026-03-14')).toEqual(after);
  });

  it('-1 unsets a numeric field, null leaves it, fields not sent stay (as documented)', async () => {
    await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-13', { weight: 70.4, restingHR: 47, sleepSecs: 27000 });
    const before = await get('2026-03-13');
    expect(before.weight).toBeTypeOf('number');
    expect(before.restingHR).toBeTypeOf('number');
    const after = (
      await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-13', { restingHR: -1, weight: null, sleepSecs: -1 })
    ).body as Wellness;
    expect(after.restingHR).toBeUndefined();
    expect(after.sleepSecs).toBeUndefined();
    expect(after.weight).toBe(before.weight);
    expect(after.hrv).toBe(before.hrv);
    expect(after.mood).toBe(before.mood);
    const readBack = await get('2026-03-13');
    expect(readBack).not.toHaveProperty('restingHR');
    expect(readBack.weight).toBe(before.weight);
  });

  it('-1 on a scale or a count unsets it too; "" clears comments; -1 is not a clear for a string', async () => {
    await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-13', { mood: 2, steps: 8000, comments: 'Heavy legs' });
    const cleared = (
      await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-13', { mood: -1, steps: -1, comments: '' })
    ).body as Wellness;
    expect(cleared).not.toHaveProperty('mood');
    expect(cleared).not.toHaveProperty('steps');
    expect(cleared).not.toHaveProperty('comments');
  });

  it('with nullClears (the undocumented opposite), null clears a field and -1 still does', async () => {
    ctx.fake.setOptions({ nullClears: true });
    const after = (await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-13', { weight: null, restingHR: -1 }))
      .body as Wellness;
    expect(after.weight).toBeUndefined();
    expect(after.restingHR).toBeUndefined();
    ctx.fake.reset();
    const day = (await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-13', { weight: null })).body as Wellness;
    expect(day.weight).toBeTypeOf('number');
  });

  it('computed fields and unknown fields are ignored', async () => {
    const before = await get('2026-03-13');
    const after = (
      await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-13', { ctl: 999, id: '1999-01-01', madeUp: 1 })
    ).body as Wellness;
    expect(after.ctl).toBe(before.ctl);
    expect(after.id).toBe('2026-03-13');
    expect(after).not.toHaveProperty('madeUp');
  });

  it('updated is written as intervals.icu does today; older records keep the +0000 form', async () => {
    const written = (await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-13', { mood: 1 })).body as Wellness;
    expect(written.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    const old = (await call(ctx.fake, '/api/v1/athlete/0/wellness?oldest=2025-11-20&newest=2025-11-30'))
      .body as Wellness[];
    expect(old.length).toBeGreaterThan(0);
    for (const day of old) expect(day.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
  });

  it('locks and unlocks a day; read-back shows the lock', async () => {
    await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-15', { vo2max: 59.7, locked: true });
    expect((await get('2026-03-15')).locked).toBe(true);
    await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-15', { locked: false });
    const day = await get('2026-03-15');
    expect(day.locked).toBe(false);
    expect(day.vo2max).toBe(59.7);
  });

  it('with unlockable: false, locked:false is silently ignored (the uncertain live behaviour)', async () => {
    const strict = await createFakeIcu({ key: KEY, now: NOW, rateLimit: false, unlockable: false });
    try {
      await putJson(strict, '/api/v1/athlete/0/wellness/2026-03-15', { locked: true });
      const res = await putJson(strict, '/api/v1/athlete/0/wellness/2026-03-15', { locked: false, mood: 1 });
      expect((res.body as Wellness).locked).toBe(true);
      expect((res.body as Wellness).mood).toBe(1);
    } finally {
      await strict.close();
    }
  });

  it('a day without a record reads as {id, locked: null} and can be created', async () => {
    expect(await get('2026-03-20')).toEqual({ id: '2026-03-20', locked: null });
    await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-20', { weight: 70 });
    expect(await get('2026-03-20')).toMatchObject({ id: '2026-03-20', weight: 70 });
  });

  it('PUT /wellness takes the day from the body id', async () => {
    const res = await putJson(ctx.fake, '/api/v1/athlete/0/wellness', { id: '2026-03-12', sleepScore: 91 });
    expect(res.status).toBe(200);
    expect((await get('2026-03-12')).sleepScore).toBe(91);
    expect((await putJson(ctx.fake, '/api/v1/athlete/0/wellness', { sleepScore: 91 })).status).toBe(400);
  });

  it('PUT /wellness-bulk writes every record (200, empty body) or none', async () => {
    const res = await putJson(ctx.fake, '/api/v1/athlete/0/wellness-bulk', [
      { id: '2026-03-01', weight: 69.1 },
      { id: '2026-03-02', weight: 69.2, locked: true },
    ]);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect((await get('2026-03-01')).weight).toBe(69.1);
    expect((await get('2026-03-02')).locked).toBe(true);
    const bad = await putJson(ctx.fake, '/api/v1/athlete/0/wellness-bulk', [
      { id: '2026-03-03', weight: 60 },
      { weight: 61 },
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual([{ status: 422, error: expect.stringContaining('Record 1: id must be the day') }]);
    expect((await get('2026-03-03')).weight).not.toBe(60);
  });

  it('rejects bad dates, wrong types and broken JSON with 400', async () => {
    expect((await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-02-30', { weight: 70 })).status).toBe(400);
    expect((await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-10', { weight: 'heavy' })).status).toBe(400);
    expect((await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-10', { restingHR: 47.5 })).status).toBe(400);
    const broken = await call(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-10', {
      method: 'PUT',
      body: '{"weight":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
  });

  it('a weight written through the API reaches the athlete and the curves', async () => {
    await putJson(ctx.fake, '/api/v1/athlete/0/wellness/2026-03-15', { weight: 65.5 });
    expect(((await call(ctx.fake, '/api/v1/athlete/0')).body as { icu_weight: number }).icu_weight).toBe(65.5);
    const curves = (await call(ctx.fake, '/api/v1/athlete/0/power-curves?type=Ride&curves=42d')).body as {
      list: { weight: number }[];
    };
    expect(curves.list[0]?.weight).toBe(65.5);
  });
});
