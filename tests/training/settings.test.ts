import { describe, expect, it } from 'vitest';
import { seasonOf, seasonWindow } from '../../lib/training/season';
import {
  changedBesides,
  checkTrainingPatch,
  sameSetting,
  settingText,
  toTrainingForm,
  unconfirmedSettings,
  validateTrainingForm,
} from '../../lib/training/settings';

const ride = { ftp: 290, indoor_ftp: 280, w_prime: 19500, lthr: 168, max_hr: 190 };
const run = { ftp: 262, lthr: 171, max_hr: 192, threshold_pace: 3.85, pace_units: 'MINS_KM' as const };
const swim = { lthr: 155, max_hr: 180, threshold_pace: 1.25, pace_units: 'SECS_100M' as const };

describe('the training form', () => {
  it('starts from the settings in the athlete’s units: W′ in kJ, pace as m:ss', () => {
    expect(toTrainingForm(ride)).toEqual({
      ftp: '290',
      indoor_ftp: '280',
      w_prime: '19.5',
      lthr: '168',
      max_hr: '190',
      threshold_pace: '',
    });
    expect(toTrainingForm(run).threshold_pace).toBe('4:20');
    expect(toTrainingForm(swim).threshold_pace).toBe('1:20');
  });

  it('sends only what changed, in API units', () => {
    const form = { ...toTrainingForm(ride), ftp: '301', w_prime: '21' };
    expect(validateTrainingForm(form, ride)).toEqual({ ok: true, errors: {}, patch: { ftp: 301, w_prime: 21_000 } });
    // untouched pace text is not re-sent, though 4:20 is not exactly 3.85 m/s
    expect(validateTrainingForm(toTrainingForm(run), run).patch).toEqual({});
    const faster = validateTrainingForm({ ...toTrainingForm(run), threshold_pace: '4:10' }, run);
    expect(faster.patch.threshold_pace).toBeCloseTo(1000 / 250, 12);
    const swimPace = validateTrainingForm({ ...toTrainingForm(swim), threshold_pace: '1:35' }, swim);
    expect(swimPace.patch.threshold_pace).toBeCloseTo(100 / 95, 12);
  });

  it.each([
    ['ftp', '29', 'FTP must be between 30 and 2000 W'],
    ['ftp', '2001', 'FTP must be between 30 and 2000 W'],
    ['ftp', '250.5', 'FTP must be a whole number of W'],
    ['indoor_ftp', 'lots', 'Indoor FTP must be a whole number of W'],
    ['lthr', '59', 'LTHR must be between 60 and 240 bpm'],
    ['max_hr', '241', 'Max HR must be between 60 and 240 bpm'],
    ['w_prime', '0.5', 'W′ must be between 1 and 100 kJ, at most one decimal'],
    ['w_prime', '19.55', 'W′ must be between 1 and 100 kJ, at most one decimal'],
    ['ftp', '', 'FTP cannot be cleared from here: set it on intervals.icu'],
  ] as const)('%s %j → %s', (key, text, message) => {
    const result = validateTrainingForm({ ...toTrainingForm(ride), [key]: text }, ride);
    expect(result.ok).toBe(false);
    expect(result.errors[key]).toBe(message);
    expect(result.patch[key]).toBeUndefined();
  });

  it('checks pace as m:ss within the unit’s bounds', () => {
    const at = (text: string, s: typeof run | typeof swim = run) =>
      validateTrainingForm({ ...toTrainingForm(s), threshold_pace: text }, s);
    expect(at('4.20').errors.threshold_pace).toBe('Enter the pace as m:ss /km, e.g. 4:20');
    expect(at('1:00').errors.threshold_pace).toBe('Threshold pace must be between 2:23 and 55:33 /km');
    expect(at('0:10', swim).errors.threshold_pace).toBe('Threshold pace must be between 0:15 and 5:33 /100 m');
    expect(validateTrainingForm({ threshold_pace: '4:00' }, ride).errors.threshold_pace).toBe(
      'This sport has no pace unit: set one on intervals.icu first',
    );
  });

  it('keeps LTHR below max HR', () => {
    const result = validateTrainingForm({ ...toTrainingForm(ride), lthr: '195' }, ride);
    expect(result.errors.lthr).toBe('LTHR (195 bpm) must be below max HR (190 bpm)');
    expect(validateTrainingForm({ ...toTrainingForm(ride), max_hr: '160' }, ride).errors.max_hr).toBe(
      'LTHR (168 bpm) must be below max HR (160 bpm)',
    );
  });
});

