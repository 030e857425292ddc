import { describe, expect, it } from 'vitest';
import { REASON_TEXT } from '../../components/vo2max/reasons';
import { estimateVo2max } from '../../lib/power/vo2max';
import {
  type ActivityEffort,
  bestFiveMinutes,
  estimateFor,
  estimateWindow,
  fiveMinuteWatts,
  parseWeightInput,
  resolveWeight,
  roundVo2max,
  sportReason,
  summarizeWindows,
  trendRange,
  VO2MAX_WINDOWS,
  type WindowSummary,
  weeklyTrend,
} from '../../lib/power/vo2max-rules';

describe('which sports count', () => {
  it.each([
    ['Ride', null],
    ['VirtualRide', null],
    ['GravelRide', null],
    ['MountainBikeRide', null],
    ['TrackRide', null],
    ['Cyclocross', null],
    ['Velomobile', null],
    ['Run', 'running'],
    ['VirtualRun', 'running'],
    ['TrailRun', 'running'],
    ['EBikeRide', 'ebike'],
    ['EMountainBikeRide', 'ebike'],
    ['Handcycle', 'handcycle'],
    ['Swim', 'not-cycling'],
    ['Rowing', 'not-cycling'],
    ['WeightTraining', 'not-cycling'],
    [null, 'not-cycling'],
    [undefined, 'not-cycling'],
  ])('%s → %s', (type, reason) => {
    expect(sportReason(type)).toBe(reason);
  });

  it('has a sentence for every reason', () => {
    for (const text of Object.values(REASON_TEXT)) expect(text).toMatch(/^[A-Z].+\.$/);
  });
});

const SECS = [1, 5, 60, 120, 300, 1200];

describe('the best 5 minutes of a curve', () => {
  it('reads values (or watts) at 300 s', () => {
    expect(fiveMinuteWatts({ secs: SECS, values: [900, 800, 500, 420, 351, 300] })).toBe(351);
    expect(fiveMinuteWatts({ secs: SECS, watts: [900, 800, 500, 420, 352, 300] })).toBe(352);
  });

  it('is null without a 300 s entry, past the curve, or at 0 W', () => {
    expect(fiveMinuteWatts({ secs: [1, 5, 60], values: [900, 800, 500] })).toBeNull();
    expect(fiveMinuteWatts({ secs: SECS, values: [900, 800, 500, 420] })).toBeNull();
    expect(fiveMinuteWatts({ secs: SECS, values: [900, 800, 500, 420, 0, 0] })).toBeNull();
    expect(fiveMinuteWatts({})).toBeNull();
  });

  it('names the activity and its local day from the answer’s activities', () => {
    const effort = bestFiveMinutes(
      { secs: SECS, values: [1, 1, 1, 1, 340, 1], activity_id: ['a', 'a', 'a', 'a', 'i77', 'a'] },
      { i77: { name: 'Hill repeats', type: 'Ride', start_date_local: '2026-03-01T07:12:00' } },
    );
    expect(effort).toEqual({
      watts: 340,
      activityId: 'i77',
      activityName: 'Hill repeats',
      activityType: 'Ride',
      date: '2026-03-01',
    });
    expect(bestFiveMinutes({ secs: SECS, values: [1, 1, 1, 1, 340, 1] })?.date).toBeNull();
  });
});

describe('summarizeWindows', () => {
  const curve = (id: string, watts: number, activity: string, weight?: number, vo2?: number) => ({
    id,
    secs: [300],
    values: [watts],
    activity_id: [activity],
    weight,
    vo2max_5m: vo2,
  });
  const activities = {
    r1: { type: 'Ride', start_date_local: '2026-03-10T08:00:00' },
    r2: { type: 'VirtualRide', start_date_local: '2025-11-02T18:00:00' },
    e1: { type: 'EBikeRide', start_date_local: '2025-07-01T10:00:00' },
  };

  it('one summary per window in selector order, matched by curve id', () => {
    const windows = summarizeWindows({
      list: [
        curve('all', 390, 'e1', 71),
        curve('1y', 360, 'r2', 70.5, 58.9),
        curve('42d', 340, 'r1', 70.2, 56.1),
        curve('90d', 340, 'r1', 70.2),
      ],
      activities,
    });
    expect(windows.map((w) => w.id)).toEqual(VO2MAX_WINDOWS.map((w) => w.id));
    const [d42, d90, season, year, all] = windows as [WindowSummary, ...WindowSummary[]];
    expect(d42).toMatchObject({ label: '42 days', curveWeight: 70.2, icuVo2max5m: 56.1, excluded: null });
    expect(d42.effort).toMatchObject({ watts: 340, activityId: 'r1', date: '2026-03-10' });
    expect(d90?.icuVo2max5m).toBeNull();
    expect(season?.effort).toBeNull(); // s0 missing from the answer
    expect(year?.effort?.date).toBe('2025-11-02');
    expect(all?.excluded).toBe('ebike');
  });

  it('falls back to position when the curves carry no ids', () => {
    const windows = summarizeWindows({
      list: [
        { secs: [300], values: [300] },
        { secs: [300], values: [310] },
      ],
    });
    expect(windows.map((w) => w.effort?.watts ?? null)).toEqual([300, 310, null, null, null]);
  });

  it('a curve whose activity is not in the answer still counts (it was asked for rides)', () => {
    const [w] = summarizeWindows({ list: [curve('42d', 300, 'unknown')] });
    expect(w?.excluded).toBeNull();
    expect(w?.effort?.date).toBeNull();
  });
});

