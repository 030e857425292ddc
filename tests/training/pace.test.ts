import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPace,
  PACE_DISTANCE_M,
  paceBounds,
  paceSecsToSpeed,
  paceUnitLabel,
  parsePace,
  speedToPaceSecs,
} from '../../lib/training/pace';

describe('threshold pace: m/s ↔ the sport’s unit', () => {
  it.each([
    // The stand-in's run: 3.85 m/s is 4:20 /km (259.7 s).
    [3.85, 'MINS_KM', '4:20', '/km'],
    // 3.85 m/s per mile: 1609.344 / 3.85 = 418.0 s.
    [3.85, 'MINS_MILE', '6:58', '/mi'],
    // A swim threshold stored as m/s whose unit says SECS_100M: 1.25 m/s is 1:20 /100 m.
    [1.25, 'SECS_100M', '1:20', '/100 m'],
    // 100 yd = 91.44 m: 91.44 / 1.25 = 73.2 s.
    [1.25, 'SECS_100Y', '1:13', '/100 yd'],
    // Rowing: 500 / 4.5 = 111.1 s.
    [4.5, 'SECS_500M', '1:51', '/500 m'],
  ] as const)('%s m/s in %s is %s %s', (mps, unit, text, label) => {
    expect(formatPace(speedToPaceSecs(mps, unit))).toBe(text);
    expect(paceUnitLabel(unit)).toBe(label);
  });

  it('converts back exactly: pace → speed → pace', () => {
    expect(paceSecsToSpeed(260, 'MINS_KM')).toBeCloseTo(1000 / 260, 12);
    expect(paceSecsToSpeed(80, 'SECS_100M')).toBe(1.25);
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(PACE_DISTANCE_M) as (keyof typeof PACE_DISTANCE_M)[])),
        fc.integer({ min: 20, max: 4000 }),
        (unit, secs) => {
          expect(speedToPaceSecs(paceSecsToSpeed(secs, unit), unit)).toBeCloseTo(secs, 9);
        },
      ),
    );
  });

  it('has no pace without a speed or a unit', () => {
    expect(speedToPaceSecs(0, 'MINS_KM')).toBeNull();
    expect(speedToPaceSecs(undefined, 'MINS_KM')).toBeNull();
    expect(speedToPaceSecs(3, 'NONE')).toBeNull();
    expect(paceUnitLabel('NONE')).toBe('');
    expect(formatPace(null)).toBe('');
  });

  it.each([
    ['4:20', 260],
    [' 0:59 ', 59],
    ['12:05', 725],
    ['1:05:00', 3900],
    ['75:00', 4500],
  ])('reads %j as %i s', (text, secs) => {
    expect(parsePace(text)).toBe(secs);
  });

  it.each(['4.20', '4:6', '4:60', '', 'abc', '-4:20', '1:75:00'])('refuses %j', (text) => {
    expect(parsePace(text)).toBeUndefined();
  });

  it('formats hours and rounds to the second', () => {
    expect(formatPace(3899.6)).toBe('1:05:00');
    expect(formatPace(59.5)).toBe('1:00');
  });

  it('bounds each unit from 7 m/s to 0.3 m/s', () => {
    expect(paceBounds('MINS_KM')).toEqual({ fastest: 143, slowest: 3333 });
    expect(paceBounds('SECS_100M')).toEqual({ fastest: 15, slowest: 333 });
  });
});
