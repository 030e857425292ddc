/**
 * One entry point per direction: a planned workout to a file in one of the four formats intervals.icu exports
 * (`zwo`, `mrc`, `erg`, `fit`), and an uploaded workout file back to steps (by its file name's extension).
 */
import { type DocStep, hrBpm, isRepeat, paceSpeed, powerWatts, type Step, type Thresholds } from './doc';
import { parseCourse, writeCourse } from './erg-mrc';
import { parseFitWorkout, writeFitWorkout } from './fit';
import { type ParsedWorkout, parseZwo, type WorkoutFileInput, writeZwo } from './zwo';

export const WORKOUT_FORMATS = ['zwo', 'mrc', 'erg', 'fit'] as const;
export type WorkoutFormat = (typeof WORKOUT_FORMATS)[number];

export const isWorkoutFormat = (ext: string): ext is WorkoutFormat =>
  (WORKOUT_FORMATS as readonly string[]).includes(ext);

export interface WorkoutFile {
  filename: string;
  /** Assumed (see routes/plan.ts): every format is sent as application/octet-stream, as a download. */
  contentType: string;
  bytes: Uint8Array;
}

/**
 * The workout's name made safe as a file name on every OS (assumed: intervals.icu names downloads after the
 * workout; its exact rule is not documented).
 */
export function workoutFilename(name: string, ext: WorkoutFormat): string {
  const safe = name
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return `${safe || 'workout'}.${ext}`;
}

export function workoutFile(w: WorkoutFileInput, ext: WorkoutFormat, t: Thresholds, now: Date): WorkoutFile {
  const filename = workoutFilename(w.name, ext);
  const text = (s: string) => new TextEncoder().encode(s);
  const bytes =
    ext === 'zwo'
      ? text(writeZwo(w, t))
      : ext === 'fit'
        ? writeFitWorkout(w, t, now)
        : text(writeCourse(ext, w, t, filename));
  return { filename, contentType: 'application/octet-stream', bytes };
}

/** Reads an uploaded workout file (`events/bulk`); throws with what is wrong. */
export function parseWorkoutFile(filename: string, bytes: Uint8Array, t: (type: string) => Thresholds): ParsedWorkout {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const text = () => new TextDecoder().decode(bytes);
  if (ext === 'zwo') return parseZwo(text());
  if (ext === 'erg' || ext === 'mrc') return parseCourse(text());
  if (ext === 'fit') {
    // Speed targets are turned back into % pace with the run threshold.
    return parseFitWorkout(bytes, t('Run'));
  }
  throw new Error(`unsupported workout file type .${ext} (zwo, mrc, erg or fit)`);
}

function resolved(r: { low: number; high: number } | null, digits = 0): Record<string, number> | undefined {
  if (!r) return undefined;
  const round = (x: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  return r.low === r.high ? { value: round(r.low) } : { start: round(r.low), end: round(r.high) };
}

/**
 * `resolve=true`: each step also carries `_power` (watts), `_hr` (bpm) and `_pace` (m/s). Assumed shape: the
 * spec only says the targets are resolved to watts, bpm and m/s.
 */
export function resolveSteps(steps: readonly DocStep[], t: Thresholds): DocStep[] {
  const one = (s: Step): Step => {
    const out: Step & Record<string, unknown> = { ...s };
    const power = resolved(powerWatts(s, t.ftp));
    const hr = resolved(hrBpm(s, t.lthr));
    const pace = resolved(paceSpeed(s, t.thresholdPace), 3);
    if (power) out._power = power;
    if (hr) out._hr = hr;
    if (pace) out._pace = pace;
    return out;
  };
  return steps.map((s) => (isRepeat(s) ? { ...s, steps: s.steps.map(one) } : one(s)));
}