describe('the weight rule', () => {
  it('override → wellness on the effort day → curve → athlete', () => {
    expect(resolveWeight({ override: 68, wellness: 70, curve: 71, athlete: 72 })).toEqual({
      kg: 68,
      source: 'override',
    });
    expect(resolveWeight({ wellness: 70, curve: 71, athlete: 72 })).toEqual({ kg: 70, source: 'wellness' });
    expect(resolveWeight({ wellness: null, curve: 71, athlete: 72 })).toEqual({ kg: 71, source: 'curve' });
    expect(resolveWeight({ curve: 0, athlete: 72 })).toEqual({ kg: 72, source: 'athlete' });
    expect(resolveWeight({})).toBeNull();
  });

  it('skips values that cannot be a body weight in kg (0, grams, NaN)', () => {
    expect(resolveWeight({ wellness: 70400, curve: Number.NaN, athlete: 71 })).toEqual({ kg: 71, source: 'athlete' });
    expect(resolveWeight({ wellness: 0, curve: -3, athlete: 19.9 })).toBeNull();
  });

  it.each([
    ['70.5', 70.5],
    [' 71,25 ', 71.3],
    ['64 kg', 64],
    ['300', 300],
    ['20', 20],
  ])('reads “%s” as %s kg', (text, kg) => {
    expect(parseWeightInput(text)).toEqual({ ok: true, kg });
  });

  it.each([
    ['', /Enter your weight in kilograms/],
    ['abc', /not a number of kilograms/],
    ['70.5.1', /not a number/],
    ['-70', /not a number/],
    ['7', /between 20 and 300 kg/],
    ['155 lb', /not a number/],
    ['400', /between 20 and 300 kg \(pounds\? divide by 2\.2\)/],
  ])('refuses “%s” with a clear message', (text, message) => {
    const result = parseWeightInput(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('the estimate', () => {
  it('350 W at 70 kg: 60.95 (Sitko), 61.00 (ACSM)', () => {
    const sitko = estimateFor(350, { curve: 70 });
    const acsm = estimateFor(350, { curve: 70 }, 'acsm');
    expect(sitko.ok && sitko.vo2max).toBeCloseTo(60.95, 10);
    expect(acsm.ok && acsm.vo2max).toBeCloseTo(61.0, 10);
    expect(sitko).toMatchObject({ ok: true, watts: 350, wattsPerKg: 5, weight: { kg: 70, source: 'curve' } });
  });

  it('no weight → the no-weight reason, no number; no effort → no-effort', () => {
    expect(estimateFor(350, {})).toEqual({ ok: false, reason: 'no-weight' });
    expect(estimateFor(null, { curve: 70 })).toEqual({ ok: false, reason: 'no-effort' });
    expect(estimateFor(0, { curve: 70 })).toEqual({ ok: false, reason: 'no-effort' });
  });

  it('a window: effort, then excluded sport, then weight', () => {
    const base: WindowSummary = {
      id: '42d',
      label: '42 days',
      effort: { watts: 340, activityId: 'r1', activityName: null, activityType: 'Ride', date: '2026-03-10' },
      excluded: null,
      curveWeight: 70.2,
      icuVo2max5m: null,
      wellnessWeight: 69.9,
    };
    const ok = estimateWindow(base);
    expect(ok.ok && ok.weight).toEqual({ kg: 69.9, source: 'wellness' });
    expect(ok.ok && ok.vo2max).toBeCloseTo(estimateVo2max(340, 69.9), 10);
    const overridden = estimateWindow(base, { override: 72, formula: 'acsm' });
    expect(overridden.ok && overridden.vo2max).toBeCloseTo(estimateVo2max(340, 72, 'acsm'), 10);
    expect(estimateWindow({ ...base, excluded: 'ebike' })).toEqual({ ok: false, reason: 'ebike' });
    expect(estimateWindow({ ...base, effort: null })).toEqual({ ok: false, reason: 'no-effort' });
    expect(estimateWindow({ ...base, curveWeight: null, wellnessWeight: null })).toEqual({
      ok: false,
      reason: 'no-weight',
    });
    const fromAthlete = estimateWindow({ ...base, curveWeight: null, wellnessWeight: null }, { athleteWeight: 71 });
    expect(fromAthlete.ok && fromAthlete.weight).toEqual({ kg: 71, source: 'athlete' });
  });

  it('rounds to one decimal for wellness', () => {
    expect(roundVo2max(59.74999)).toBe(59.7);
    expect(roundVo2max(60.95)).toBe(61);
  });
});

describe('the weekly trend', () => {
  const effort = (id: string, date: string, watts: number, extra: Partial<ActivityEffort> = {}): ActivityEffort => ({
    id,
    date,
    watts,
    curveWeight: 70,
    wellnessWeight: null,
    ...extra,
  });

  it('fetches from the first week’s window start to today', () => {
    // 52 weeks: the first ends 357 days ago, and its 42-day window starts 41 days before that.
    expect(trendRange('2026-03-15')).toEqual({ oldest: '2025-02-10', newest: '2026-03-15' });
  });

  it('52 weeks ending today, each the best of the 42 days ending that week', () => {
    const efforts = [
      effort('a', '2026-03-15', 300), // today
      effort('b', '2026-02-02', 350), // 41 days before today: inside today's window
      effort('c', '2026-02-01', 400), // 42 days before: outside today's window, inside last week's
      effort('d', '2025-06-01', 320),
    ];
    const weeks = weeklyTrend(efforts, '2026-03-15');
    expect(weeks).toHaveLength(52);
    expect(weeks.map((w) => w.weekEnd).slice(-3)).toEqual(['2026-03-01', '2026-03-08', '2026-03-15']);
    expect(weeks.at(-1)?.effort?.id).toBe('b');
    expect(weeks.at(-2)?.effort?.id).toBe('c');
    expect(weeks.at(-1)?.vo2max).toBeCloseTo(estimateVo2max(350, 70), 10);
    // A week with no ride in its window has no point.
    const empty = weeks.find((w) => w.weekEnd === '2025-08-31');
    expect(empty).toMatchObject({ effort: null, vo2max: null, weight: null });
    // June's ride is in the windows of the six weeks that end within 41 days after it.
    const withD = weeks.filter((w) => w.effort?.id === 'd').map((w) => w.weekEnd);
    expect(withD).toEqual(['2025-06-01', '2025-06-08', '2025-06-15', '2025-06-22', '2025-06-29', '2025-07-06']);
  });

  it('applies the weight rule per effort, the override and the formula', () => {
    const weeks = weeklyTrend(
      [
        effort('a', '2026-03-10', 350, { wellnessWeight: 69, curveWeight: 71 }),
        effort('b', '2025-12-01', 300, { curveWeight: null }),
      ],
      '2026-03-15',
      { formula: 'acsm', athleteWeight: 72, weeks: 20 },
    );
    expect(weeks).toHaveLength(20);
    expect(weeks.at(-1)?.weight).toEqual({ kg: 69, source: 'wellness' });
    expect(weeks.at(-1)?.vo2max).toBeCloseTo(estimateVo2max(350, 69, 'acsm'), 10);
    const december = weeks.find((w) => w.effort?.id === 'b');
    expect(december?.weight).toEqual({ kg: 72, source: 'athlete' });
    const overridden = weeklyTrend([effort('a', '2026-03-10', 350)], '2026-03-15', { override: 80, weeks: 1 });
    expect(overridden[0]?.weight).toEqual({ kg: 80, source: 'override' });
  });

  it('a point without any weight has its effort but no estimate', () => {
    const [point] = weeklyTrend([effort('a', '2026-03-10', 350, { curveWeight: null })], '2026-03-15', { weeks: 1 });
    expect(point?.effort?.id).toBe('a');
    expect(point?.vo2max).toBeNull();
  });
});
