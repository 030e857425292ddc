import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EDITABLE_KEYS, fieldFor, isEditableKey, stepDecimals, WELLNESS_FIELDS } from '../../lib/wellness/catalogue';

const specPath = fileURLToPath(new URL('../../../shared/intervals-openapi/openapi.json', import.meta.url));
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const wellnessSchema = spec.components.schemas.Wellness.properties as Record<string, { type: string }>;

describe('wellness catalogue', () => {
  it('lists the form fields in the popup order', () => {
    expect(EDITABLE_KEYS).toEqual([
      'weight',
      'restingHR',
      'hrv',
      'sleepSecs',
      'sleepScore',
      'soreness',
      'fatigue',
      'stress',
      'mood',
      'motivation',
      'injury',
      'spO2',
      'vo2max',
      'steps',
      'comments',
      'locked',
    ]);
  });

  it.each(EDITABLE_KEYS)('%s is a Wellness property of the official spec with a matching type', (key) => {
    const property = wellnessSchema[key];
    expect(property).toBeDefined();
    const kind = fieldFor(key).kind;
    const expected = { number: ['number', 'integer'], scale: ['integer'], duration: ['integer'], text: ['string'] };
    if (kind === 'toggle') expect(property?.type).toBe('boolean');
    else expect(expected[kind]).toContain(property?.type);
  });

  it.each([
    ['weight', 'kg', 20, 300, 0.1],
    ['restingHR', 'bpm', 20, 220, 1],
    ['hrv', 'ms', 1, 300, 0.1],
    ['sleepSecs', 's', 0, 86_400, 60],
    ['sleepScore', '', 0, 100, 1],
    ['spO2', '%', 50, 100, 0.1],
    ['vo2max', 'ml/kg/min', 10, 100, 0.1],
    ['steps', '', 0, 200_000, 1],
  ] as const)('%s: %s, %d–%d, step %d', (key, unit, min, max, step) => {
    expect(fieldFor(key)).toMatchObject({ unit, min, max, step });
  });

  it.each([
    ['soreness', ['Low', 'Avg', 'High', 'Extreme']],
    ['fatigue', ['Low', 'Avg', 'High', 'Extreme']],
    ['stress', ['Low', 'Avg', 'High', 'Extreme']],
    ['mood', ['Great', 'Good', 'OK', 'Grumpy']],
    ['motivation', ['Extreme', 'High', 'Avg', 'Low']],
    ['injury', ['None', 'Niggle', 'Poor', 'Injured']],
  ] as const)('%s uses intervals.icu 1–4 labels', (key, labels) => {
    const field = fieldFor(key);
    expect(field).toMatchObject({ kind: 'scale', min: 1, max: 4, step: 1 });
    expect(field.labels).toEqual(labels);
  });

  it('clears numbers with -1 (documented), comments with "" (assumed) and unlocks with false', () => {
    for (const field of WELLNESS_FIELDS) {
      expect(field.clearValue).toBe(field.key === 'locked' ? false : field.key === 'comments' ? '' : -1);
    }
  });

  it('caps comments', () => {
    expect(fieldFor('comments').maxLength).toBe(2000);
  });

  it('knows which keys are editable', () => {
    expect(isEditableKey('restingHR')).toBe(true);
    expect(isEditableKey('ctl')).toBe(false);
    expect(isEditableKey('restinghr')).toBe(false);
  });

  it.each([
    [0.1, 1],
    [1, 0],
    [60, 0],
    [0.25, 2],
  ])('step %d allows %d decimals', (step, decimals) => {
    expect(stepDecimals(step)).toBe(decimals);
  });
});
