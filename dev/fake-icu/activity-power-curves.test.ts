/** GET /athlete/{id}/activity-power-curves: each activity's best power at the asked durations, valid per the spec. */
import { describe, expect, it } from 'vitest';
import { meanMaxPower } from '../../lib/power/mean-max';
import { validateResponse } from './openapi-validate';
import { call, useFakeIcu } from './test-helpers';

const ctx = useFakeIcu();

interface Payload {
  secs: number[];
  after_kj?: number;
  curves: { id: string; start_date_local: string; weight: number; watts: number[] }[];
}

async function get(path: string): Promise<Payload> {
  const res = await call(ctx.fake, path);
  expect(res.status, path).toBe(200);
  const result = validateResponse('GET', path, res.status, res.body);
  expect(result.errors, path).toEqual([]);
  expect(result.operationId).toMatch(/^listActivityPowerCurves/);
  return res.body as Payload;
}

describe('activity power curves', () => {
  it('gives every ride its own best 5 minutes, computed with meanMaxPower from the recording', async () => {
    const body = await get(
      '/api/v1/athlete/0/activity-power-curves.json?oldest=2025-01-01&newest=2026-03-15&type=Ride&secs=300',
    );
    expect(body.secs).toEqual([300]);
    const rides = ctx.fake.seed.activities.filter((a) => a.source === 'UPLOAD' && a.type !== 'Run');
    expect(body.curves.map((c) => c.id).sort()).toEqual(rides.map((a) => a.id).sort());
    for (const c of body.curves) {
      const a = ctx.fake.state.seed.activities.find((x) => x.id === c.id);
      if (a?.kind !== 'upload') throw new Error(`no upload ${c.id}`);
      const [w] = meanMaxPower(a.time, a.watts, [300]);
      expect(c.watts).toEqual([w === null || w === undefined ? 0 : Math.round(w)]);
      expect(c.weight).toBe(a.activity.icu_weight);
      expect(c.start_date_local).toBe(a.activity.start_date_local);
    }
    // Newest first.
    const dates = body.curves.map((c) => c.start_date_local);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('keeps to the dates and the sport, defaults to the standard durations, and answers the fatigued variant', async () => {
    const narrow = await get('/api/v1/athlete/0/activity-power-curves?oldest=2026-03-10&newest=2026-03-15&type=Ride');
    expect(narrow.curves.every((c) => c.start_date_local >= '2026-03-10')).toBe(true);
    expect(narrow.secs.length).toBeGreaterThan(100);
    const runs = await get(
      '/api/v1/athlete/0/activity-power-curves?oldest=2025-01-01&newest=2026-03-15&type=Run&secs=300',
    );
    expect(runs.curves.map((c) => c.id)).toEqual(['i9001002']);
    const tired = await get(
      '/api/v1/athlete/0/activity-power-curves?oldest=2025-01-01&newest=2026-03-15&type=Ride&secs=300&fatigue=kj0',
    );
    expect(tired.after_kj).toBe(1000);
  });

  it('refuses a request without oldest or newest', async () => {
    expect((await call(ctx.fake, '/api/v1/athlete/0/activity-power-curves?newest=2026-03-15')).status).toBe(400);
    expect((await call(ctx.fake, '/api/v1/athlete/0/activity-power-curves?oldest=2026-03-15')).status).toBe(400);
  });

  it('moves the rolling windows when the clock is set days later (setOptions daysLater)', async () => {
    type Curves = { list: { id: string; secs: number[]; activity_id: string[] }[] };
    const best5 = async () => {
      const res = await call(ctx.fake, '/api/v1/athlete/0/power-curves?type=Ride&curves=42d,90d');
      return (res.body as Curves).list.map((c) => c.activity_id[c.secs.indexOf(300)]);
    };
    const [d42, d90] = await best5();
    expect(d42).toBe(d90);
    ctx.fake.setOptions({ daysLater: 20 });
    try {
      const [later42, later90] = await best5();
      expect(later90).toBe(d90);
      expect(later42).not.toBe(d42); // the 30-day-old best effort is now 50 days old
    } finally {
      ctx.fake.reset();
    }
    expect(await best5()).toEqual([d42, d90]);
  });
});
