/** Turns a decoded recording into the Activity, its intervals (from the device laps) and its streams. */
import type { FitActivity, FitLap, FitRecord } from '../fit';
import { addDays, icuTimestamp, isoUtc, localToInstant } from '../time';
import type { IcuInterval, IcuStream, Json, StravaActivity, UploadedActivity } from '../types';
import { ATHLETE_ID, type SportSettingsSeed, settingsFor } from './athlete';
import { indexAtOrAfter, max, mean, min, normalizedPower, round, timeInZones, trainingLoad, zoneOf } from './metrics';
import { effortsFor } from './power';
import { type RecordingPlacement, recording, type StravaPlacement, withoutPower } from './recordings';

export interface ActivityContext {
  /** Today in the athlete's time zone, "YYYY-MM-DD". */
  today: string;
  timezone: string;
  settings: SportSettingsSeed[];
  /** Body weight on a day (kg). */
  weightOn(day: string): number;
  /** Whose activities these are (default: the key owner, ATHLETE_ID). */
  athleteId?: string;
  /** The athlete's resting HR as activities record it (default 48, the key owner's). */
  restingHR?: number;
  /** `false` for an athlete who rides without a power meter: seeded recordings lose their power (default true). */
  powerMeter?: boolean;
}

const STRAVA_NOTE = 'STRAVA activities are not available via the API';

export function stravaActivity(p: StravaPlacement, ctx: ActivityContext): StravaActivity {
  return {
    kind: 'strava',
    id: p.id,
    stub: {
      id: p.id,
      icu_athlete_id: ctx.athleteId ?? ATHLETE_ID,
      start_date_local: `${addDays(ctx.today, -p.daysAgo)}T${p.time}`,
      source: 'STRAVA',
      _note: STRAVA_NOTE,
    },
  };
}

/** Local "HH:mm:ss" of the first record. */
function localTimeOfDay(fit: FitActivity, fallbackOffsetSecs: number | undefined): string {
  const offset = fit.utcOffsetSecs ?? fallbackOffsetSecs ?? 0;
  return new Date(fit.start.getTime() + offset * 1000).toISOString().slice(11, 19);
}

const col = <K extends keyof FitRecord>(records: readonly FitRecord[], key: K) => records.map((r) => r[key]);

function opt(out: Json, key: string, value: number | null | undefined, digits?: number): void {
  if (value === null || value === undefined || !Number.isFinite(value)) return;
  out[key] = digits === undefined ? value : round(value, digits);
}

function streamsOf(records: readonly FitRecord[]): IcuStream[] {
  const make = (type: string, data: (number | null)[], data2?: (number | null)[]): IcuStream | null => {
    if (!data.some((v) => v !== null)) return null;
    const s: IcuStream = { type, data, valueTypeIsArray: false, custom: false, allNull: false };
    if (data2) s.data2 = data2;
    return s;
  };
  const fixed = (key: keyof FitRecord, digits: number) =>
    records.map((r) => {
      const v = r[key];
      return typeof v === 'number' ? round(v, digits) : null;
    });
  const all = [
    make('time', col(records, 'time')),
    make('watts', col(records, 'watts')),
    make('heartrate', col(records, 'heartrate')),
    make('cadence', col(records, 'cadence')),
    make('distance', fixed('distance', 2)),
    make('altitude', fixed('altitude', 1)),
    make('latlng', fixed('lat', 7), fixed('lng', 7)),
    make('velocity_smooth', fixed('speed', 3)),
    make('temp', col(records, 'temperature')),
    make('left_right_balance', fixed('left_right_balance', 1)),
  ];
  return all.filter((s): s is IcuStream => s !== null);
}

function lapIndices(lap: FitLap, times: readonly number[]): { start: number; end: number } {
  const last = times.length - 1;
  const start = Math.min(indexAtOrAfter(times, lap.startOffset - 0.5), last);
  const end = Math.max(start, Math.min(indexAtOrAfter(times, lap.endOffset - 0.5), last));
  return { start, end };
}

