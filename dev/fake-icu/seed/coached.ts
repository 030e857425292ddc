/**
 * The athletes the key owner (Alex, i424242) coaches. Each has a world of their own, built like the owner's from the
 * same six real recordings with shifted dates and their own activity ids, and differs where a coach's tools must
 * notice:
 *
 * - Leilani Kahale (i515151), Pacific/Honolulu (UTC−10, no DST): her "today" is the day before Brussels' from
 *   00:00 to 11:00 Brussels time in winter (23:00–10:00 UTC) and 00:00–12:00 in summer (22:00–10:00 UTC), e.g. at
 *   the tests' clock 2026-03-15T09:30Z it is still 14 March in Honolulu. Metric, power meter, Stryd on runs.
 * - Jordan Miller (i626262), America/New_York: imperial units (`measurement_preference: 'feet'`, the Strava-style
 *   value beside 'meters'; `weight_pref_lb`, `fahrenheit`, MPH, inches, US date and time formats). Weights are still
 *   stored in kg, as intervals.icu stores them; only the display preference is lb.
 * - Sofie Janssens (i737373), Europe/Amsterdam (Brussels' offset, the same today): no power meter. Her rides and runs
 *   have no `watts` stream, no power in laps, no power curve and no eFTP; their load is heart-rate based (HRSS), so
 *   a VO2max estimate is impossible ("no power data"). Her Ride settings carry no FTP.
 *
 * Activity ids: i8101xxx (Leilani), i8102xxx (Jordan), i8103xxx (Sofie), below the uploads' i91xxxxx; event ids 721xx,
 * 722xx, 723xx. Each has
 * activities 1–6 days ago (inside athlete-summary's default window) and older ones.
 */
import type { Json } from '../types';
import { SPORT_TYPES, type SportSettingsSeed } from './athlete';
import type { AthleteSpec } from './index';
import type { RecordingPlacement } from './recordings';
import type { WellnessProfile } from './wellness';
import { ftp, ftpRange, lthr, min, type PlannedWorkout, pace, plannedWorkouts, watts } from './workouts';

export const HONOLULU_ATHLETE_ID = 'i515151';
export const IMPERIAL_ATHLETE_ID = 'i626262';
export const NO_POWER_ATHLETE_ID = 'i737373';

const HR_ZONE_NAMES = [
  'Recovery',
  'Aerobic',
  'Tempo',
  'SubThreshold',
  'SuperThreshold',
  'Aerobic Capacity',
  'Anaerobic',
];

/** Ride, Run and Swim settings in the owner's shape; `ftp: undefined` leaves power out (no power meter). */
function settings(
  athleteId: string,
  created: string,
  s: { rideFtp?: number; runFtp?: number; lthr: number; maxHr: number; runPace: number; paceUnits: string },
): SportSettingsSeed[] {
  const common = { athlete_id: athleteId, created, updated: created };
  const hrZones = (lthr: number, max: number) =>
    [0.83, 0.92, 0.96, 1, 1.03, 1.06].map((f) => Math.round(lthr * f)).concat(max);
  const ride: SportSettingsSeed = {
    id: 0,
    ...common,
    types: SPORT_TYPES.Ride,
    warmup_time: 1200,
    cooldown_time: 600,
    lthr: s.lthr,
    max_hr: s.maxHr,
    hr_zones: hrZones(s.lthr, s.maxHr),
    hr_zone_names: HR_ZONE_NAMES,
    hr_load_type: 'HRSS',
    load_order: 'POWER_HR_PACE',
    tiz_order: 'POWER_HR_PACE',
    other: false,
  };
  if (s.rideFtp !== undefined) {
    Object.assign(ride, {
      ftp: s.rideFtp,
      indoor_ftp: s.rideFtp - 8,
      w_prime: 17000,
      p_max: 850,
      power_zones: [55, 75, 90, 105, 120, 150, 999],
      after_kj0: 800,
      after_kj1: 1600,
    });
  }
  const run: SportSettingsSeed = {
    id: 0,
    ...common,
    types: SPORT_TYPES.Run,
    lthr: s.lthr + 3,
    max_hr: s.maxHr + 2,
    hr_zones: hrZones(s.lthr + 3, s.maxHr + 2),
    threshold_pace: s.runPace,
    pace_units: s.paceUnits,
    pace_zones: [77.5, 87.7, 94.3, 100, 103.4, 111.5, 999],
    pace_load_type: 'RUN',
    hr_load_type: 'HRSS',
    load_order: 'PACE_HR_POWER',
    other: false,
  };
  if (s.runFtp !== undefined) Object.assign(run, { ftp: s.runFtp, power_zones: [80, 90, 100, 115, 130, 999] });
  const swim: SportSettingsSeed = {
    id: 0,
    ...common,
    types: SPORT_TYPES.Swim,
    lthr: s.lthr - 12,
    max_hr: s.maxHr - 10,
    hr_zones: hrZones(s.lthr - 12, s.maxHr - 10),
    threshold_pace: 1.15,
    pace_units: 'SECS_100M',
    pace_load_type: 'SWIM',
    other: false,
  };
  return [ride, run, swim];
}

