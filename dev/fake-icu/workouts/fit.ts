/**
 * FIT workout files (file_id type `workout`, one `workout` message, `workout_step` messages), written with
 * @garmin/fitsdk's Encoder and read back with its Decoder (for `events/bulk` uploads).
 *
 * Documented by the FIT profile: durations in ms, a repeat is a `repeatUntilStepsCmplt` step pointing back at the
 * block's first step with the count in `targetValue`; custom power targets are watts + 1000, heart rate bpm + 100,
 * speed mm/s; a cadence target goes in the secondary target.
 * Assumed (intervals.icu's exporter is not documented):
 * - Targets are written resolved to watts, bpm and m/s; a fixed value becomes a range of ± powerRange (2.5 %),
 *   hrRange (1.5 %) or paceRange (2.5 %), the defaults the spec names for `listEvents`.
 * - FIT has no ramps: a ramp becomes a range from its lower to its higher end.
 * - A step with a power and a heart-rate target keeps the power (FIT has one primary target).
 */
import { Decoder, Encoder, Stream } from '@garmin/fitsdk';
import {
  type DocStep,
  hrBpm,
  isRepeat,
  paceSpeed,
  powerWatts,
  type RepeatStep,
  range,
  type Step,
  type Thresholds,
} from './doc';
import type { ParsedWorkout, WorkoutFileInput } from './zwo';

export const RANGES = { power: 2.5, hr: 1.5, pace: 2.5 };

/** FIT global message numbers (Profile.MesgNum, typed there as optional). */
const MESG = { FILE_ID: 0, WORKOUT: 26, WORKOUT_STEP: 27 };

type Mesg = Record<string, unknown>;

function widen(r: { low: number; high: number }, percent: number): { low: number; high: number } {
  const [low, high] = r.low <= r.high ? [r.low, r.high] : [r.high, r.low];
  if (low !== high) return { low, high };
  return { low: low * (1 - percent / 100), high: high * (1 + percent / 100) };
}

function intensityOf(step: Step): string {
  if (step.warmup) return 'warmup';
  if (step.cooldown) return 'cooldown';
  const p = step.power ? range(step.power) : null;
  return p && p.high <= (step.power?.units === 'w' ? 0 : 60) ? 'rest' : 'active';
}

/** A custom FIT target range: FIT offsets watts by 1000 and bpm by 100, and writes speed in mm/s. */
function customTarget(targetType: string, r: { low: number; high: number }, scale: number, offset: number): Mesg {
  return {
    targetType,
    targetValue: 0,
    customTargetValueLow: Math.round(r.low * scale) + offset,
    customTargetValueHigh: Math.round(r.high * scale) + offset,
  };
}

function target(step: Step, t: Thresholds): Mesg {
  const power = powerWatts(step, t.ftp);
  if (power) return customTarget('power', widen(power, RANGES.power), 1, 1000);
  const hr = hrBpm(step, t.lthr);
  if (hr) return customTarget('heartRate', widen(hr, RANGES.hr), 1, 100);
  const speed = paceSpeed(step, t.thresholdPace);
  if (speed) return customTarget('speed', widen(speed, RANGES.pace), 1000, 0);
  return { targetType: 'open', targetValue: 0 };
}

function stepMesg(step: Step, index: number, t: Thresholds): Mesg {
  const mesg: Mesg = {
    mesgNum: MESG.WORKOUT_STEP,
    messageIndex: index,
    durationType: 'time',
    durationValue: step.duration * 1000,
    intensity: intensityOf(step),
    ...target(step, t),
  };
  if (step.text) mesg.wktStepName = step.text;
  if (step.cadence) {
    const c = range(step.cadence);
    mesg.secondaryTargetType = 'cadence';
    mesg.secondaryTargetValue = 0;
    mesg.secondaryCustomTargetValueLow = Math.round(c.low);
    mesg.secondaryCustomTargetValueHigh = Math.round(c.high);
  }
  return mesg;
}

/** FIT's `sport` / `sub_sport` for an intervals.icu activity type. */
function sportOf(type: string): { sport: string; subSport: string } {
  if (/Run$/.test(type)) return { sport: 'running', subSport: type === 'VirtualRun' ? 'virtualActivity' : 'generic' };
  if (/Swim$/.test(type)) return { sport: 'swimming', subSport: 'generic' };
  return { sport: 'cycling', subSport: type === 'VirtualRide' ? 'virtualActivity' : 'generic' };
}

export function writeFitWorkout(w: WorkoutFileInput, t: Thresholds, created: Date): Uint8Array {
  const steps: Mesg[] = [];
  for (const s of w.steps) {
    if (!isRepeat(s)) {
      steps.push(stepMesg(s, steps.length, t));
      continue;
    }
    const first = steps.length;
    for (const inner of s.steps) steps.push(stepMesg(inner, steps.length, t));
    steps.push({
      mesgNum: MESG.WORKOUT_STEP,
      messageIndex: steps.length,
      durationType: 'repeatUntilStepsCmplt',
      durationValue: first,
      targetValue: s.reps,
    });
  }
  const fileId: Mesg = {
    type: 'workout',
    manufacturer: 'development',
    product: 0,
    serialNumber: 424242,
    timeCreated: created,
  };
  const workout: Mesg = { ...sportOf(w.type), wktName: w.name.slice(0, 40), numValidSteps: steps.length };
  const encoder = new Encoder();
  encoder.onMesg(MESG.FILE_ID, fileId);
  encoder.onMesg(MESG.WORKOUT, workout);
  for (const m of steps) encoder.onMesg(MESG.WORKOUT_STEP, m);
  return encoder.close();
}

