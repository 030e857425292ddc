import { describe, expect, it } from 'vitest';
import {
  formatAbsoluteDate,
  formatAgo,
  formatClock,
  formatDistance,
  formatDuration,
  formatFullDateTime,
  formatHeartRate,
  formatHrv,
  formatLoad,
  formatNumber,
  formatRelativeDay,
  formatSleep,
  formatSport,
  formatTime,
  formatWeight,
  formatWhen,
  isoDay,
  NBSP,
  parseLocalDateTime,
  quantityText,
} from '~/components/format';

/** Plain-space text of a formatted quantity, for readable tables. */
const txt = (q: { value: string; unit: string }) => quantityText(q).replaceAll(NBSP, ' ').replaceAll('\u202f', ' ');

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [125, '2:05'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3723, '1:02:03'],
    [36_000 + 59, '10:00:59'],
    [90_000, '25:00:00'],
    [-3, '0:00'],
    [59.6, '1:00'],
  ])('%s s → %s', (secs, expected) => expect(formatClock(secs)).toBe(expected));
});

describe('formatDuration', () => {
  it.each([
    [3723, '1:02:03'],
    [3600, '1:00:00'],
    [2700, '45 min'],
    [2730, '46 min'],
    [2729, '45 min'],
    [60, '1 min'],
    [59, '59 s'],
    [0, '0 s'],
    [24 * 3600 + 5, '24:00:05'],
  ])('%s s → %s', (secs, expected) => expect(txt(formatDuration(secs, 'en'))).toBe(expected));

  it('keeps the number and unit apart, joined by a no-break space', () => {
    expect(formatDuration(2700, 'en')).toEqual({ value: '45', unit: 'min' });
    expect(quantityText(formatDuration(2700, 'en'))).toBe('45\u00a0min');
    expect(quantityText(formatDuration(3723))).toBe('1:02:03');
  });
});

describe('formatSleep', () => {
  it.each([
    [27_300, '7:35 h'],
    [28_800, '8:00 h'],
    [0, '0:00 h'],
    [59, '0:01 h'],
    [29, '0:00 h'],
    [36_000 + 3540 + 31, '11:00 h'],
  ])('%s s → %s', (secs, expected) => expect(txt(formatSleep(secs))).toBe(expected));
});

describe('formatDistance', () => {
  it.each([
    [42_195, 'Run', 'en', '42.2 km'],
    [10_000, 'Run', 'en', '10.0 km'],
    [9_994, 'Run', 'en', '9.99 km'],
    [9_996, 'Run', 'en', '10.0 km'],
    [5_250, 'Ride', 'en', '5.25 km'],
    [850, 'Walk', 'en', '0.85 km'],
    [123_456, 'Ride', 'en', '123.5 km'],
    [123_456, 'Ride', 'de', '123,5 km'],
    [5_250, null, 'fr', '5,25 km'],
    [1_500, 'Swim', 'en', '1,500 m'],
    [1_500, 'OpenWaterSwim', 'de', '1.500 m'],
    [750.4, 'Swim', 'en', '750 m'],
    [0, 'Ride', 'en', '0.00 km'],
  ])('%s m (%s, %s) → %s', (meters, type, locale, expected) =>
    expect(txt(formatDistance(meters, type, locale))).toBe(expected),
  );
});

describe('numbers with units', () => {
  it.each([
    [formatWeight(70.23, 'en'), '70.2 kg'],
    [formatWeight(70, 'en'), '70 kg'],
    [formatWeight(70.25, 'de'), '70,3 kg'],
    [formatHeartRate(48.4, 'en'), '48 bpm'],
    [formatHrv(65.7, 'en'), '66 ms'],
    [formatHrv(105, 'en'), '105 ms'],
  ])('%o → %s', (q, expected) => expect(txt(q)).toBe(expected));

  it.each([
    [1234.5, {}, 'en', '1,235'],
    [1234.5, { decimals: 2 }, 'en', '1,234.50'],
    [1234.5, { maxDecimals: 2 }, 'de', '1.234,5'],
    [-0.01, { maxDecimals: 1 }, 'en', '0'],
    [-5, {}, 'en', '-5'],
  ])('formatNumber(%s, %o, %s) → %s', (value, options, locale, expected) =>
    expect(formatNumber(value, options, locale)).toBe(expected),
  );

  it('formats load as a whole number', () => {
    expect(formatLoad(87.6, 'en')).toBe('88');
  });
});