/** Numbers the settings ids as the owner's are (1101, 1102, 1103 → 2101 … for the first coached athlete). */
const numbered = (base: number, list: SportSettingsSeed[]) => list.map((s, i) => ({ ...s, id: base + i + 1 }));

/** GET /athlete/{id} body (WithSportSettings) for a coached athlete. */
function profile(fields: Json): AthleteSpec['profile'] {
  return (sportSettings, icuWeight, created) => ({
    locale: 'en',
    icu_weight: icuWeight,
    icu_weight_sync: 'NONE',
    visibility: 'PRIVATE',
    status: 'ACTIVE',
    plan: 'FREE',
    icu_activated: created,
    // What the coach may do with this athlete's data.
    icu_permission: 'WRITE',
    icu_coach: false,
    icu_admin: false,
    icu_form_as_percent: false,
    icu_mmp_days: 42,
    icu_wellness_keys: ['weight', 'restingHR', 'hrv', 'sleepSecs', 'soreness', 'fatigue', 'stress', 'mood'],
    bikes: [],
    shoes: [],
    custom_items: [],
    ...fields,
    sportSettings,
  });
}

const wellness = (w: Partial<WellnessProfile> & { seed: number }): WellnessProfile => ({
  weightKg: 70,
  restingHR: 50,
  hrv: 60,
  eftp: null,
  lockedDaysAgo: [],
  ...w,
});

const ride = (
  id: string,
  file: string,
  daysAgo: number,
  name: string,
  extra: Partial<RecordingPlacement> = {},
): RecordingPlacement => ({
  kind: 'upload',
  id,
  file,
  daysAgo,
  type: 'Ride',
  name,
  deviceName: 'Garmin Edge 1000',
  ...extra,
});

/**
 * The recordings without a local timestamp get the owner's offsets (recordings.ts), so each keeps a plausible time
 * of day.
 */
const RUN_FILE = { file: 'developer-types-sample.fit', utcOffsetSecs: 0, type: 'Run' as const, deviceName: 'Stryd' };
const TRAINER_FILE = {
  file: 'sample-activity-indoor-trainer.fit',
  utcOffsetSecs: 0,
  type: 'VirtualRide' as const,
  trainer: true,
  deviceName: 'Garmin Edge 800',
};
const VECTOR_FILE = {
  file: 'Edge810-Vector-2013-08-16-15-35-10.fit',
  utcOffsetSecs: -9000,
  deviceName: 'Garmin Edge 810',
};

function planned(athleteId: string, list: PlannedWorkout[]): AthleteSpec['events'] {
  return (today, now, sportSettings) => plannedWorkouts(today, now, sportSettings, list, athleteId);
}

