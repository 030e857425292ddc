/**
 * Decodes a FIT activity file with @garmin/fitsdk into plain records, laps and session facts. Used by the stand-in's
 * seed, its activity uploads and the power tests, so all see the same numbers.
 *
 * Decoding follows reference.json: `Decoder.read({ mergeHeartRates: true })`, record messages with a timestamp only,
 * in file order.
 */
import { readFileSync } from 'node:fs';
import { Decoder, Stream } from '@garmin/fitsdk';

export interface FitRecord {
  /** Seconds since the first record (whole seconds for FIT timestamps); gaps stay gaps. */
  time: number;
  watts: number | null;
  heartrate: number | null;
  cadence: number | null;
  /** Metres from the start. */
  distance: number | null;
  /** Metres (enhanced altitude when present). */
  altitude: number | null;
  /** Degrees. */
  lat: number | null;
  lng: number | null;
  /** m/s (enhanced speed when present). */
  speed: number | null;
  /** °C */
  temperature: number | null;
  /** Left leg's share of power in percent, see {@link leftBalanceFromRecord}. */
  left_right_balance: number | null;
}

export interface FitLap {
  /** Seconds since the first record. */
  startOffset: number;
  /** startOffset + total elapsed time. */
  endOffset: number;
  startTime: Date;
  endTime: Date;
  totalElapsedTime: number;
  totalTimerTime: number;
  totalDistance: number | null;
  avgPower: number | null;
  maxPower: number | null;
  normalizedPower: number | null;
  avgHeartRate: number | null;
  maxHeartRate: number | null;
  minHeartRate: number | null;
  avgCadence: number | null;
  maxCadence: number | null;
  avgSpeed: number | null;
  maxSpeed: number | null;
  totalAscent: number | null;
  totalDescent: number | null;
  totalCalories: number | null;
  avgTemperature: number | null;
  /** Left leg's share in percent, from the lap's 0.01 % field, see {@link leftBalanceFromLap}. */
  leftRightBalance: number | null;
}

export interface FitSession {
  sport: string;
  subSport: string;
  startTime: Date;
  totalElapsedTime: number;
  totalTimerTime: number;
  totalDistance: number | null;
  totalAscent: number | null;
  totalDescent: number | null;
  totalCalories: number | null;
  avgPower: number | null;
  maxPower: number | null;
  normalizedPower: number | null;
  avgHeartRate: number | null;
  maxHeartRate: number | null;
  avgCadence: number | null;
  avgSpeed: number | null;
  maxSpeed: number | null;
  trainingStressScore: number | null;
}

export interface FitActivity {
  /** Timestamp of the first record. */
  start: Date;
  records: FitRecord[];
  laps: FitLap[];
  session: FitSession;
  /** e.g. "garmin edge1000", "wahooFitness ELEMNT", "stryd". */
  deviceName: string;
  /** Local time minus UTC in seconds when the file says (activity.localTimestamp); else null. */
  utcOffsetSecs: number | null;
}

const SEMICIRCLES_TO_DEGREES = 180 / 2 ** 31;
/** Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z). */
const FIT_EPOCH_SECS = 631065600;

type Msg = Record<string, unknown>;

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function date(value: unknown): Date | null {
  return value instanceof Date ? value : null;
}

/**
 * FIT record `left_right_balance` (uint8): bit 0x80 set = the low 7 bits are the right leg's share, so left = 100 −
 * right. Without the flag the side is not stated; the value is taken as the left share (assumption: that is how
 * several head units write it). 0 % / 100 % readings and the bare flag (decoded as the string "right") are sensor
 * noise and become null.
 */
export function leftBalanceFromRecord(value: unknown): number | null {
  if (typeof value !== 'number') return null;
  const share = value & 0x7f;
  const left = value & 0x80 ? 100 - share : share;
  return left > 0 && left < 100 ? left : null;
}

/** FIT lap `left_right_balance` (uint16): bit 0x8000 = right share, low 14 bits in 0.01 %. */
export function leftBalanceFromLap(value: unknown): number | null {
  if (typeof value !== 'number') return null;
  const share = (value & 0x3fff) / 100;
  const left = value & 0x8000 ? 100 - share : share;
  return left > 0 && left < 100 ? Math.round(left * 100) / 100 : null;
}

function deviceName(messages: Record<string, Msg[] | undefined>): string {
  const creator = messages.deviceInfoMesgs?.find((d) => d.deviceIndex === 'creator');
  const fileId = messages.fileIdMesgs?.[0];
  const manufacturer = String(creator?.manufacturer ?? fileId?.manufacturer ?? 'unknown');
  const product = creator?.productName ?? creator?.garminProduct ?? fileId?.garminProduct;
  return typeof product === 'string' && product.length > 0 ? `${manufacturer} ${product}` : manufacturer;
}