describe('the background’s own check and the read-back', () => {
  it('takes known fields in range, in API units', () => {
    expect(checkTrainingPatch({ ftp: 300, w_prime: 20_000, threshold_pace: 4 })).toEqual({
      patch: { ftp: 300, w_prime: 20_000, threshold_pace: 4 },
    });
    expect(checkTrainingPatch({ ftp: 2500 })).toEqual({ problem: 'FTP: 2500 is out of range.' });
    expect(checkTrainingPatch({ lthr: 170.5 })).toEqual({ problem: 'LTHR: 170.5 is out of range.' });
    expect(checkTrainingPatch({ zones: [] })).toEqual({ problem: '"zones" is not a setting the popup writes.' });
    expect(checkTrainingPatch({})).toEqual({ problem: 'Nothing to save: no setting changed.' });
  });

  it('compares a float32 pace with what was sent, and integers exactly', () => {
    expect(sameSetting('threshold_pace', 4, 4.000_000_2)).toBe(true);
    expect(sameSetting('threshold_pace', 4, 4.01)).toBe(false);
    expect(sameSetting('ftp', 300, 300)).toBe(true);
    expect(unconfirmedSettings({ ftp: 300, lthr: 170 }, { ftp: 300, lthr: 168 })).toEqual(['lthr']);
  });

  it('spots fields a partial write changed besides the ones sent', () => {
    const before = { id: 1, ftp: 290, indoor_ftp: 280, updated: 'a', hr_zones: [1, 2] };
    expect(changedBesides({ ftp: 300 }, before, { ...before, ftp: 300, updated: 'b' })).toEqual([]);
    expect(changedBesides({ ftp: 300 }, before, { id: 1, ftp: 300, updated: 'b', hr_zones: [1, 2] })).toEqual([
      'indoor_ftp',
    ]);
    expect(changedBesides({ max_hr: 200 }, before, { ...before, hr_zones: [3, 4] }, ['hr_zones'])).toEqual([]);
  });

  it('writes values with their units for the history', () => {
    expect(settingText('ftp', 290)).toBe('290 W');
    expect(settingText('w_prime', 19_500)).toBe('19.5 kJ');
    expect(settingText('threshold_pace', 3.85, 'MINS_KM')).toBe('4:20 /km');
    expect(settingText('threshold_pace', 1.25, 'SECS_100M')).toBe('1:20 /100 m');
    expect(settingText('lthr', undefined)).toBe('—');
  });
});

describe('the season', () => {
  const events = [
    { category: 'SEASON_START', start_date_local: '2025-01-05T00:00:00', name: 'Season 1' },
    { category: 'SEASON_START', start_date_local: '2025-12-30T00:00:00', name: 'Season 2' },
    { category: 'SEASON_START', start_date_local: '2026-07-14T00:00:00', name: 'Season 3' },
    { category: 'NOTE', start_date_local: '2026-03-01T00:00:00', name: 'not a season' },
  ];

  it('is the latest start on or before today, with its week, and the next planned one', () => {
    expect(seasonOf(events, '2026-03-15')).toEqual({
      current: { name: 'Season 2', start: '2025-12-30', week: 11 },
      next: { name: 'Season 3', start: '2026-07-14' },
    });
    expect(seasonOf(events, '2025-12-30').current).toEqual({ name: 'Season 2', start: '2025-12-30', week: 1 });
    expect(seasonOf(events, '2026-01-05').current?.week).toBe(1);
    expect(seasonOf(events, '2026-01-06').current?.week).toBe(2);
  });

  it('says so when there is none', () => {
    expect(seasonOf([], '2026-03-15')).toEqual({ current: null, next: null });
    expect(seasonOf(events.slice(2), '2026-03-15')).toEqual({
      current: null,
      next: { name: 'Season 3', start: '2026-07-14' },
    });
  });

  it('is asked for over two years back and one ahead, explicitly', () => {
    expect(seasonWindow('2026-03-15')).toEqual({ oldest: '2024-03-15', newest: '2027-03-15' });
  });
});