const leilani: AthleteSpec = {
  id: HONOLULU_ATHLETE_ID,
  timezone: 'Pacific/Honolulu',
  restingHR: 44,
  sportSettings: (created) =>
    numbered(
      2100,
      settings(HONOLULU_ATHLETE_ID, created, {
        rideFtp: 236,
        runFtp: 228,
        lthr: 164,
        maxHr: 186,
        runPace: 3.7,
        paceUnits: 'MINS_KM',
      }),
    ),
  profile: profile({
    id: HONOLULU_ATHLETE_ID,
    name: 'Leilani Kahale',
    firstname: 'Leilani',
    lastname: 'Kahale',
    sex: 'F',
    city: 'Honolulu',
    state: 'HI',
    country: 'United States',
    timezone: 'Pacific/Honolulu',
    measurement_preference: 'meters',
    weight_pref_lb: false,
    fahrenheit: false,
    wind_speed: 'KMH',
    rain: 'MM',
    date_format: 'yyyy-MM-dd',
    time_format: 'HH:mm',
    weight: 58.5,
    icu_resting_hr: 44,
    icu_date_of_birth: '1994-09-03',
    height: 1.66,
    bikes: [{ id: 'b21223344', name: 'Tri bike', distance: 5123400.0, primary: true }],
  }),
  placements: [
    ride('i8101001', VECTOR_FILE.file, 2, 'Kalanianaʻole tempo', VECTOR_FILE),
    { kind: 'upload', id: 'i8101002', daysAgo: 3, name: 'Kapiʻolani Park run', ...RUN_FILE },
    { kind: 'upload', id: 'i8101003', daysAgo: 9, name: 'Trainer threshold', ...TRAINER_FILE },
    ride('i8101004', '4078723797.fit', 20, 'North Shore loop'),
  ],
  wellness: wellness({ seed: 515151, weightKg: 58.5, restingHR: 44, hrv: 78, eftp: 228, lockedDaysAgo: [1, 9, 60] }),
  events: planned(HONOLULU_ATHLETE_ID, [
    {
      id: 72101,
      day: 0,
      time: '05:30:00',
      type: 'VirtualRide',
      name: 'Sweet spot 2×15',
      indoor: true,
      steps: [
        { text: 'Warmup', duration: min(10), warmup: true, ramp: true, ...ftpRange(50, 75) },
        {
          reps: 2,
          steps: [
            { duration: min(15), ...ftp(90) },
            { duration: min(5), ...ftp(55) },
          ],
        },
        { text: 'Cooldown', duration: min(10), cooldown: true, ...ftp(50) },
      ],
    },
    {
      id: 72102,
      day: 2,
      type: 'Run',
      name: 'Easy run 40 min',
      steps: [{ duration: min(40), ...pace(75, 82) }],
    },
  ]),
};

const jordan: AthleteSpec = {
  id: IMPERIAL_ATHLETE_ID,
  timezone: 'America/New_York',
  restingHR: 52,
  sportSettings: (created) =>
    numbered(
      2200,
      settings(IMPERIAL_ATHLETE_ID, created, {
        rideFtp: 305,
        lthr: 171,
        maxHr: 189,
        // 7:15 per mile.
        runPace: 3.7,
        paceUnits: 'MINS_MILE',
      }),
    ),
  profile: profile({
    id: IMPERIAL_ATHLETE_ID,
    name: 'Jordan Miller',
    firstname: 'Jordan',
    lastname: 'Miller',
    sex: 'M',
    city: 'Brooklyn',
    state: 'NY',
    country: 'United States',
    timezone: 'America/New_York',
    locale: 'en_US',
    measurement_preference: 'feet',
    weight_pref_lb: true,
    fahrenheit: true,
    wind_speed: 'MPH',
    rain: 'INCHES',
    date_format: 'MM/dd/yyyy',
    time_format: 'h:mm a',
    // intervals.icu stores kg whatever the display unit (about 180 lb).
    weight: 81.7,
    icu_resting_hr: 52,
    icu_date_of_birth: '1985-02-21',
    height: 1.85,
    plan: 'PREMIUM',
    bikes: [{ id: 'b31223344', name: 'Crit bike', distance: 9345600.0, primary: true }],
  }),
  placements: [
    ride('i8102001', '4078723797.fit', 1, 'Prospect Park laps'),
    ride('i8102002', '2019-02-17-062644-ELEMNT-297E-195-0.fit', 5, 'River Road with coffee', {
      deviceName: 'Wahoo ELEMNT',
    }),
    ride('i8102003', '2020-06-01-16-52-40.fit', 12, 'Recovery spin'),
    { kind: 'upload', id: 'i8102004', daysAgo: 26, name: 'Zwift race', ...TRAINER_FILE },
  ],
  wellness: wellness({ seed: 626262, weightKg: 81.7, restingHR: 52, hrv: 48, eftp: 300, lockedDaysAgo: [5, 40] }),
  events: planned(IMPERIAL_ATHLETE_ID, [
    {
      id: 72201,
      day: 1,
      type: 'Ride',
      name: 'Endurance 90 min',
      steps: [{ duration: min(90), ...ftpRange(62, 72) }],
    },
    {
      id: 72202,
      day: 3,
      type: 'Ride',
      name: 'Threshold 3×10 (watts)',
      steps: [
        { text: 'Warmup', duration: min(15), warmup: true, ...watts(160, 230) },
        {
          reps: 3,
          steps: [
            { duration: min(10), ...watts(295, 310) },
            { duration: min(4), ...watts(160) },
          ],
        },
        { text: 'Cooldown', duration: min(10), cooldown: true, ...watts(150) },
      ],
    },
  ]),
};

