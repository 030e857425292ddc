/**
 * The VO2max services against the real stand-in (dev/fake-icu, in this process): requests per card load, the figures
 * computed from the stand-in's own curves and weights, the trend's range, and each activity kind.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeIcu, type FakeIcu } from '../../dev/fake-icu';
import { connect } from '../../entrypoints/background/services/connection';
import { createServices } from '../../entrypoints/background/services/context';
import { getActivityVo2max, getVo2max, getVo2maxTrend } from '../../entrypoints/background/services/vo2max';
import { meanMaxPower } from '../../lib/power/mean-max';
import { estimateVo2max } from '../../lib/power/vo2max';
import { trendRange, VO2MAX_WINDOWS, weeklyTrend } from '../../lib/power/vo2max-rules';
import { vo2maxFormula, vo2maxWeightOverride } from '../../lib/settings';
import { freshProfile } from '../store/reset';

const KEY = 'vo2max0test0key0for0the0stand0in';
const NOW = new Date('2026-03-15T09:30:00Z');
let fake: FakeIcu;
let requests: string[] = [];

beforeAll(async () => {
  fake = await createFakeIcu({ key: KEY, now: NOW, rateLimit: false });
});
afterAll(async () => {
  await fake?.close();
});

function services(now = NOW) {
  const fetchVia: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = request.url.replace('https://intervals.icu', fake.url);
    requests.push(url.slice(fake.url.length + '/api/v1'.length));
    return fetch(new Request(url, request));
  };
  return createServices({ fetch: fetchVia, now: () => now, retry: { limit: 0 } });
}

/** The stand-in's own answer, read directly (not through the extension). */
async function direct<T>(path: string): Promise<T> {
  const res = await fetch(`${fake.url}/api/v1${path}`, {
    headers: { authorization: `Basic ${Buffer.from(`API_KEY:${KEY}`).toString('base64')}` },
  });
  return (await res.json()) as T;
}

interface Curve {
  id: string;
  secs: number[];
  values: number[];
  activity_id: string[];
  weight: number;
  vo2max_5m?: number;
}

beforeEach(async () => {
  await freshProfile();
  fake.reset();
  await connect(services(), { apiKey: KEY });
  requests = [];
});

describe('getVo2max (the card)', () => {
  it('fetches every window in one power-curves request, then the wellness of each distinct effort day', async () => {
    const overview = await getVo2max(services(), { source: 'network' });
    expect(overview).not.toBeNull();
    if (!overview) return;
    const curveCalls = requests.filter((r) => r.includes('/power-curves'));
    expect(curveCalls).toEqual([`/athlete/i424242/power-curves.json?type=Ride&curves=42d%2C90d%2Cs0%2C1y%2Call`]);
    const dates = new Set(overview.windows.flatMap((w) => (w.effort?.date ? [w.effort.date] : [])));
    expect(requests.filter((r) => r.includes('/wellness'))).toHaveLength(dates.size);
    expect(requests).toHaveLength(1 + dates.size); // the curves carry a weight: no athlete request
    expect(overview.today).toBe('2026-03-15');
    expect(overview.windows.map((w) => w.id)).toEqual(VO2MAX_WINDOWS.map((w) => w.id));

    const { list, activities } = await direct<{
      list: Curve[];
      activities: Record<string, { start_date_local: string }>;
    }>('/athlete/0/power-curves?type=Ride&curves=42d,90d,s0,1y,all');
    for (const window of overview.windows) {
      const curve = list.find((c) => c.id === window.id) as Curve;
      const i = curve.secs.indexOf(300);
      expect(window.effort?.watts).toBe(curve.values[i]);
      expect(window.effort?.activityId).toBe(curve.activity_id[i]);
      const day = activities[curve.activity_id[i] as string]?.start_date_local.slice(0, 10) as string;
      expect(window.effort?.date).toBe(day);
      const [wellness] = await direct<{ weight?: number }[]>(`/athlete/0/wellness?oldest=${day}&newest=${day}`);
      expect(window.wellnessWeight).toBe(wellness?.weight ?? null);
      expect(window.curveWeight).toBe(curve.weight);
      expect(window.icuVo2max5m).toBe(curve.vo2max_5m);
      expect(window.excluded).toBeNull();
    }
  });

  it('answers from the cache, and reads through for a few minutes without asking again', async () => {
    expect(await getVo2max(services(), { source: 'cache' })).toBeNull();
    const first = await getVo2max(services(), { source: 'network' });
    requests = [];
    expect(await getVo2max(services(new Date(NOW.getTime() + 60_000)), { source: 'network' })).toEqual(first);
    expect(await getVo2max(services(), { source: 'cache' })).toEqual(first);
    expect(requests).toHaveLength(0);
    await getVo2max(services(new Date(NOW.getTime() + 10 * 60_000)), { source: 'network' });
    expect(requests.length).toBeGreaterThan(0);
  });

  it('asks for the athlete only when a window has neither a wellness nor a curve weight', async () => {
    // Remove every wellness weight: the curve weights (from the activities) still answer.
    fake.faults.add({ kind: 'status', status: 200, body: [], path: '/athlete/*/wellness' });
    const overview = await getVo2max(services(), { source: 'network' });
    expect(overview?.windows.every((w) => w.wellnessWeight === null)).toBe(true);
    expect(requests.some((r) => /^\/athlete\/i424242(\?|$)/.test(r))).toBe(false);
  });
});

