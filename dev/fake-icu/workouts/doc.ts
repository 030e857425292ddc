/**
 * intervals.icu's structured workout (`workout_doc`) as the stand-in models it, and what every file format needs from
 * it: the steps flattened, each target resolved to watts, bpm or m/s, the totals and an estimated training load.
 *
 * The spec types `workout_doc` only as an object. The step shape follows what intervals.icu sends (seen in API
 * answers quoted on its forum and in client code): `duration` in seconds, `reps` + nested `steps` for repeats,
 * `warmup` / `cooldown` / `ramp` flags, and targets `{value}` or `{start, end}` with `units` — power `%ftp` or `w`,
 * heart rate `%lthr` or `bpm`, pace `%pace` (percent of threshold speed), cadence `rpm`. Only one level of repeats,
 * as intervals.icu's builder allows.
 */

export interface Target {
  value?: number;
  start?: number;
  end?: number;
  units: string;
}

export interface Step {
  text?: string;
  /** Seconds. */
  duration: number;
  warmup?: boolean;
  cooldown?: boolean;
  /** Target goes from `start` to `end` over the step (power only in the formats that can). */
  ramp?: boolean;
  /** No target: ride as you like. */
  freeride?: boolean;
  power?: Target;
  hr?: Target;
  pace?: Target;
  cadence?: Target;
}

export interface RepeatStep {
  text?: string;
  reps: number;
  steps: Step[];
}

export type DocStep = Step | RepeatStep;

export interface WorkoutDoc {
  steps: DocStep[];
  /** Total seconds. */
  duration: number;
  target?: 'POWER' | 'HR' | 'PACE';
  ftp?: number;
  lthr?: number;
  /** m/s. */
  threshold_pace?: number;
}

/** The thresholds targets are relative to (from the athlete's sport settings). */
export interface Thresholds {
  ftp: number;
  lthr: number;
  /** m/s */
  thresholdPace?: number;
}

export const isRepeat = (s: DocStep): s is RepeatStep => 'reps' in s && Array.isArray((s as RepeatStep).steps);

/** Throws with what is wrong unless `steps` is a list of timed steps and one-level repeats of them. */
export function checkSteps(steps: unknown): asserts steps is DocStep[] {
  if (!Array.isArray(steps) || steps.length === 0) throw new Error('workout_doc.steps must be a non-empty array');
  const timed = (s: unknown, where: string) => {
    const d = (s as { duration?: unknown } | null)?.duration;
    if (typeof d !== 'number' || !Number.isInteger(d) || d <= 0) {
      throw new Error(`${where}: duration must be a positive whole number of seconds`);
    }
  };
  for (const [i, s] of steps.entries()) {
    const inner = (s as { steps?: unknown } | null)?.steps;
    if (inner === undefined) {
      timed(s, `step ${i + 1}`);
      continue;
    }
    const reps = (s as { reps?: unknown }).reps;
    if (typeof reps !== 'number' || !Number.isInteger(reps) || reps < 1)
      throw new Error(`step ${i + 1}: reps must be ≥ 1`);
    if (!Array.isArray(inner) || inner.length === 0) throw new Error(`step ${i + 1}: a repeat needs steps`);
    for (const [j, x] of inner.entries()) timed(x, `step ${i + 1}.${j + 1}`);
  }
}

/** Every step in riding order, repeats written out. */
export function flatten(steps: readonly DocStep[]): Step[] {
  return steps.flatMap((s) => (isRepeat(s) ? Array.from({ length: s.reps }, () => s.steps).flat() : [s]));
}

export function totalDuration(steps: readonly DocStep[]): number {
  return flatten(steps).reduce((sum, s) => sum + s.duration, 0);
}

/** A target's low and high ends (equal for a fixed value). */
export function range(t: Target): { low: number; high: number } {
  const low = t.start ?? t.value ?? 0;
  const high = t.end ?? t.value ?? low;
  return { low, high };
}

/** `[from, to]` of a step's power in watts, or null when it has no power target. */
export function powerWatts(step: Step, ftp: number): { low: number; high: number } | null {
  if (!step.power) return null;
  const { low, high } = range(step.power);
  const scale = step.power.units === 'w' ? 1 : ftp / 100;
  return { low: low * scale, high: high * scale };
}

/** A step's power as a fraction of FTP (what ZWO and MRC carry). */
export function powerFraction(step: Step, ftp: number): { low: number; high: number } | null {
  const w = powerWatts(step, ftp);
  return w && { low: w.low / ftp, high: w.high / ftp };
}

