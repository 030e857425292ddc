import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditableKey, WellnessPatch } from '../../lib/wellness/catalogue';
import {
  checkWellnessPatch,
  toFormValues,
  type ValidateOptions,
  validateWellnessForm,
} from '../../lib/wellness/validate';
import { arbDay } from './arbitraries';

const TODAY = '2026-03-28';
const base: ValidateOptions = { today: TODAY, date: TODAY };

/** Validates a single field and returns its value or its message. */
function one(key: EditableKey, raw: unknown, options: Partial<ValidateOptions> = {}) {
  const result = validateWellnessForm({ [key]: raw }, { ...base, ...options });
  const error = result.errors[key];
  return error !== undefined ? { error } : { value: result.values[key] };
}

describe('number fields: edges in and out', () => {
  it.each([
    ['weight', '20', 20],
    ['weight', '300', 300],
    ['weight', '70.5', 70.5],
    ['weight', '70,5', 70.5],
    ['weight', ' 70.50 ', 70.5],
    ['weight', 71.2, 71.2],
    ['restingHR', '20', 20],
    ['restingHR', '220', 220],
    ['hrv', '1', 1],
    ['hrv', '300', 300],
    ['hrv', '45.3', 45.3],
    ['sleepScore', '0', 0],
    ['sleepScore', '100', 100],
    ['spO2', '50', 50],
    ['spO2', '100', 100],
    ['spO2', '97.5', 97.5],
    ['vo2max', '10', 10],
    ['vo2max', '100', 100],
    ['steps', '0', 0],
    ['steps', '200000', 200_000],
    ['steps', '12 345', 12_345],
    ['steps', '12\u00a0345', 12_345],
  ] as const)('%s %j → %d', (key, raw, value) => {
    expect(one(key, raw)).toEqual({ value });
  });

  it.each([
    ['weight', '19.9', 'Weight must be between 20 and 300 kg'],
    ['weight', '300.1', 'Weight must be between 20 and 300 kg'],
    ['weight', '-70', 'Weight must be between 20 and 300 kg'],
    ['weight', '70.25', 'Weight takes at most 1 decimal'],
    ['restingHR', '19', 'Resting HR must be between 20 and 220 bpm'],
    ['restingHR', '221', 'Resting HR must be between 20 and 220 bpm'],
    ['restingHR', '60.5', 'Resting HR must be a whole number'],
    ['hrv', '0.9', 'HRV must be between 1 and 300 ms'],
    ['hrv', '300.1', 'HRV must be between 1 and 300 ms'],
    ['sleepScore', '-1', 'Sleep score must be between 0 and 100'],
    ['sleepScore', '101', 'Sleep score must be between 0 and 100'],
    ['spO2', '49.9', 'SpO2 must be between 50 and 100%'],
    ['spO2', '100.1', 'SpO2 must be between 50 and 100%'],
    ['vo2max', '9.9', 'VO2max must be between 10 and 100 ml/kg/min'],
    ['vo2max', '100.1', 'VO2max must be between 10 and 100 ml/kg/min'],
    ['steps', '-1', 'Steps must be between 0 and 200000'],
    ['steps', '200001', 'Steps must be between 0 and 200000'],
    // "10,000" must not silently become ten steps.
    ['steps', '10,000', 'Steps must be a whole number'],
    ['steps', '10.000', 'Steps must be a whole number'],
    ['restingHR', '60.0', 'Resting HR must be a whole number'],
    ['weight', 'abc', 'Enter a number'],
    ['weight', '70kg', 'Enter a number'],
    ['weight', '7e1', 'Enter a number'],
    ['weight', '1,234.5', 'Enter a number'],
    ['weight', '70.5.1', 'Enter a number'],
    ['weight', Number.NaN, 'Enter a number'],
    ['restingHR', '--5', 'Enter a number'],
  ] as const)('%s %j → "%s"', (key, raw, error) => {
    expect(one(key, raw)).toEqual({ error });
  });

  it.each(['', '   ', null])('empty input %j means no value: the clear value -1', (raw) => {
    expect(one('weight', raw)).toEqual({ value: -1 });
    expect(one('mood', raw)).toEqual({ value: -1 });
  });
});

describe('weight in pounds', () => {
  const lb = { weightUnit: 'lb' } as const;

  it.each([
    ['155', 70.31],
    ['44.1', 20],
    ['661.3', 299.96],
  ])('%s lb → %d kg', (raw, kg) => {
    expect(one('weight', raw, lb)).toEqual({ value: kg });
  });

  it.each(['44', '661.4'])('%s lb is out of range, stated in lb', (raw) => {
    expect(one('weight', raw, lb)).toEqual({ error: 'Weight must be between 44.1 and 661.3 lb' });
  });
});

