import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, isoDayOf, todayIn } from '../lib/dates';

describe('todayIn', () => {
  it.each([
    // 23:30 UTC is already tomorrow east of Greenwich and still today west of it.
    ['2026-03-28T23:30:00Z', 'UTC', '2026-03-28'],
    ['2026-03-28T23:30:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-03-28T23:30:00Z', 'America/Los_Angeles', '2026-03-28'],
    ['2026-03-29T03:00:00Z', 'America/Los_Angeles', '2026-03-28'],
    ['2026-03-28T11:00:00Z', 'Pacific/Kiritimati', '2026-03-29'],
    ['2026-03-28T11:00:00Z', 'Pacific/Pago_Pago', '2026-03-28'],
    // Around the DST switch in Europe (2026-03-29 01:00 UTC) and the US (2026-11-01 09:00 UTC in LA).
    ['2026-03-29T00:59:59Z', 'Europe/London', '2026-03-29'],
    ['2026-03-28T23:59:59Z', 'Europe/London', '2026-03-28'],
    ['2026-03-29T22:00:00Z', 'Europe/Berlin', '2026-03-30'],
    ['2026-03-29T21:59:59Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-11-01T07:30:00Z', 'America/Los_Angeles', '2026-11-01'],
    ['2026-11-02T07:59:59Z', 'America/Los_Angeles', '2026-11-01'],
    ['2026-11-02T08:00:00Z', 'America/Los_Angeles', '2026-11-02'],
    // A half-hour zone.
    ['2026-06-30T18:29:59Z', 'Asia/Kolkata', '2026-06-30'],
    ['2026-06-30T18:30:00Z', 'Asia/Kolkata', '2026-07-01'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(todayIn(zone, new Date(instant))).toBe(expected);
    expect(todayIn(zone, Date.parse(instant))).toBe(expected);
  });

  it('falls back to the runtime zone for an unknown or missing zone', () => {
    const now = Date.parse('2026-06-15T12:00:00Z');
    const local = todayIn(undefined, now);
    expect(todayIn('Not/AZone', now)).toBe(local);
    expect(todayIn('', now)).toBe(local);
    expect(isIsoDate(local)).toBe(true);
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-11-01', -1, '2026-10-31'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-31', 30, '2026-03-02'],
    ['2026-05-10', 0, '2026-05-10'],
    ['2026-05-10', -365, '2025-05-10'],
  ])('%s %+d days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects what is not a date or a whole number of days', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-1-5', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-05', 0.5)).toThrow(RangeError);
  });

  it.each([
    ['2026-03-29', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-04-1', false],
    ['2026-04-01T00:00', false],
    ['', false],
  ])('isIsoDate(%s) = %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('counts days across a DST change', () => {
    expect(daysBetween('2026-03-27', '2026-03-31')).toBe(4);
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(daysBetween('2026-03-30', '2026-03-29')).toBe(-1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('takes the day of an intervals.icu local date-time', () => {
    expect(isoDayOf('2026-01-01T00:00:00')).toBe('2026-01-01');
    expect(isoDayOf('2024-05-01T07:30:00')).toBe('2024-05-01');
    expect(isoDayOf('')).toBeNull();
    expect(isoDayOf(null)).toBeNull();
    expect(isoDayOf('yesterday')).toBeNull();
  });

  const anyDate = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('adds and subtracts days symmetrically', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -2000, max: 2000 }), (date, days) => {
        const moved = addDays(date, days);
        expect(isIsoDate(moved)).toBe(true);
        expect(addDays(moved, -days)).toBe(date);
        expect(daysBetween(date, moved)).toBe(days);
      }),
    );
  });

  it('daysBetween undoes addDays', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -400, max: 400 }), (oldest, span) => {
        expect(daysBetween(oldest, addDays(oldest, span))).toBe(span);
      }),
    );
  });
});
