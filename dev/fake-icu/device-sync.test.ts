/** The simulated device sync and the `unlockable` switch, programmatic and over HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { validateResponse } from './openapi-validate';
import { call, putJson, useFakeIcu } from './test-helpers';
import type { Wellness } from './types';

const ctx = useFakeIcu();
afterEach(() => ctx.fake.reset());

const get = async (day: string) => (await call(ctx.fake, `/api/v1/athlete/0/wellness/${day}`)).body as Wellness;
const postControl = (path: string, body: unknown) =>
  call(ctx.fake, path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('device sync', () => {
  it('overwrites weight, resting HR, HRV and sleep on an unlocked day, and nothing else', async () => {
    const day = '2026-03-14';
    await putJson(ctx.fake, `/api/v1/athlete/0/wellness/${day}`, { weight: 69.1, mood: 2, locked: false });
    const before = await get(day);
    const result = ctx.fake.syncDevice(day, { weight: 71.4, restingHR: 52, hrv: 61, sleepSecs: 25_200 });
    expect(result.applied).toBe(true);
    const after = await get(day);
    expect(after).toMatchObject({ weight: 71.4, restingHR: 52, hrv: 61, sleepSecs: 25_200, mood: 2 });
    const { weight: _w, restingHR: _r, hrv: _h, sleepSecs: _s, updated: _u, ...restBefore } = before;
    const { weight: _w2, restingHR: _r2, hrv: _h2, sleepSecs: _s2, updated: _u2, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    expect(validateResponse('GET', `/api/v1/athlete/0/wellness/${day}`, 200, after).valid).toBe(true);
  });

  it('leaves a locked day alone', async () => {
    const day = '2026-03-13';
    await putJson(ctx.fake, `/api/v1/athlete/0/wellness/${day}`, { weight: 68.2, locked: true });
    const before = await get(day);
    expect(ctx.fake.syncDevice(day).applied).toBe(false);
    expect(await get(day)).toEqual(before);
  });

  it('creates the day when there was none, with plausible values by default', async () => {
    const result = ctx.fake.syncDevice('2026-03-16');
    expect(result.applied).toBe(true);
    expect(result.day.weight).toBeGreaterThan(40);
    expect(result.day.sleepSecs).toBeGreaterThan(0);
  });

  it('is reachable over HTTP as POST /__fake/device-sync', async () => {
    const day = '2026-03-12';
    await putJson(ctx.fake, `/api/v1/athlete/0/wellness/${day}`, { locked: true, restingHR: 44 });
    const refused = await postControl('/__fake/device-sync', { date: day, values: { restingHR: 70 } });
    expect(refused.body).toMatchObject({ applied: false, day: { restingHR: 44 } });
    await putJson(ctx.fake, `/api/v1/athlete/0/wellness/${day}`, { locked: false });
    const applied = await postControl('/__fake/device-sync', { date: day, values: { restingHR: 70 } });
    expect(applied.body).toMatchObject({ applied: true, day: { restingHR: 70 } });
    expect((await postControl('/__fake/device-sync', { date: 'yesterday' })).status).toBe(400);
  });
});

describe('the unlockable switch', () => {
  it('switches per test, over HTTP or programmatically, and reset restores it', async () => {
    const day = '2026-03-11';
    await putJson(ctx.fake, `/api/v1/athlete/0/wellness/${day}`, { locked: true });
    expect((await postControl('/__fake/options', { unlockable: false })).body).toMatchObject({
      unlockable: false,
      nullClears: false,
    });
    await putJson(ctx.fake, `/api/v1/athlete/0/wellness/${day}`, { locked: false });
    expect((await get(day)).locked).toBe(true);

    ctx.fake.setOptions({ unlockable: true });
    await putJson(ctx.fake, `/api/v1/athlete/0/wellness/${day}`, { locked: false });
    expect((await get(day)).locked).toBe(false);

    ctx.fake.setOptions({ unlockable: false });
    ctx.fake.reset();
    expect((await postControl('/__fake/options', {})).body).toEqual({
      unlockable: true,
      nullClears: false,
      maxUploadBytes: 50 * 1024 * 1024,
    });
    expect((await postControl('/__fake/options', { unlockable: 'no' })).status).toBe(400);
    expect((await postControl('/__fake/options', { nullClears: true })).body).toMatchObject({
      unlockable: true,
      nullClears: true,
    });
    expect((await postControl('/__fake/options', { nullClears: 1 })).status).toBe(400);
    expect((await postControl('/__fake/options', { maxUploadBytes: 1024 })).body).toMatchObject({
      maxUploadBytes: 1024,
    });
    expect((await postControl('/__fake/options', { maxUploadBytes: -1 })).status).toBe(400);
  });
});