export function decodeFit(bytes: Uint8Array): FitActivity {
  const decoder = new Decoder(Stream.fromBuffer(bytes));
  const { messages, errors } = decoder.read({ mergeHeartRates: true });
  if (errors.length > 0) throw new Error(`FIT decode failed: ${errors.map((e) => e.message).join('; ')}`);
  const all = messages as unknown as Record<string, Msg[] | undefined>;

  const raw = (all.recordMesgs ?? []).filter((r) => date(r.timestamp) !== null);
  if (raw.length === 0) throw new Error('FIT file has no timestamped records');
  const start = date(raw[0]?.timestamp) as Date;
  const t0 = start.getTime();

  const records: FitRecord[] = raw.map((r) => {
    const lat = num(r.positionLat);
    const lng = num(r.positionLong);
    return {
      time: ((date(r.timestamp) as Date).getTime() - t0) / 1000,
      watts: num(r.power),
      heartrate: num(r.heartRate),
      cadence: num(r.cadence),
      distance: num(r.distance),
      altitude: num(r.enhancedAltitude) ?? num(r.altitude),
      lat: lat === null || lng === null ? null : lat * SEMICIRCLES_TO_DEGREES,
      lng: lat === null || lng === null ? null : lng * SEMICIRCLES_TO_DEGREES,
      speed: num(r.enhancedSpeed) ?? num(r.speed),
      temperature: num(r.temperature),
      left_right_balance: leftBalanceFromRecord(r.leftRightBalance),
    };
  });

  const laps: FitLap[] = (all.lapMesgs ?? []).map((l) => {
    const startTime = date(l.startTime) ?? start;
    const totalElapsedTime = num(l.totalElapsedTime) ?? 0;
    const startOffset = (startTime.getTime() - t0) / 1000;
    return {
      startOffset,
      endOffset: startOffset + totalElapsedTime,
      startTime,
      endTime: new Date(startTime.getTime() + totalElapsedTime * 1000),
      totalElapsedTime,
      totalTimerTime: num(l.totalTimerTime) ?? totalElapsedTime,
      totalDistance: num(l.totalDistance),
      avgPower: num(l.avgPower),
      maxPower: num(l.maxPower),
      normalizedPower: num(l.normalizedPower),
      avgHeartRate: num(l.avgHeartRate),
      maxHeartRate: num(l.maxHeartRate),
      minHeartRate: num(l.minHeartRate),
      avgCadence: num(l.avgCadence),
      maxCadence: num(l.maxCadence),
      avgSpeed: num(l.enhancedAvgSpeed) ?? num(l.avgSpeed),
      maxSpeed: num(l.enhancedMaxSpeed) ?? num(l.maxSpeed),
      totalAscent: num(l.totalAscent),
      totalDescent: num(l.totalDescent),
      totalCalories: num(l.totalCalories),
      avgTemperature: num(l.avgTemperature),
      leftRightBalance: leftBalanceFromLap(l.leftRightBalance),
    };
  });

  const s = all.sessionMesgs?.[0] ?? {};
  const session: FitSession = {
    sport: String(s.sport ?? all.sportMesgs?.[0]?.sport ?? 'generic'),
    subSport: String(s.subSport ?? all.sportMesgs?.[0]?.subSport ?? 'generic'),
    startTime: date(s.startTime) ?? start,
    totalElapsedTime: num(s.totalElapsedTime) ?? records.at(-1)?.time ?? 0,
    totalTimerTime: num(s.totalTimerTime) ?? num(s.totalElapsedTime) ?? 0,
    totalDistance: num(s.totalDistance),
    totalAscent: num(s.totalAscent),
    totalDescent: num(s.totalDescent),
    totalCalories: num(s.totalCalories),
    avgPower: num(s.avgPower),
    maxPower: num(s.maxPower),
    normalizedPower: num(s.normalizedPower),
    avgHeartRate: num(s.avgHeartRate),
    maxHeartRate: num(s.maxHeartRate),
    avgCadence: num(s.avgCadence),
    avgSpeed: num(s.enhancedAvgSpeed) ?? num(s.avgSpeed),
    maxSpeed: num(s.enhancedMaxSpeed) ?? num(s.maxSpeed),
    trainingStressScore: num(s.trainingStressScore),
  };

  const activity = all.activityMesgs?.[0];
  const local = num(activity?.localTimestamp);
  const stamp = date(activity?.timestamp);
  const utcOffsetSecs = local !== null && stamp !== null ? local + FIT_EPOCH_SECS - stamp.getTime() / 1000 : null;

  return { start, records, laps, session, deviceName: deviceName(all), utcOffsetSecs };
}

export function readFitFile(path: string): FitActivity {
  return decodeFit(new Uint8Array(readFileSync(path)));
}