describe('formatSport', () => {
  it.each([
    ['Ride', 'Ride'],
    ['VirtualRide', 'Virtual ride'],
    ['WeightTraining', 'Weight training'],
    ['OpenWaterSwim', 'Open water swim'],
    ['EBikeRide', 'E bike ride'],
    [null, 'Activity'],
    ['', 'Activity'],
  ])('%s → %s', (type, expected) => expect(formatSport(type)).toBe(expected));
});

describe('dates', () => {
  // Local wall-clock "now": Wednesday 6 November 2024, 12:00 wherever the test runs.
  const now = new Date(2024, 10, 6, 12, 0);

  it('parses wall-clock dates and ignores zones', () => {
    expect(parseLocalDateTime('2024-11-05T07:30:00')).toEqual({ y: 2024, m: 11, d: 5, hh: 7, mm: 30, hasTime: true });
    expect(parseLocalDateTime('2024-11-05')).toEqual({ y: 2024, m: 11, d: 5, hh: 0, mm: 0, hasTime: false });
    expect(parseLocalDateTime('2024-11-05T23:30:00Z')?.d).toBe(5);
    expect(parseLocalDateTime('yesterday')).toBeNull();
  });

  it.each([
    ['2024-11-06', 'en', 'Today'],
    ['2024-11-05T07:30:00', 'en', 'Yesterday'],
    ['2024-11-07', 'en', 'Tomorrow'],
    ['2024-11-03', 'en', '3 days ago'],
    ['2024-10-31', 'en', '6 days ago'],
    ['2024-10-30', 'en', 'Wed, Oct 30'],
    ['2024-10-30', 'en-GB', /^Wed,? 30 Oct$/],
    ['2023-12-24', 'en-GB', /^Sun,? 24 Dec 2023$/],
    ['2024-11-05', 'de', 'Gestern'],
    ['2024-11-04', 'de', 'Vorgestern'],
    ['2024-10-01', 'de', 'Di., 1. Okt.'],
    ['2024-11-05', 'fr', 'Hier'],
    ['not a date', 'en', 'not a date'],
  ])('formatRelativeDay(%s, %s) → %s', (day, locale, expected) => {
    // Absolute dates: punctuation differs between ICU versions, so those rows are patterns.
    if (expected instanceof RegExp) expect(formatRelativeDay(day, now, locale)).toMatch(expected);
    else expect(formatRelativeDay(day, now, locale)).toBe(expected);
  });

  it.each([
    ['2024-11-05T07:30:00', 'en-GB', 'Yesterday, 07:30'],
    ['2024-11-05T18:05:00', 'en-US', 'Yesterday, 6:05 PM'],
    ['2024-11-06T06:00:00', 'de', 'Heute, 06:00'],
    ['2024-09-14T09:15:00', 'en-GB', /^Sat,? 14 Sept?, 09:15$/],
    ['2024-11-05', 'en', 'Yesterday'],
  ])('formatWhen(%s, %s) → %s', (when, locale, expected) => {
    const text = formatWhen(when, now, locale).replaceAll('\u202f', ' ');
    if (expected instanceof RegExp) expect(text).toMatch(expected);
    else expect(text).toBe(expected);
  });

  it('isoDay gives the local calendar day', () => {
    expect(isoDay(now)).toBe('2024-11-06');
    expect(isoDay(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
  });

  it('prints the wall clock whatever the host time zone', () => {
    expect(formatTime('2024-11-05T23:45:00', 'en-GB')).toBe('23:45');
    expect(formatTime('2024-11-05', 'en-GB')).toBe('');
    expect(formatAbsoluteDate('2024-01-01', now, 'en-GB')).toMatch(/^Mon,? 1 Jan$/);
  });

  it('full date and time for tooltips', () => {
    expect(formatFullDateTime('2024-11-05T07:30:00', 'en-GB')).toMatch(/^Tuesday,? 5 November 2024( at|,) 07:30$/);
    expect(formatFullDateTime('2024-11-05', 'en-GB')).toMatch(/^Tuesday,? 5 November 2024$/);
  });

  it.each([
    [10_000, 'en', 'now'],
    [5 * 60_000, 'en', '5 minutes ago'],
    [60 * 60_000, 'en', '1 hour ago'],
    [3 * 3600_000, 'en', '3 hours ago'],
    [26 * 3600_000, 'en', 'yesterday'],
    [3 * 86_400_000, 'en', '3 days ago'],
    [5 * 60_000, 'de', 'vor 5 Minuten'],
  ])('formatAgo(now - %s ms, %s) → %s', (ago, locale, expected) =>
    expect(formatAgo(now.getTime() - ago, now.getTime(), locale)).toBe(expected),
  );
});
