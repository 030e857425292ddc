/**
 * What a planned workout asks for, step by step, read from its `workout_doc` (intervals.icu's structured workout).
 * The spec types `workout_doc` only as an object; the step shape (`duration`, `reps` + nested `steps`, `ramp`,
 * `freeride`, targets `power` / `hr` / `pace` / `cadence`) is what intervals.icu sends (dev/fake-icu/workouts/doc.ts
 * says where that comes from). Anything else is ignored, so an unexpected document gives "no structure", not a crash.
 *
 * Pure.
 */

export interface WorkoutTargets {
  /** Steps (repeats counted once per repetition) with a target or free ride: 0 means not a structured workout. */
  steps: number;
  /** Steps with a power target. */
  power: number;
  /** Steps with a heart-rate target and no power target (what power-only formats cannot carry). */
  hrOnly: number;
  /** Steps with a heart-rate target (with or without power). */
  hr: number;
  /** Steps with a pace target and no power target. */
  paceOnly: number;
  cadence: number;
  /** Steps whose power goes from one value to another (warmup and cooldown ramps). */
  ramps: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const hasTarget = (step: Json, key: string) => isObject(step[key]);

export const NO_TARGETS: WorkoutTargets = { steps: 0, power: 0, hrOnly: 0, hr: 0, paceOnly: 0, cadence: 0, ramps: 0 };

export function targetsOf(workoutDoc: unknown): WorkoutTargets {
  const counts = { ...NO_TARGETS };
  const visit = (steps: unknown, times: number, depth: number) => {
    if (!Array.isArray(steps) || depth > 3) return;
    for (const step of steps) {
      if (!isObject(step)) continue;
      if (Array.isArray(step.steps)) {
        const reps = typeof step.reps === 'number' && step.reps > 0 ? Math.min(step.reps, 1000) : 1;
        visit(step.steps, times * reps, depth + 1);
        continue;
      }
      const power = hasTarget(step, 'power');
      const hr = hasTarget(step, 'hr');
      const pace = hasTarget(step, 'pace');
      if (!power && !hr && !pace && !step.freeride && !hasTarget(step, 'cadence')) continue;
      counts.steps += times;
      if (power) counts.power += times;
      if (hr) counts.hr += times;
      if (hr && !power) counts.hrOnly += times;
      if (pace && !power) counts.paceOnly += times;
      if (hasTarget(step, 'cadence')) counts.cadence += times;
      if (power && step.ramp) counts.ramps += times;
    }
  };
  visit(isObject(workoutDoc) ? workoutDoc.steps : undefined, 1, 0);
  return counts;
}