describe('scales', () => {
  it.each(['soreness', 'fatigue', 'stress', 'mood', 'motivation', 'injury'] as const)('%s accepts 1–4', (key) => {
    for (const value of [1, 2, 3, 4]) {
      expect(one(key, String(value))).toEqual({ value });
      expect(one(key, value)).toEqual({ value });
    }
  });

  it.each(['0', '5', '2.5', 'x', '-1'])('mood rejects %j', (raw) => {
    expect(one('mood', raw)).toEqual({ error: 'Mood must be a whole number from 1 to 4' });
  });
});

describe('sleep', () => {
  it.each([
    [{ hours: '7', minutes: '30' }, 27_000],
    [{ hours: '7', minutes: '' }, 25_200],
    [{ hours: '', minutes: '45' }, 2_700],
    [{ hours: '0', minutes: '0' }, 0],
    [{ hours: '24', minutes: '0' }, 86_400],
    [{ hours: 8, minutes: 5 }, 29_100],
    ['7:30', 27_000],
    ['7h30', 27_000],
    ['7 h 30 min', 27_000],
    ['7h', 25_200],
    ['7.5', 27_000],
    ['7,25', 26_100],
    ['24:00', 86_400],
    [7.5, 27_000],
  ])('%j → %d s', (raw, secs) => {
    expect(one('sleepSecs', raw)).toEqual({ value: secs });
  });

  it.each([[{ hours: '', minutes: '' }], [''], [null]])('%j is no value', (raw) => {
    expect(one('sleepSecs', raw)).toEqual({ value: -1 });
  });

  it.each([
    [{ hours: '24', minutes: '1' }, 'Sleep must be between 0 and 24 h'],
    [{ hours: '25', minutes: '0' }, 'Sleep must be between 0 and 24 h'],
    ['24:30', 'Sleep must be between 0 and 24 h'],
    ['25', 'Sleep must be between 0 and 24 h'],
    [{ hours: '7', minutes: '60' }, 'Sleep minutes must be a whole number from 0 to 59'],
    [{ hours: '7', minutes: '7.5' }, 'Sleep minutes must be a whole number from 0 to 59'],
    [{ hours: '7.5', minutes: '0' }, 'Sleep hours must be a whole number'],
    [{ hours: '-1', minutes: '0' }, 'Sleep hours must be a whole number'],
    ['7:75', 'Enter sleep as hours and minutes, e.g. 7:30'],
    ['seven', 'Enter sleep as hours and minutes, e.g. 7:30'],
    ['-2', 'Sleep must be between 0 and 24 h'],
  ])('%j → "%s"', (raw, error) => {
    expect(one('sleepSecs', raw)).toEqual({ error });
  });
});

describe('comments and lock', () => {
  it('keeps comments as typed and empties blank ones', () => {
    expect(one('comments', 'Legs heavy ')).toEqual({ value: 'Legs heavy ' });
    expect(one('comments', '  ')).toEqual({ value: '' });
    expect(one('comments', 'x'.repeat(2000))).toEqual({ value: 'x'.repeat(2000) });
    expect(one('comments', 'x'.repeat(2001))).toEqual({ error: 'Comments must be at most 2000 characters (now 2001)' });
  });

  it('passes the lock through', () => {
    expect(one('locked', true)).toEqual({ value: true });
    expect(one('locked', false)).toEqual({ value: false });
  });
});

describe('the date', () => {
  it.each([
    ['2026-03-28', undefined],
    ['2026-03-29', undefined],
    ['2020-01-01', undefined],
    ['2026-03-30', 'Wellness can only be entered up to tomorrow'],
    ['2027-01-01', 'Wellness can only be entered up to tomorrow'],
    ['2026-02-30', 'Enter the date as YYYY-MM-DD'],
    ['28/03/2026', 'Enter the date as YYYY-MM-DD'],
  ])('%s → %s', (date, error) => {
    const result = validateWellnessForm({}, { today: TODAY, date });
    expect(result.errors.date).toBe(error);
    expect(result.ok).toBe(error === undefined);
  });

  it('handles tomorrow across a month end', () => {
    expect(validateWellnessForm({}, { today: '2026-03-31', date: '2026-04-01' }).ok).toBe(true);
    expect(validateWellnessForm({}, { today: '2026-03-31', date: '2026-04-02' }).ok).toBe(false);
  });
});

