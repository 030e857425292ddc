/**
 * What each workout file format keeps of a planned workout (lib/plan/formats.ts), derived from the targets of its
 * steps (lib/plan/targets.ts), for the stand-in's seeded workouts and hand-made documents; and the file names.
 */
import { describe, expect, it } from 'vitest';
import { PLANNED } from '../../dev/fake-icu/seed/workouts';
import type { Event } from '../../lib/api/types';
import { FORMAT_LABELS, formatNote, recommendedFormat, WORKOUT_FORMATS } from '../../lib/plan/formats';
import { NO_TARGETS, targetsOf } from '../../lib/plan/targets';
import { planZipName, toPlannedWorkout, workoutFileName } from '../../lib/plan/views';

const seeded = (name: string) => {
  const workout = PLANNED.find((w) => w.name === name);
  if (!workout) throw new Error(`no seeded workout ${name}`);
  return { targets: targetsOf({ steps: workout.steps }), sport: workout.type };
};

describe('targetsOf', () => {
  it('counts steps per repetition, and which targets each has', () => {
    // 12 min ramp, 3 min steady, 5 × (3 min at 115 % with cadence, 3 min easy), 10 min ramp: 13 steps.
    expect(seeded('VO2max 5×3 min').targets).toEqual({
      steps: 13,
      power: 13,
      hr: 0,
      hrOnly: 0,
      paceOnly: 0,
      cadence: 5,
      ramps: 2,
    });
  });

  it('reads pace and heart-rate steps as having no power', () => {
    expect(seeded('Cruise intervals 4×6 min').targets).toMatchObject({ steps: 10, power: 0, paceOnly: 10, hr: 0 });
  });

  it('gives no structure for anything that is not a step list, without throwing', () => {
    for (const doc of [undefined, null, 42, 'text', {}, { steps: 'no' }, { steps: [null, 3, { duration: 60 }] }]) {
      expect(targetsOf(doc)).toEqual(NO_TARGETS);
    }
  });

  it('counts a free ride as a step without targets', () => {
    expect(targetsOf({ steps: [{ duration: 600, freeride: true }] })).toEqual({ ...NO_TARGETS, steps: 1 });
  });
});

describe('formatNote', () => {
  it('a power ride with ramps and cadence: ZWO keeps everything; ERG and MRC drop cadence; FIT flattens ramps', () => {
    const { targets, sport } = seeded('VO2max 5×3 min');
    const notes = Object.fromEntries(WORKOUT_FORMATS.map((f) => [f, formatNote(targets, f, sport)]));
    expect(notes.zwo).toEqual({ keeps: 'all', text: 'ZWO keeps power, ramps and cadence.' });
    expect(notes.erg).toEqual({ keeps: 'some', text: 'ERG keeps power and ramps; cadence targets are dropped.' });
    expect(notes.mrc?.keeps).toBe('some');
    expect(notes.fit).toEqual({ keeps: 'some', text: 'FIT keeps power and cadence; 2 ramp steps become ranges.' });
  });

  it('a pace run: ZWO carries pace for runs, FIT keeps it, ERG and MRC are power-only and lose it all', () => {
    const { targets, sport } = seeded('Cruise intervals 4×6 min');
    expect(formatNote(targets, 'zwo', sport)).toEqual({
      keeps: 'all',
      text: 'ZWO keeps pace (as % of threshold pace).',
    });
    expect(formatNote(targets, 'fit', sport)).toEqual({ keeps: 'all', text: 'FIT keeps pace.' });
    expect(formatNote(targets, 'erg', sport)).toEqual({
      keeps: 'none',
      text: 'ERG is power-only: 10 pace steps become 0 W. Choose ZWO instead.',
    });
    expect(formatNote(targets, 'mrc', sport).keeps).toBe('none');
  });

  it('heart-rate steps survive only in FIT', () => {
    const hrOnly = targetsOf({ steps: [{ duration: 3600, hr: { start: 70, end: 80, units: '%lthr' } }] });
    expect(formatNote(hrOnly, 'fit', 'Ride')).toEqual({ keeps: 'all', text: 'FIT keeps heart rate.' });
    expect(formatNote(hrOnly, 'zwo', 'Ride')).toEqual({
      keeps: 'none',
      text: 'ZWO keeps none of its targets: 1 heart-rate step becomes free ride. Choose FIT instead.',
    });
    expect(formatNote(hrOnly, 'erg', 'Ride').text).toBe(
      'ERG is power-only: 1 heart-rate step becomes 0 W. Choose FIT instead.',
    );
    expect(recommendedFormat(hrOnly, 'Ride')).toBe('fit');
  });

  it('a step with power and heart rate keeps only the power in FIT', () => {
    const both = targetsOf({
      steps: [{ duration: 600, power: { value: 80, units: '%ftp' }, hr: { value: 75, units: '%lthr' } }],
    });
    expect(formatNote(both, 'fit', 'Ride').text).toBe(
      'FIT keeps power and heart rate; 1 power + heart-rate step keeps power only.',
    );
    expect(formatNote(both, 'zwo', 'Ride')).toEqual({ keeps: 'all', text: 'ZWO keeps power.' });
  });

  it('a ride with pace targets loses them in ZWO (only runs read Power as pace)', () => {
    const pace = targetsOf({ steps: [{ duration: 600, pace: { value: 90, units: '%pace' } }] });
    expect(formatNote(pace, 'zwo', 'Ride').keeps).toBe('none');
    expect(recommendedFormat(pace, 'Ride')).toBe('fit');
    expect(recommendedFormat(pace, 'Run')).toBe('zwo');
  });

  it('says when there is nothing to convert, and labels every format', () => {
    expect(formatNote(NO_TARGETS, 'zwo').text).toBe(
      'No structured steps: intervals.icu has nothing to convert to ZWO.',
    );
    expect(Object.keys(FORMAT_LABELS)).toEqual([...WORKOUT_FORMATS]);
  });

  it('every seeded workout gets a note in every format, each one line ending with a full stop', () => {
    for (const workout of PLANNED) {
      const targets = targetsOf({ steps: workout.steps });
      for (const format of WORKOUT_FORMATS) {
        const { text } = formatNote(targets, format, workout.type);
        expect(text).toMatch(/^[A-Z]{3} .*\.$/);
        expect(text).not.toMatch(/\n/);
      }
    }
  });
});