describe('getVo2maxTrend', () => {
  it('takes three requests for 12 months of weeks and leaves the run out', async () => {
    const trend = await getVo2maxTrend(services());
    const { oldest, newest } = trendRange('2026-03-15');
    expect(requests.sort()).toEqual(
      [
        `/athlete/i424242/activity-power-curves.json?oldest=${oldest}&newest=${newest}&type=Ride&secs=300`,
        `/athlete/i424242/activities?oldest=${oldest}&newest=${newest}&fields=id%2Ctype`,
        `/athlete/i424242/wellness?oldest=${oldest}&newest=${newest}&fields=id%2Cweight`,
      ].sort(),
    );
    const rides = fake.state.seed.activities.filter((a) => a.kind === 'upload' && a.activity.type !== 'Run');
    expect(trend.efforts.map((e) => e.id).sort()).toEqual(
      rides
        .filter((a) => a.kind === 'upload' && (meanMaxPower(a.time, a.watts, [300])[0] ?? 0) > 0)
        .map((a) => a.id)
        .sort(),
    );
    for (const e of trend.efforts) {
      const a = rides.find((r) => r.id === e.id);
      if (a?.kind !== 'upload') throw new Error('not an upload');
      expect(e.watts).toBe(Math.round(meanMaxPower(a.time, a.watts, [300])[0] as number));
    }
    const weeks = weeklyTrend(trend.efforts, trend.today, { athleteWeight: trend.athleteWeight });
    expect(weeks).toHaveLength(52);
    expect(weeks.at(-1)?.weekEnd).toBe('2026-03-15');
    const recent = trend.efforts.filter((e) => e.date >= '2026-02-02');
    expect(weeks.at(-1)?.effort?.watts).toBe(Math.max(...recent.map((e) => e.watts)));
    expect(weeks[0]?.effort).toBeNull();
  });
});

describe('getActivityVo2max', () => {
  it('a ride: 5-minute power from its power curve, wellness weight of that day, Sitko by default', async () => {
    const answer = await getActivityVo2max(services(), { activityId: 'i9001001' });
    const curve = await direct<Curve & { watts: number[] }>('/activity/i9001001/power-curve');
    const watts = curve.values[curve.secs.indexOf(300)] as number;
    expect(answer.powerFrom).toBe('curve');
    expect(answer.watts).toBe(watts);
    expect(answer.icuVo2max5m).toBe(curve.vo2max_5m);
    expect(answer.type).toBe('Ride');
    const day = answer.date as string;
    const [wellness] = await direct<{ weight?: number }[]>(`/athlete/0/wellness?oldest=${day}&newest=${day}`);
    const weight = wellness?.weight ?? curve.weight;
    if (!answer.result.ok) throw new Error(answer.result.reason);
    expect(answer.result.weight.kg).toBe(weight);
    expect(answer.result.weight.source).toBe(wellness?.weight ? 'wellness' : 'curve');
    expect(answer.result.vo2max).toBeCloseTo(estimateVo2max(watts, weight, 'sitko'), 10);
    expect(requests.filter((r) => !r.includes('/wellness'))).toEqual([
      '/activity/i9001001',
      '/activity/i9001001/power-curve.json',
    ]);
  });

  it('applies the stored formula and weight override without asking the API again', async () => {
    await getActivityVo2max(services(), { activityId: 'i9001001' });
    requests = [];
    await vo2maxFormula.setValue('acsm');
    await vo2maxWeightOverride.setValue(80);
    const answer = await getActivityVo2max(services(), { activityId: 'i9001001' });
    expect(requests).toHaveLength(0);
    if (!answer.result.ok) throw new Error(answer.result.reason);
    expect(answer.result.weight).toEqual({ kg: 80, source: 'override' });
    expect(answer.result.formula).toBe('acsm');
    expect(answer.result.vo2max).toBeCloseTo(estimateVo2max(answer.watts as number, 80, 'acsm'), 10);
  });

  it('computes from the watts stream with lib/power when the curve is missing', async () => {
    fake.faults.add({ kind: 'status', status: 404, path: '/activity/i9001003/power-curve*' });
    const answer = await getActivityVo2max(services(), { activityId: 'i9001003' });
    expect(answer.powerFrom).toBe('stream');
    const a = fake.state.seed.activities.find((x) => x.id === 'i9001003');
    if (a?.kind !== 'upload') throw new Error('not an upload');
    expect(answer.watts).toBeCloseTo(meanMaxPower(a.time, a.watts, [300])[0] as number, 10);
    expect(answer.result.ok).toBe(true);
    expect(requests).toContain('/activity/i9001003/streams.json?types=time%2Cwatts');
  });

  it('a run: not offered (running power), after one request', async () => {
    const answer = await getActivityVo2max(services(), { activityId: 'i9001002' });
    expect(answer.result).toEqual({ ok: false, reason: 'running' });
    expect(answer.watts).toBeNull();
    expect(requests).toEqual(['/activity/i9001002']);
  });

  it('a ride shorter than 5 minutes: too short', async () => {
    const answer = await getActivityVo2max(services(), { activityId: 'i9001004' });
    expect(answer.result).toEqual({ ok: false, reason: 'too-short' });
  });

  it('a Strava import: the reason, not an error', async () => {
    const answer = await getActivityVo2max(services(), { activityId: '15948300112' });
    expect(answer.result).toEqual({ ok: false, reason: 'strava' });
  });
});
