/**
 * The four formats intervals.icu converts planned workouts to, and what each keeps of a given workout, in one line
 * shown next to the format before downloading (trainer-app users keep reporting targets lost in conversion).
 *
 * What each format can hold (its own definition) and how intervals.icu's converter treats the rest (as reported by
 * users and modelled by the stand-in, dev/fake-icu/workouts/):
 * - ZWO (Zwift): power as a share of FTP, ramps, cadence. A run's `Power` is a share of threshold pace, so runs keep
 *   pace. No heart-rate targets: such steps become free ride.
 * - ERG (watts) and MRC (% of FTP): power and ramps only. Steps with a heart-rate or pace target and no power are
 *   written as 0 W; cadence is dropped.
 * - FIT (Garmin, Wahoo, …): power, heart rate, pace and cadence. No ramps (a ramp becomes a range), and one primary
 *   target per step (a step with power and heart rate keeps the power).
 *
 * Pure.
 */
import type { WorkoutTargets } from './targets';

export const WORKOUT_FORMATS = ['zwo', 'fit', 'erg', 'mrc'] as const;
export type WorkoutFormat = (typeof WORKOUT_FORMATS)[number];
export const DEFAULT_WORKOUT_FORMAT: WorkoutFormat = 'zwo';

export const FORMAT_LABELS: Record<WorkoutFormat, string> = {
  zwo: 'ZWO · Zwift, TrainerRoad',
  fit: 'FIT · Garmin, Wahoo',
  erg: 'ERG · watts',
  mrc: 'MRC · % of FTP',
};

export const isWorkoutFormat = (value: unknown): value is WorkoutFormat =>
  typeof value === 'string' && (WORKOUT_FORMATS as readonly string[]).includes(value);

export interface FormatNote {
  /** `all`: every target survives; `some`: some are lost or changed; `none`: the workout's targets are lost. */
  keeps: 'all' | 'some' | 'none';
  /** One line, e.g. "ERG keeps power; 4 heart-rate steps become 0 W." */
  text: string;
}

/** "1 pace step becomes", "4 pace steps become": `verb` in its plural form ("become", "keep", "lose"). */
const steps = (n: number, what: string, verb: string) =>
  n === 1 ? `1 ${what} step ${verb}s` : `${n} ${what} steps ${verb}`;

const isRun = (sport: string | null | undefined) => /Run$/.test(sport ?? '');

export function formatNote(targets: WorkoutTargets, format: WorkoutFormat, sport?: string | null): FormatNote {
  const name = format.toUpperCase();
  if (targets.steps === 0) {
    return { keeps: 'none', text: `No structured steps: intervals.icu has nothing to convert to ${name}.` };
  }
  const kept: string[] = [];
  const lost: string[] = [];
  const run = isRun(sport);
  if (format === 'zwo') {
    if (targets.power > 0) kept.push('power', ...(targets.ramps > 0 ? ['ramps'] : []));
    if (targets.paceOnly > 0) {
      if (run) kept.push('pace (as % of threshold pace)');
      else lost.push(`${steps(targets.paceOnly, 'pace', 'lose')} its target`);
    }
    if (targets.cadence > 0) kept.push('cadence');
    if (targets.hrOnly > 0) lost.push(`${steps(targets.hrOnly, 'heart-rate', 'become')} free ride`);
  } else if (format === 'fit') {
    if (targets.power > 0) kept.push('power');
    if (targets.hr > 0) kept.push('heart rate');
    if (targets.paceOnly > 0) kept.push('pace');
    if (targets.cadence > 0) kept.push('cadence');
    if (targets.ramps > 0) lost.push(`${steps(targets.ramps, 'ramp', 'become')} ranges`);
    const hrWithPower = targets.hr - targets.hrOnly;
    if (hrWithPower > 0) lost.push(`${steps(hrWithPower, 'power + heart-rate', 'keep')} power only`);
  } else {
    if (targets.power > 0) kept.push('power', ...(targets.ramps > 0 ? ['ramps'] : []));
    const unpowered = targets.hrOnly + targets.paceOnly;
    if (unpowered > 0) {
      const what = targets.paceOnly === 0 ? 'heart-rate' : targets.hrOnly === 0 ? 'pace' : 'heart-rate and pace';
      lost.push(`${steps(unpowered, what, 'become')} 0 W`);
    }
    if (targets.cadence > 0) lost.push('cadence targets are dropped');
  }
  const keeps = kept.length === 0 ? 'none' : lost.length === 0 ? 'all' : 'some';
  const lostText = lost.join('; ');
  if (keeps === 'none') {
    const better = recommendedFormat(targets, sport);
    const instead = better === format ? '' : ` Choose ${better.toUpperCase()} instead.`;
    const why = format === 'erg' || format === 'mrc' ? 'is power-only' : 'keeps none of its targets';
    return { keeps, text: `${name} ${why}: ${lostText || 'nothing to keep'}.${instead}` };
  }
  const keptText = `${name} keeps ${joinWords(kept)}`;
  return { keeps, text: lostText ? `${keptText}; ${lostText}.` : `${keptText}.` };
}

/** The format that keeps most of this workout: FIT for heart-rate or pace work (ZWO for a run's pace), else ZWO. */
export function recommendedFormat(targets: WorkoutTargets, sport?: string | null): WorkoutFormat {
  if (targets.hrOnly > 0) return 'fit';
  if (targets.paceOnly > 0) return isRun(sport) ? 'zwo' : 'fit';
  return 'zwo';
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