function intervalOf(
  lap: FitLap,
  n: number,
  isLast: boolean,
  records: readonly FitRecord[],
  settings: SportSettingsSeed | undefined,
  weight: number,
): IcuInterval {
  const times = col(records, 'time');
  const { start, end } = lapIndices(lap, times);
  const slice = records.slice(start, isLast ? end + 1 : Math.max(end, start + 1));
  const watts = col(slice, 'watts');
  const ftp = settings?.ftp;
  const avgWatts = lap.avgPower ?? mean(watts);
  const np = lap.normalizedPower ?? normalizedPower(watts);
  const moving = Math.round(lap.totalTimerTime);
  const out: IcuInterval = {
    id: n,
    type: avgWatts !== null && ftp && avgWatts >= 0.75 * ftp ? 'WORK' : 'RECOVERY',
    label: `Lap ${n}`,
    start_index: start,
    end_index: end,
    start_time: Math.round(times[start] ?? 0),
    end_time: Math.round(times[end] ?? 0),
    elapsed_time: Math.round(lap.totalElapsedTime),
    moving_time: moving,
  };
  opt(out, 'distance', lap.totalDistance ?? null, 2);
  if (avgWatts !== null) {
    out.average_watts = Math.round(avgWatts);
    opt(out, 'min_watts', min(watts));
    opt(out, 'max_watts', lap.maxPower ?? max(watts));
    out.average_watts_kg = round(avgWatts / weight, 2);
    opt(out, 'max_watts_kg', (lap.maxPower ?? max(watts) ?? Number.NaN) / weight, 2);
    out.joules = Math.round(watts.reduce<number>((a, w) => a + (w ?? 0), 0));
    if (np !== null) out.weighted_average_watts = Math.round(np);
    if (ftp && np !== null) {
      out.intensity = Math.round((np / ftp) * 100);
      out.training_load = round(trainingLoad(moving, np, ftp), 1);
    }
    if (ftp && settings?.power_zones) {
      const zones = settings.power_zones.map((p) => (p * ftp) / 100);
      const z = zoneOf(avgWatts, zones);
      out.zone = z;
      out.zone_min_watts = Math.round(z === 1 ? 0 : (zones[z - 2] as number));
      out.zone_max_watts = Math.round(Math.min(zones[z - 1] as number, 9999));
    }
  }
  const hr = col(slice, 'heartrate');
  opt(out, 'average_heartrate', lap.avgHeartRate ?? mean(hr), 0);
  opt(out, 'min_heartrate', lap.minHeartRate ?? min(hr), 0);
  opt(out, 'max_heartrate', lap.maxHeartRate ?? max(hr), 0);
  const cadence = col(slice, 'cadence');
  opt(out, 'average_cadence', lap.avgCadence ?? mean(cadence, { skipZeros: true }), 1);
  opt(out, 'max_cadence', lap.maxCadence ?? max(cadence), 0);
  opt(out, 'average_speed', lap.avgSpeed, 3);
  opt(out, 'max_speed', lap.maxSpeed, 3);
  opt(out, 'total_elevation_gain', lap.totalAscent, 1);
  const alt = col(slice, 'altitude');
  opt(out, 'min_altitude', min(alt), 1);
  opt(out, 'max_altitude', max(alt), 1);
  const a0 = alt.find((v) => v !== null);
  const a1 = alt.findLast((v) => v !== null);
  if (a0 != null && a1 != null && lap.totalDistance) {
    out.average_gradient = round(((a1 - a0) / lap.totalDistance) * 100, 2);
  }
  opt(out, 'avg_lr_balance', lap.leftRightBalance ?? mean(col(slice, 'left_right_balance')), 2);
  opt(out, 'average_temp', mean(col(slice, 'temperature')), 1);
  return out;
}

function activityName(type: string, hour: number): string {
  const part = hour < 5 ? 'Night' : hour < 12 ? 'Morning' : hour < 14 ? 'Lunch' : hour < 18 ? 'Afternoon' : 'Evening';
  return `${part} ${type === 'Run' ? 'Run' : 'Ride'}`;
}