describe('the whole form', () => {
  const loaded = { id: TODAY, weight: 70.2, restingHR: 48, mood: 2, comments: 'ok', locked: false, ctl: 55 };

  it('collects every message and keeps the valid values', () => {
    const result = validateWellnessForm(
      { weight: '19', restingHR: '50', mood: '9', sleepSecs: { hours: '7', minutes: '15' } },
      { ...base, loaded },
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual({
      weight: 'Weight must be between 20 and 300 kg',
      mood: 'Mood must be a whole number from 1 to 4',
    });
    expect(result.values).toEqual({ restingHR: 50, sleepSecs: 26_100 });
  });

  it('the background check takes clear values and nulls, and refuses -1 where it is no clear', () => {
    expect(checkWellnessPatch({ restingHR: -1, comments: '', locked: false, weight: null })).toEqual({
      patch: { restingHR: -1, comments: '', locked: false, weight: -1 },
    });
    expect(checkWellnessPatch({ restingHR: -2 })).toEqual({ problem: 'Resting HR: -2 is out of range.' });
    expect(checkWellnessPatch({ comments: -1 })).toEqual({ problem: 'Comments: -1 is out of range.' });
    expect(checkWellnessPatch({ locked: -1 })).toEqual({ problem: 'Locked: -1 is out of range.' });
    expect(checkWellnessPatch({ ctl: 3 })).toEqual({ problem: '"ctl" is not a wellness field the extension writes.' });
    expect(checkWellnessPatch([])).toEqual({ problem: 'The wellness changes are missing.' });
  });

  it('sends only what changed, clearing emptied fields with -1', () => {
    const result = validateWellnessForm(
      { weight: '70.2', restingHR: '47', mood: '', comments: 'ok', locked: true, steps: '' },
      { ...base, loaded },
    );
    expect(result.ok).toBe(true);
    expect(result.patch).toEqual({ restingHR: 47, mood: -1, locked: true });
  });

  it('-1 is never a user value: typed, it gets the range message and nothing is sent', () => {
    for (const [key, message] of [
      ['restingHR', 'Resting HR must be between 20 and 220 bpm'],
      ['steps', 'Steps must be between 0 and 200000'],
      ['sleepScore', 'Sleep score must be between 0 and 100'],
      ['mood', 'Mood must be a whole number from 1 to 4'],
    ] as const) {
      const result = validateWellnessForm({ [key]: '-1' }, { ...base, loaded });
      expect(result.ok, key).toBe(false);
      expect(result.errors[key]).toBe(message);
      expect(result.patch).toEqual({});
    }
    expect(validateWellnessForm({ sleepSecs: '-1' }, { ...base, loaded }).errors.sleepSecs).toBe(
      'Sleep must be between 0 and 24 h',
    );
  });

  it('accepts an unchanged value a device wrote outside our ranges', () => {
    const device = {
      steps: 250_000,
      hrv: 312.47,
      weight: 70.25,
      sleepSecs: 90_000,
      mood: 0,
      comments: 'x'.repeat(3000),
    };
    const result = validateWellnessForm(toFormValues(device), { ...base, loaded: device });
    expect(result.ok).toBe(true);
    expect(result.patch).toEqual({});
    expect(validateWellnessForm({ steps: '250001' }, { ...base, loaded: device }).errors.steps).toBe(
      'Steps must be between 0 and 200000',
    );
  });

  it('a loaded day shown on the form and saved untouched sends nothing', () => {
    fc.assert(
      fc.property(arbDay, fc.constantFrom('kg', 'lb') as fc.Arbitrary<'kg' | 'lb'>, (day, weightUnit) => {
        const result = validateWellnessForm(toFormValues(day, weightUnit), { ...base, weightUnit, loaded: day });
        expect(result.errors).toEqual({});
        expect(result.patch).toEqual({} satisfies WellnessPatch);
      }),
    );
  });

  it('prefills the form in the athlete units', () => {
    expect(toFormValues({ weight: 70.31, sleepSecs: 27_015, hrv: 45.37, mood: 1, locked: true }, 'lb')).toEqual({
      weight: '155',
      restingHR: '',
      hrv: '45.4',
      sleepSecs: { hours: '7', minutes: '30' },
      sleepScore: '',
      soreness: '',
      fatigue: '',
      stress: '',
      mood: '1',
      motivation: '',
      injury: '',
      spO2: '',
      vo2max: '',
      steps: '',
      comments: '',
      locked: true,
    });
  });
});
