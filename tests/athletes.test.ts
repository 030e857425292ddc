/** lib/athletes.ts: what is kept of an intervals.icu profile, and the switcher's order. */
import { describe, expect, it } from 'vitest';
import { sortRoster, toAthleteProfile } from '../lib/athletes';

describe('toAthleteProfile', () => {
  it('keeps only id, name, time zone and units — never the rest of the answer (e.g. icu_api_key)', () => {
    const profile = toAthleteProfile({
      id: 'i2',
      name: 'Sam Miles',
      timezone: 'America/Los_Angeles',
      measurement_preference: 'feet',
      weight_pref_lb: true,
      fahrenheit: true,
      ...({ icu_api_key: 'secret', email: 'sam@example.com', icu_weight: 80 } as object),
    });
    expect(profile).toEqual({
      id: 'i2',
      name: 'Sam Miles',
      timezone: 'America/Los_Angeles',
      units: { imperial: true, weightLb: true, fahrenheit: true },
    });
  });

  it('names an athlete by first and last name when there is no display name, else by id; no id, no profile', () => {
    expect(toAthleteProfile({ id: 'i3', firstname: 'Ada', lastname: 'Rider' })?.name).toBe('Ada Rider');
    expect(toAthleteProfile({ id: 'i4' })?.name).toBe('i4');
    expect(toAthleteProfile({ name: 'nobody' })).toBeNull();
  });

  it('weight in lb follows weight_pref_lb, else the measurement preference', () => {
    expect(toAthleteProfile({ id: 'i5', measurement_preference: 'feet' })?.units?.weightLb).toBe(true);
    expect(toAthleteProfile({ id: 'i5', measurement_preference: 'feet', weight_pref_lb: false })?.units?.weightLb).toBe(
      false,
    );
    expect(toAthleteProfile({ id: 'i5', measurement_preference: 'meters' })?.units).toEqual({
      imperial: false,
      weightLb: false,
      fahrenheit: false,
    });
  });
});

describe('sortRoster', () => {
  it('puts the key’s owner first, then the others by name, once each', () => {
    const a = (id: string, name: string) => ({ id, name, timezone: null });
    const sorted = sortRoster(
      [a('i9', 'zoë'), a('i1', 'Coach'), a('i5', 'Ánna'), a('i9', 'zoë'), a('i7', 'bob')],
      'i1',
    );
    expect(sorted.map((x) => x.id)).toEqual(['i1', 'i5', 'i7', 'i9']);
  });
});