describe('file names', () => {
  it('`<date>_<name>.<ext>`, safe on every OS', () => {
    expect(workoutFileName({ date: '2026-12-04', name: 'VO2max 5×3 min' }, 'zwo')).toBe(
      '2026-12-04_VO2max-5×3-min.zwo',
    );
    expect(workoutFileName({ date: '2026-12-04', name: 'Over/unders: 3×(2/1) <hard>' }, 'fit')).toBe(
      '2026-12-04_Over-unders-3×(2-1)-hard.fit',
    );
    expect(workoutFileName({ date: '2026-12-04', name: 'CON' }, 'erg')).toBe('2026-12-04_CON_.erg');
    expect(workoutFileName({ date: '2026-12-04', name: '  ' }, 'mrc')).toBe('2026-12-04_workout.mrc');
    expect(planZipName({ today: '2026-12-04', newest: '2026-12-11' }, 'zwo')).toBe(
      '2026-12-04_to_2026-12-11_workouts_zwo.zip',
    );
  });
});

describe('toPlannedWorkout', () => {
  it('keeps the day, a time of day when there is one, and the first three description lines, cut to length', () => {
    const view = toPlannedWorkout({
      id: 7,
      start_date_local: '2026-12-04T06:30:00',
      name: ' Tempo ',
      type: 'Ride',
      moving_time: 3600,
      icu_training_load: 61.4,
      description: `First line\n\n  second \nthird\nfourth\n${'x'.repeat(200)}`,
      workout_doc: {
        steps: [{ duration: 3600, power: { value: 85, units: '%ftp' } }],
      } as unknown as Event['workout_doc'],
    });
    expect(view).toMatchObject({
      id: 7,
      date: '2026-12-04',
      time: '06:30',
      name: 'Tempo',
      sport: 'Ride',
      movingTimeSecs: 3600,
      load: 61.4,
      descriptionLines: ['First line', 'second', 'third'],
    });
    expect(view.targets.power).toBe(1);
    const untimed = toPlannedWorkout({ id: 8, start_date_local: '2026-12-05T00:00:00', description: 'y'.repeat(200) });
    expect(untimed).toMatchObject({ time: null, name: 'Workout', sport: null, movingTimeSecs: null, load: null });
    expect(untimed.descriptionLines[0]).toHaveLength(120);
    expect(untimed.descriptionLines[0]?.endsWith('…')).toBe(true);
  });
});