/** What an activity built from a recording is called and where it sits; the rest comes from the recording. */
export interface RecordingMeta {
  id: string;
  /** The uploaded file's name (also the default external_id). */
  file: string;
  type: string;
  /** Default: "Morning Ride" etc. from the start time. */
  name?: string;
  deviceName: string;
  /** Local start "YYYY-MM-DDTHH:mm:ss" in ctx.timezone. */
  startLocal: string;
  trainer?: boolean;
  /** fit, tcx or gpx (default fit). */
  fileType?: string;
  externalId?: string;
  description?: string;
  pairedEventId?: number;
  /** When intervals.icu received the file (default: 11 minutes after the end). */
  uploaded?: Date;
  /** SHA-256 of the uploaded file (duplicate check). */
  sha256?: string;
}

export function uploadedActivity(p: RecordingPlacement, ctx: ActivityContext): UploadedActivity {
  const noPower = ctx.powerMeter === false;
  const fit = noPower ? withoutPower(recording(p.file)) : recording(p.file);
  const startLocal = `${addDays(ctx.today, -p.daysAgo)}T${localTimeOfDay(fit, p.utcOffsetSecs)}`;
  const made = activityFromRecording(
    fit,
    { id: p.id, file: p.file, type: p.type, name: p.name, deviceName: p.deviceName, startLocal, trainer: p.trainer },
    ctx,
  );
  if (noPower) {
    addHeartRateLoad(made, settingsFor(ctx.settings, p.type));
    // No power data, so no best efforts: power curves stay empty rather than a curve of zeros.
    const none = made.efforts.secs.map(() => null);
    made.efforts = { secs: made.efforts.secs, watts: none, startIndex: none, endIndex: none };
  }
  return made;
}

/**
 * Without power intervals.icu falls back to a heart-rate load (the sport's `load_order`, HRSS for `hr_load_type`).
 * Its exact HRSS is not documented; this is the usual approximation: hours × ((avg HR − rest) / (LTHR − rest))² × 100.
 */
function addHeartRateLoad(made: UploadedActivity, settings: SportSettingsSeed | undefined): void {
  const a = made.activity;
  const avgHr = typeof a.average_heartrate === 'number' ? a.average_heartrate : null;
  const rest = Number(a.icu_resting_hr ?? 50);
  if (!settings || avgHr === null || settings.lthr <= rest) return;
  const intensity = Math.max(0, avgHr - rest) / (settings.lthr - rest);
  const load = Math.round((Number(a.moving_time ?? 0) / 3600) * intensity * intensity * 100);
  a.icu_training_load = load;
  a.hr_load = load;
  a.hr_load_type = 'HRSS';
}

