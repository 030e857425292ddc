/**
 * Which real recording becomes which activity, and when.
 *
 * The recordings were made between 2011 and 2020. Their dates are shifted so that every one falls in the ~60 days
 * before the stand-in's `now` (rolling windows such as 42d/84d/1y then contain them); each keeps its local time of
 * day. The order here is newest first, and the Strava import sits second so clients meet it in every list.
 */
import { join } from 'node:path';
import { type FitActivity, readFitFile } from '../fit';
import { FIXTURES_DIR } from '../paths';

export interface RecordingPlacement {
  kind: 'upload';
  id: string;
  file: string;
  daysAgo: number;
  type: 'Ride' | 'VirtualRide' | 'Run';
  name: string;
  deviceName: string;
  /** Local time minus UTC when the file has no activity.localTimestamp. */
  utcOffsetSecs?: number;
  trainer?: boolean;
}

export interface StravaPlacement {
  kind: 'strava';
  id: string;
  daysAgo: number;
  /** Local time of day. */
  time: string;
}

export const PLACEMENTS: (RecordingPlacement | StravaPlacement)[] = [
  {
    kind: 'upload',
    id: 'i9001001',
    file: '4078723797.fit',
    daysAgo: 1,
    type: 'Ride',
    name: 'Ardennes loop',
    deviceName: 'Garmin Edge 1000',
  },
  { kind: 'strava', id: '15948300112', daysAgo: 2, time: '07:31:12' },
  {
    kind: 'upload',
    id: 'i9001002',
    file: 'developer-types-sample.fit',
    daysAgo: 4,
    type: 'Run',
    name: 'Easy run with Stryd',
    deviceName: 'Stryd',
    // Lisbon in January: UTC+0 (no local timestamp in the file).
    utcOffsetSecs: 0,
  },
  {
    kind: 'upload',
    id: 'i9001003',
    file: 'sample-activity-indoor-trainer.fit',
    daysAgo: 8,
    type: 'VirtualRide',
    name: '2×10 min threshold on the trainer',
    deviceName: 'Garmin Edge 800',
    // Unknown place: the time of day is kept as recorded in UTC.
    utcOffsetSecs: 0,
    trainer: true,
  },
  {
    kind: 'upload',
    id: 'i9001004',
    file: '2020-06-01-16-52-40.fit',
    daysAgo: 15,
    type: 'Ride',
    name: 'Short spin with a stop',
    deviceName: 'Garmin Edge 1000',
  },
  {
    kind: 'upload',
    id: 'i9001005',
    file: 'Edge810-Vector-2013-08-16-15-35-10.fit',
    daysAgo: 30,
    type: 'Ride',
    name: '3×20 min tempo',
    deviceName: 'Garmin Edge 810',
    // The file name carries local time 15:35:10 for 18:05:10 UTC (Newfoundland daylight time, UTC−2:30).
    utcOffsetSecs: -9000,
  },
  {
    kind: 'upload',
    id: 'i9001006',
    file: '2019-02-17-062644-ELEMNT-297E-195-0.fit',
    daysAgo: 50,
    type: 'Ride',
    name: 'Long ride with café stops',
    deviceName: 'Wahoo ELEMNT',
  },
];

const decoded = new Map<string, FitActivity>();

/** Decodes a fixture once per process. */
export function recording(file: string): FitActivity {
  let fit = decoded.get(file);
  if (!fit) {
    fit = readFitFile(join(FIXTURES_DIR, file));
    decoded.set(file, fit);
  }
  return fit;
}

/** The recording as a head unit without a power meter would have saved it: no watts, no pedal balance. */
export function withoutPower(fit: FitActivity): FitActivity {
  const noPower = { avgPower: null, maxPower: null, normalizedPower: null };
  return {
    ...fit,
    records: fit.records.map((r) => ({ ...r, watts: null, left_right_balance: null })),
    laps: fit.laps.map((lap) => ({ ...lap, ...noPower, leftRightBalance: null })),
    session: { ...fit.session, ...noPower, trainingStressScore: null },
  };
}