/** Everything @garmin/fitsdk decodes from a FIT file, with its errors. */
export function decodeFitMessages(bytes: Uint8Array): Record<string, Mesg[]> {
  const stream = Stream.fromByteArray(Array.from(bytes));
  const decoder = new Decoder(stream);
  if (!decoder.isFIT()) throw new Error('not a FIT file');
  const { messages, errors } = decoder.read();
  if (errors.length > 0) throw new Error(`FIT decode failed: ${errors.map((e) => e.message).join('; ')}`);
  return messages as unknown as Record<string, Mesg[]>;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function stepFromMesg(m: Mesg, t: Thresholds): Step {
  const duration = Math.round(num(m.durationTime) ?? (num(m.durationValue) ?? 0) / 1000);
  if (m.durationType !== 'time' || duration <= 0) {
    throw new Error(`workout step ${String(m.messageIndex)}: only timed steps are supported`);
  }
  const step: Step = { duration };
  if (typeof m.wktStepName === 'string' && m.wktStepName) step.text = m.wktStepName;
  if (m.intensity === 'warmup') step.warmup = true;
  if (m.intensity === 'cooldown') step.cooldown = true;
  const low = num(
    m.customTargetPowerLow ?? m.customTargetHeartRateLow ?? m.customTargetSpeedLow ?? m.customTargetValueLow,
  );
  const high = num(
    m.customTargetPowerHigh ?? m.customTargetHeartRateHigh ?? m.customTargetSpeedHigh ?? m.customTargetValueHigh,
  );
  if (m.targetType === 'power' && low !== undefined && high !== undefined) {
    // 0–1000 is % FTP, above is watts + 1000.
    step.power =
      low >= 1000 ? { start: low - 1000, end: high - 1000, units: 'w' } : { start: low, end: high, units: '%ftp' };
  } else if (m.targetType === 'heartRate' && low !== undefined && high !== undefined) {
    step.hr =
      low >= 100 ? { start: low - 100, end: high - 100, units: 'bpm' } : { start: low, end: high, units: '%hr' };
  } else if (m.targetType === 'speed' && low !== undefined && high !== undefined && t.thresholdPace) {
    const threshold = t.thresholdPace;
    const pct = (mps: number) => Math.round((mps / threshold) * 1000) / 10;
    step.pace = { start: pct(low), end: pct(high), units: '%pace' };
  } else {
    step.freeride = true;
  }
  if (m.secondaryTargetType === 'cadence') {
    const cl = num(m.secondaryCustomTargetValueLow ?? m.secondaryCustomTargetCadenceLow);
    const ch = num(m.secondaryCustomTargetValueHigh ?? m.secondaryCustomTargetCadenceHigh);
    if (cl !== undefined && ch !== undefined) step.cadence = { start: cl, end: ch, units: 'rpm' };
  }
  return step;
}

/** Reads a FIT workout file back into steps; throws with what is wrong when it is not one. */
export function parseFitWorkout(bytes: Uint8Array, t: Thresholds): ParsedWorkout {
  const messages = decodeFitMessages(bytes);
  const fileType = messages.fileIdMesgs?.[0]?.type;
  if (fileType !== 'workout') throw new Error(`FIT file type is ${String(fileType ?? 'unknown')}, not workout`);
  const workout = messages.workoutMesgs?.[0] ?? {};
  const mesgs = messages.workoutStepMesgs ?? [];
  const steps: DocStep[] = [];
  // Indices in `steps` of the steps that came from each message, to fold repeats back.
  const origin: number[] = [];
  for (const m of mesgs) {
    if (m.durationType === 'repeatUntilStepsCmplt') {
      const from = num(m.durationStep ?? m.durationValue) ?? 0;
      const at = origin.findIndex((o, i) => i >= from && o >= 0);
      const start = at < 0 ? steps.length : (origin[at] as number);
      const inner = steps.splice(start) as Step[];
      const repeat: RepeatStep = { reps: num(m.repeatSteps ?? m.targetValue) ?? 1, steps: inner };
      steps.push(repeat);
      origin.push(-1);
      continue;
    }
    origin.push(steps.length);
    steps.push(stepFromMesg(m, t));
  }
  if (steps.length === 0) throw new Error('the FIT workout has no steps');
  const sport = String(workout.sport ?? 'cycling');
  return {
    name: typeof workout.wktName === 'string' ? workout.wktName : undefined,
    type: sport === 'running' ? 'Run' : 'Ride',
    steps,
  };
}