/** The Activity, its intervals (from the laps) and its streams for a decoded recording (FIT, TCX or GPX). */
export function activityFromRecording(fit: FitActivity, p: RecordingMeta, ctx: ActivityContext): UploadedActivity {
  const { records, session } = fit;
  const settings = settingsFor(ctx.settings, p.type);
  const startLocal = p.startLocal;
  const day = startLocal.slice(0, 10);
  const start = localToInstant(startLocal, ctx.timezone);
  const weight = ctx.weightOn(day);

  const time = col(records, 'time');
  const watts = col(records, 'watts');
  const hr = col(records, 'heartrate');
  const lastTime = time.at(-1) ?? 0;
  const elapsed = Math.round(Math.max(session.totalElapsedTime, lastTime));
  const moving = Math.round(session.totalTimerTime || lastTime);
  const distance = session.totalDistance ?? records.findLast((r) => r.distance !== null)?.distance ?? 0;
  const streams = streamsOf(records);
  const uploaded = p.uploaded ?? new Date(start.getTime() + (elapsed + 11 * 60) * 1000);

  const a: Json & { id: string; type: string; start_date_local: string } = {
    id: p.id,
    icu_athlete_id: ctx.athleteId ?? ATHLETE_ID,
    start_date_local: startLocal,
    start_date: isoUtc(start),
    timezone: ctx.timezone,
    type: p.type,
    name: p.name || activityName(p.type, Number(startLocal.slice(11, 13))),
    source: 'UPLOAD',
    file_type: p.fileType ?? 'fit',
    device_name: p.deviceName,
    external_id: p.externalId ?? p.file,
    created: icuTimestamp(uploaded),
    analyzed: icuTimestamp(uploaded),
    icu_sync_date: icuTimestamp(uploaded),
    trainer: p.trainer ?? false,
    commute: false,
    race: false,
    moving_time: moving,
    elapsed_time: elapsed,
    icu_recording_time: Math.round(lastTime),
    distance: round(distance, 2),
    icu_distance: round(distance, 2),
    stream_types: streams.map((s) => s.type),
    icu_lap_count: fit.laps.length,
    icu_weight: weight,
    icu_resting_hr: ctx.restingHR ?? 48,
    has_heartrate: hr.some((v) => v !== null),
    device_watts: watts.some((v) => v !== null),
  };
  if (p.description) a.description = p.description;
  if (p.pairedEventId !== undefined) a.paired_event_id = p.pairedEventId;
  if (distance > 0 && moving > 0) a.average_speed = round(distance / moving, 3);
  opt(a, 'max_speed', session.maxSpeed ?? max(col(records, 'speed')), 3);
  opt(a, 'total_elevation_gain', session.totalAscent, 1);
  opt(a, 'total_elevation_loss', session.totalDescent, 1);
  opt(a, 'calories', session.totalCalories || null, 0);
  opt(a, 'average_heartrate', session.avgHeartRate ?? mean(hr), 0);
  opt(a, 'max_heartrate', session.maxHeartRate ?? max(hr), 0);
  opt(a, 'average_cadence', session.avgCadence ?? mean(col(records, 'cadence'), { skipZeros: true }), 1);
  const temp = col(records, 'temperature');
  opt(a, 'average_temp', mean(temp), 1);
  opt(a, 'min_temp', min(temp), 0);
  opt(a, 'max_temp', max(temp), 0);
  const alt = col(records, 'altitude');
  opt(a, 'average_altitude', mean(alt), 1);
  opt(a, 'min_altitude', min(alt), 1);
  opt(a, 'max_altitude', max(alt), 1);
  opt(a, 'avg_lr_balance', mean(col(records, 'left_right_balance')), 2);

  if (settings) {
    a.lthr = settings.lthr;
    a.athlete_max_hr = settings.max_hr;
    a.icu_hr_zones = settings.hr_zones;
    if (hr.some((v) => v !== null)) a.icu_hr_zone_times = timeInZones(hr, settings.hr_zones.slice(0, -1).concat(999));
  }
  const avgWatts = mean(watts);
  const np = normalizedPower(watts);
  const ftp = settings?.ftp;
  if (avgWatts !== null && np !== null) {
    a.icu_average_watts = Math.round(avgWatts);
    a.icu_weighted_avg_watts = Math.round(np);
    a.icu_joules = Math.round(watts.reduce<number>((s, w) => s + (w ?? 0), 0));
    a.icu_variability_index = round(np / avgWatts, 2);
    const avgHr = mean(hr);
    if (avgHr) a.icu_efficiency_factor = round(np / avgHr, 2);
    if (ftp) {
      a.icu_ftp = ftp;
      a.icu_intensity = round((np / ftp) * 100, 2);
      const load = Math.round(trainingLoad(moving, np, ftp));
      a.icu_training_load = load;
      a.power_load = load;
      if (settings?.w_prime) a.icu_w_prime = settings.w_prime;
      if (settings?.p_max) a.p_max = settings.p_max;
      if (settings?.power_zones) {
        a.icu_power_zones = settings.power_zones;
        const bounds = settings.power_zones.map((pct) => (pct * ftp) / 100);
        a.icu_zone_times = timeInZones(watts, bounds).map((secs, i) => ({ id: `Z${i + 1}`, secs }));
      }
    }
  }

  const intervals = fit.laps.map((lap, i) =>
    intervalOf(lap, i + 1, i === fit.laps.length - 1, records, settings, weight),
  );
  return {
    kind: 'upload',
    id: p.id,
    file: p.file,
    activity: a,
    intervals,
    streams,
    time,
    watts,
    efforts: effortsFor(time, watts),
    recorded: { start: fit.start.toISOString(), device: fit.deviceName, ...(p.sha256 ? { sha256: p.sha256 } : {}) },
  };
}