export function hrBpm(step: Step, lthr: number): { low: number; high: number } | null {
  if (!step.hr) return null;
  const { low, high } = range(step.hr);
  const scale = step.hr.units === 'bpm' ? 1 : lthr / 100;
  return { low: low * scale, high: high * scale };
}

/** m/s; `%pace` is a share of threshold speed (100 % = threshold, higher = faster). */
export function paceSpeed(step: Step, thresholdPace: number | undefined): { low: number; high: number } | null {
  if (!step.pace || !thresholdPace) return null;
  const { low, high } = range(step.pace);
  return { low: (low * thresholdPace) / 100, high: (high * thresholdPace) / 100 };
}

/** The step's intensity as a fraction of threshold, from whichever target it has (power first). */
function intensity(step: Step, t: Thresholds): number {
  const mid = (r: { low: number; high: number } | null) => (r ? (r.low + r.high) / 2 : null);
  const power = mid(powerWatts(step, t.ftp));
  if (power !== null) return power / t.ftp;
  const hr = mid(hrBpm(step, t.lthr));
  if (hr !== null) return hr / t.lthr;
  const pace = mid(paceSpeed(step, t.thresholdPace));
  if (pace !== null && t.thresholdPace) return pace / t.thresholdPace;
  // A free ride counts as easy endurance.
  return 0.55;
}

/**
 * Estimated load, the way TSS is defined (hours × IF² × 100) with each step's IF taken from its target's middle.
 * Assumed: intervals.icu's own estimate (normalised power over the planned profile, HRSS, pace load) is close to this
 * but not the same.
 */
export function estimateLoad(steps: readonly DocStep[], t: Thresholds): { load: number; intensity: number } {
  const flat = flatten(steps);
  const secs = flat.reduce((sum, s) => sum + s.duration, 0);
  if (secs === 0) return { load: 0, intensity: 0 };
  const weighted = flat.reduce((sum, s) => sum + s.duration * intensity(s, t) ** 2, 0);
  return {
    load: Math.round((weighted / 3600) * 100),
    intensity: Math.round(Math.sqrt(weighted / secs) * 10000) / 100,
  };
}

/** Which kind of target the workout mostly uses (Event.target). */
export function mainTarget(steps: readonly DocStep[]): 'POWER' | 'HR' | 'PACE' {
  const flat = flatten(steps);
  const secs = (has: (s: Step) => boolean) => flat.filter(has).reduce((sum, s) => sum + s.duration, 0);
  const power = secs((s) => s.power !== undefined);
  const hr = secs((s) => s.hr !== undefined);
  const pace = secs((s) => s.pace !== undefined);
  if (hr > power && hr >= pace) return 'HR';
  if (pace > power) return 'PACE';
  return 'POWER';
}

/** "1h30m", "12m", "45s", "1m30s" as intervals.icu writes durations. */
function durationText(secs: number): string {
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || secs === 0 ? `${s}s` : ''}`;
}

function targetText(t: Target, ramp: boolean): string {
  const { low, high } = range(t);
  const value = low === high ? `${low}` : `${low}-${high}`;
  const suffix: Record<string, string> = { '%ftp': '%', w: 'w', '%lthr': '% LTHR', bpm: 'bpm', '%pace': '% Pace' };
  return `${ramp ? 'ramp ' : ''}${value}${suffix[t.units] ?? t.units}`;
}

function stepText(s: Step): string {
  const parts = [`-${s.text ? ` ${s.text}` : ''}`, durationText(s.duration)];
  const main = s.power ?? s.hr ?? s.pace;
  if (main) parts.push(targetText(main, s.ramp === true));
  else if (s.freeride) parts.push('freeride');
  if (s.cadence) parts.push(`${range(s.cadence).low}-${range(s.cadence).high}rpm`);
  return parts.join(' ');
}

/** The workout in intervals.icu's text format (the Event's `description`). */
export function describe(steps: readonly DocStep[]): string {
  const blocks = steps.map((s) =>
    isRepeat(s) ? `${s.text ? `${s.text} ` : ''}${s.reps}x\n${s.steps.map(stepText).join('\n')}` : stepText(s),
  );
  return blocks.join('\n\n');
}

/** A complete workout_doc for steps and the athlete's thresholds. */
export function workoutDoc(steps: DocStep[], t: Thresholds): WorkoutDoc {
  return {
    steps,
    duration: totalDuration(steps),
    target: mainTarget(steps),
    ftp: t.ftp,
    lthr: t.lthr,
    ...(t.thresholdPace ? { threshold_pace: t.thresholdPace } : {}),
  };
}
