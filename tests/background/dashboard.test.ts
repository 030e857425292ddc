import { beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../entrypoints/background/services/connection';
import { getDashboard, STRAVA_ACTIVITY_NAME } from '../../entrypoints/background/services/dashboard';
import { addDays, todayIn } from '../../lib/dates';
import { caught } from '../api/helpers';
import { freshProfile } from '../store/reset';
import { ATHLETE, fakeIcu, GOOD_KEY, RIDE, STRAVA_STUB } from './fake-icu';

// 09:00 UTC on 2 May is 21:00 on 2 May in Auckland; 22:00 UTC on 2 May is already 3 May there.
const MORNING_UTC = new Date('2024-05-02T09:00:00Z');
const LATE_UTC = new Date('2024-05-02T22:00:00Z');

const wellnessFor = (day: string) => [
  { id: day, weight: 60.8, restingHR: 47, hrv: 72.5, sleepSecs: 27_000, locked: true, ctl: 55 },
];

describe('the dashboard', () => {
  beforeEach(freshProfile);

  it('is null from the cache and an auth error from the network when not connected', async () => {
    const icu = fakeIcu();
    expect(await getDashboard(icu.services(), { source: 'cache' })).toBeNull();
    expect((await caught(getDashboard(icu.services(), { source: 'network' }))).kind).toBe('auth');
    expect(icu.calls).toHaveLength(0);
  });

  it("shows the athlete, today's wellness in the athlete's time zone and the latest activity", async () => {
    const icu = fakeIcu({ wellness: wellnessFor });
    await connect(icu.services(), { apiKey: GOOD_KEY });
    const dashboard = await getDashboard(icu.services(LATE_UTC), { source: 'network' });

    expect(dashboard).toEqual({
      athlete: { id: ATHLETE.id, name: ATHLETE.name },
      today: '2024-05-03',
      wellness: { date: '2024-05-03', weight: 60.8, restingHR: 47, hrv: 72.5, sleepSecs: 27_000, locked: true },
      latestActivity: {
        id: RIDE.id,
        name: 'Hill repeats',
        type: 'Ride',
        startDateLocal: RIDE.start_date_local,
        movingTimeSecs: 3600,
        elapsedTimeSecs: 3900,
        distanceMeters: 30_500,
        trainingLoad: 85,
        url: `https://intervals.icu/activities/${RIDE.id}`,
        restrictedBy: null,
      },
      fetchedAt: LATE_UTC.getTime(),
    });
    const urls = icu.calls.map((c) => c.request.url.replace('https://intervals.icu/api/v1', ''));
    expect(urls).toContain(`/athlete/${ATHLETE.id}/wellness?oldest=2024-05-03&newest=2024-05-03`);
    expect(urls).toContain(`/athlete/${ATHLETE.id}/activities?oldest=${addDays('2024-05-03', -60)}&limit=5`);
  });

  it('has no wellness when the day has no record', async () => {
    const icu = fakeIcu();
    await connect(icu.services(), { apiKey: GOOD_KEY });
    expect((await getDashboard(icu.services(MORNING_UTC), { source: 'network' }))?.wellness).toBeNull();
  });

  it('marks an activity imported from Strava instead of failing', async () => {
    const icu = fakeIcu({ activities: [STRAVA_STUB, RIDE] });
    await connect(icu.services(), { apiKey: GOOD_KEY });
    const dashboard = await getDashboard(icu.services(), { source: 'network' });
    expect(dashboard?.latestActivity).toMatchObject({
      id: STRAVA_STUB.id,
      name: STRAVA_ACTIVITY_NAME,
      restrictedBy: 'strava',
      url: `https://intervals.icu/activities/${STRAVA_STUB.id}`,
      startDateLocal: STRAVA_STUB.start_date_local,
    });
  });

  it('has no latest activity when there is none in 60 days', async () => {
    const icu = fakeIcu({ activities: [] });
    await connect(icu.services(), { apiKey: GOOD_KEY });
    expect((await getDashboard(icu.services(), { source: 'network' }))?.latestActivity).toBeNull();
  });

  it('answers from the cache without the network after a network answer', async () => {
    const icu = fakeIcu({ wellness: wellnessFor });
    await connect(icu.services(), { apiKey: GOOD_KEY });
    expect(await getDashboard(icu.services(), { source: 'cache' })).toBeNull();

    const fresh = await getDashboard(icu.services(MORNING_UTC), { source: 'network' });
    const requests = icu.calls.length;
    expect(await getDashboard(icu.services(), { source: 'cache' })).toEqual(fresh);
    expect(icu.calls).toHaveLength(requests);
  });

  it('keeps the cached answer when the network fails', async () => {
    let failing = false;
    const icu = fakeIcu({
      wellness: (day) => {
        if (failing) throw new TypeError('fetch failed');
        return wellnessFor(day);
      },
    });
    await connect(icu.services(), { apiKey: GOOD_KEY });
    const fresh = await getDashboard(icu.services(), { source: 'network' });
    failing = true;
    expect((await caught(getDashboard(icu.services(), { source: 'network' }))).kind).toBe('offline');
    expect(await getDashboard(icu.services(), { source: 'cache' })).toEqual(fresh);
  });
});

describe('days', () => {
  it.each([
    ['Pacific/Auckland', '2024-05-02T22:00:00Z', '2024-05-03'],
    ['America/Los_Angeles', '2024-05-02T05:00:00Z', '2024-05-01'],
    ['Europe/London', '2024-12-31T23:30:00Z', '2024-12-31'],
    ['UTC', '2024-02-29T12:00:00Z', '2024-02-29'],
  ])('today in %s at %s is %s', (zone, at, day) => {
    expect(todayIn(zone, new Date(at))).toBe(day);
  });

  it('falls back to the browser zone for an unknown zone', () => {
    const at = new Date('2024-05-02T12:00:00Z');
    expect(todayIn('Not/AZone', at)).toBe(todayIn(undefined, at));
  });

  it('adds days across months and leap days', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-05-03', -60)).toBe('2024-03-04');
  });
});
