import { beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../entrypoints/background/services/connection';
import {
  getActivitySummary,
  getDashboard,
  STRAVA_ACTIVITY_NAME,
} from '../../entrypoints/background/services/dashboard';
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
      timezone: 'Pacific/Auckland',
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

describe('a fresh dashboard is not fetched again (maxAgeMs)', () => {
  beforeEach(freshProfile);
  const at = (iso: string) => new Date(iso);

  it('answers from the cache while younger than maxAgeMs, fetches after, and always without maxAgeMs', async () => {
    const icu = fakeIcu({ wellness: wellnessFor });
    await connect(icu.services(), { apiKey: GOOD_KEY });
    const connecting = icu.calls.length;
    const first = await getDashboard(icu.services(at('2024-05-02T09:00:00Z')), { source: 'network', maxAgeMs: 60_000 });
    const requests = icu.calls.length - connecting;
    expect(requests).toBe(3); // nothing cached yet: the athlete, today's wellness and the activities

    const again = await getDashboard(icu.services(at('2024-05-02T09:00:59Z')), {
      source: 'network',
      maxAgeMs: 60_000,
    });
    expect(again).toEqual(first);
    expect(icu.calls).toHaveLength(connecting + requests); // 59 s old: no request

    const later = await getDashboard(icu.services(at('2024-05-02T09:01:00Z')), {
      source: 'network',
      maxAgeMs: 60_000,
    });
    expect(later?.fetchedAt).toBe(at('2024-05-02T09:01:00Z').getTime());
    const afterExpiry = icu.calls.length;
    expect(afterExpiry).toBe(connecting + 2 * requests); // 60 s old: fetched again, the same requests

    // No maxAgeMs (the popup's Refresh): fetched however fresh.
    await getDashboard(icu.services(at('2024-05-02T09:01:01Z')), { source: 'network' });
    expect(icu.calls).toHaveLength(afterExpiry + requests);
  });

  it('fetches a fresh dashboard again once the athlete’s day has changed', async () => {
    const icu = fakeIcu({ wellness: wellnessFor });
    await connect(icu.services(), { apiKey: GOOD_KEY });
    // 11:59:40 UTC is 23:59:40 in Auckland; 20 s later it is the next day there.
    const connecting = icu.calls.length;
    const before = await getDashboard(icu.services(at('2024-05-02T11:59:40Z')), { source: 'network' });
    expect(before?.today).toBe('2024-05-02');
    const requests = icu.calls.length - connecting;
    const after = await getDashboard(icu.services(at('2024-05-02T12:00:00Z')), { source: 'network', maxAgeMs: 60_000 });
    expect(after?.today).toBe('2024-05-03');
    expect(icu.calls).toHaveLength(connecting + 2 * requests);
  });

  it('an activity summary: cached while younger than maxAgeMs, fetched after and without it', async () => {
    const icu = fakeIcu();
    await connect(icu.services(), { apiKey: GOOD_KEY });
    const ask = (iso: string, maxAgeMs?: number) =>
      getActivitySummary(icu.services(at(iso)), { activityId: RIDE.id, source: 'network', maxAgeMs });
    const sent = () => icu.calls.filter((c) => c.request.url.endsWith(`/activity/${RIDE.id}`)).length;

    expect((await ask('2024-05-02T09:00:00Z', 60_000))?.name).toBe('Hill repeats');
    expect(sent()).toBe(1);
    await ask('2024-05-02T09:00:30Z', 60_000);
    expect(sent()).toBe(1);
    await ask('2024-05-02T09:01:00Z', 60_000);
    expect(sent()).toBe(2);
    await ask('2024-05-02T09:01:01Z');
    expect(sent()).toBe(3);
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
