import { describe, expect, it } from 'vitest';
import { activityUrl, parseRoute } from '../lib/routes';

describe('parseRoute', () => {
  it.each([
    ['https://intervals.icu/activities/i12345678', { kind: 'activity', activityId: 'i12345678' }],
    ['https://intervals.icu/activities/i12345678/', { kind: 'activity', activityId: 'i12345678' }],
    ['https://intervals.icu/activities/i12345678/data', { kind: 'activity', activityId: 'i12345678', tab: 'data' }],
    [
      'https://intervals.icu/activities/i12345678/Timeline?x=1#y',
      { kind: 'activity', activityId: 'i12345678', tab: 'timeline' },
    ],
    ['https://intervals.icu/activities/9876543210', { kind: 'activity', activityId: '9876543210' }],
    ['https://intervals.icu/athlete/i42/activities/i7', { kind: 'activity', activityId: 'i7', athleteId: 'i42' }],
    ['https://intervals.icu/calendar', { kind: 'calendar' }],
    ['https://intervals.icu/calendar/2026-11-23', { kind: 'calendar' }],
    ['https://intervals.icu/events/71001', { kind: 'workout', eventId: 71001 }],
    ['https://intervals.icu/athlete/i42/events/7', { kind: 'workout', eventId: 7, athleteId: 'i42' }],
    ['https://intervals.icu/events/new', { kind: 'other' }],
    ['https://intervals.icu/fitness', { kind: 'fitness' }],
    ['https://intervals.icu/power?w=42d', { kind: 'power' }],
    ['https://intervals.icu/wellness', { kind: 'wellness' }],
    ['https://intervals.icu/settings', { kind: 'settings' }],
    ['https://intervals.icu/athlete/i42/fitness', { kind: 'fitness', athleteId: 'i42' }],
    ['https://intervals.icu/', { kind: 'other' }],
    ['https://intervals.icu/activities', { kind: 'other' }],
    ['https://intervals.icu/activities/new', { kind: 'other' }],
    ['https://forum.intervals.icu/t/api-access/609', { kind: 'other' }],
    ['http://intervals.icu/activities/i1', { kind: 'other' }],
    ['https://evil.example/activities/i1', { kind: 'other' }],
    ['not a url', { kind: 'other' }],
  ])('%s', (url, expected) => {
    expect(parseRoute(url)).toEqual(expected);
  });

  it('builds activity links', () => {
    expect(activityUrl('i55')).toBe('https://intervals.icu/activities/i55');
  });
});