const sofie: AthleteSpec = {
  id: NO_POWER_ATHLETE_ID,
  timezone: 'Europe/Amsterdam',
  powerMeter: false,
  restingHR: 50,
  sportSettings: (created) =>
    numbered(
      2300,
      settings(NO_POWER_ATHLETE_ID, created, { lthr: 169, maxHr: 193, runPace: 3.4, paceUnits: 'MINS_KM' }),
    ),
  profile: profile({
    id: NO_POWER_ATHLETE_ID,
    name: 'Sofie Janssens',
    firstname: 'Sofie',
    lastname: 'Janssens',
    sex: 'F',
    city: 'Utrecht',
    country: 'Netherlands',
    timezone: 'Europe/Amsterdam',
    measurement_preference: 'meters',
    weight_pref_lb: false,
    fahrenheit: false,
    wind_speed: 'KMH',
    rain: 'MM',
    date_format: 'dd/MM/yyyy',
    time_format: 'HH:mm',
    weight: 63.2,
    icu_resting_hr: 50,
    icu_date_of_birth: '1999-06-30',
    height: 1.71,
  }),
  placements: [
    ride('i8103001', '2020-06-01-16-52-40.fit', 1, 'Quick spin with a stop'),
    ride('i8103002', VECTOR_FILE.file, 4, 'Tempo along the Vecht', VECTOR_FILE),
    { kind: 'upload', id: 'i8103003', daysAgo: 6, name: 'Easy run', ...RUN_FILE, deviceName: 'Garmin Forerunner' },
    ride('i8103004', '2019-02-17-062644-ELEMNT-297E-195-0.fit', 18, 'Sunday club ride', {
      deviceName: 'Wahoo ELEMNT',
    }),
  ],
  // Today is locked already: the roster shows a locked day next to unlocked ones.
  wellness: wellness({ seed: 737373, weightKg: 63.2, restingHR: 50, hrv: 58, eftp: null, lockedDaysAgo: [0, 2, 30] }),
  events: planned(NO_POWER_ATHLETE_ID, [
    {
      id: 72301,
      day: 0,
      time: '17:30:00',
      type: 'Ride',
      name: 'Aerobic ride by heart rate',
      steps: [
        { text: 'Warmup', duration: min(15), warmup: true, ...lthr(65, 75) },
        { duration: min(60), ...lthr(75, 85) },
        { text: 'Cooldown', duration: min(10), cooldown: true, ...lthr(60, 70) },
      ],
    },
    {
      id: 72302,
      day: 2,
      type: 'Run',
      name: 'Hill repeats by heart rate',
      steps: [
        { text: 'Warmup', duration: min(15), warmup: true, ...lthr(70, 80) },
        {
          reps: 6,
          steps: [
            { duration: min(2), ...lthr(95, 102) },
            { duration: min(2), ...lthr(65, 75) },
          ],
        },
        { text: 'Cooldown', duration: min(10), cooldown: true, ...lthr(65, 72) },
      ],
    },
  ]),
};

/** In the order /athletes lists them after the caller. */
export const COACHED: AthleteSpec[] = [leilani, jordan, sofie];
