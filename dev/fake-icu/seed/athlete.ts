/** The key owner: one athlete with sport settings for Ride, Run and Swim. */
import type { Json } from '../types';

export const ATHLETE_ID = 'i424242';
export const TIMEZONE = 'Europe/Brussels';

/** Activity types each sport setting covers (also used to pick activities for `power-curves?type=`). */
export const SPORT_TYPES: Record<'Ride' | 'Run' | 'Swim', string[]> = {
  Ride: ['Ride', 'VirtualRide', 'GravelRide', 'MountainBikeRide', 'TrackRide', 'EBikeRide', 'Velomobile'],
  Run: ['Run', 'VirtualRun', 'TrailRun'],
  Swim: ['Swim', 'OpenWaterSwim'],
};

export interface SportSettingsSeed extends Json {
  id: number;
  types: string[];
  ftp?: number;
  lthr: number;
  max_hr: number;
  power_zones?: number[];
  hr_zones: number[];
  w_prime?: number;
  p_max?: number;
  after_kj0?: number;
  after_kj1?: number;
}

export function sportSettings(created: string): SportSettingsSeed[] {
  const common = { athlete_id: ATHLETE_ID, created, updated: created };
  return [
    {
      id: 1101,
      ...common,
      types: SPORT_TYPES.Ride,
      warmup_time: 1200,
      cooldown_time: 600,
      ftp: 290,
      indoor_ftp: 280,
      w_prime: 19500,
      p_max: 1000,
      power_zones: [55, 75, 90, 105, 120, 150, 999],
      power_zone_names: ['Active Recovery', 'Endurance', 'Tempo', 'Threshold', 'VO2 Max', 'Anaerobic', 'Neuromuscular'],
      sweet_spot_min: 84,
      sweet_spot_max: 97,
      power_spike_threshold: 30,
      ftp_est_min_secs: 300,
      after_kj0: 1000,
      after_kj1: 2000,
      lthr: 168,
      max_hr: 190,
      hr_zones: [139, 155, 162, 168, 174, 179, 190],
      hr_zone_names: [
        'Recovery',
        'Aerobic',
        'Tempo',
        'SubThreshold',
        'SuperThreshold',
        'Aerobic Capacity',
        'Anaerobic',
      ],
      hr_load_type: 'HRSS',
      load_order: 'POWER_HR_PACE',
      tiz_order: 'POWER_HR_PACE',
      elevation_correction: 'AUTO',
      other: false,
    },
    {
      id: 1102,
      ...common,
      types: SPORT_TYPES.Run,
      warmup_time: 600,
      cooldown_time: 300,
      // Stryd running power.
      ftp: 262,
      w_prime: 14000,
      p_max: 600,
      power_zones: [80, 90, 100, 115, 130, 999],
      lthr: 171,
      max_hr: 192,
      hr_zones: [145, 158, 165, 171, 177, 182, 192],
      threshold_pace: 3.85,
      pace_units: 'MINS_KM',
      pace_zones: [77.5, 87.7, 94.3, 100, 103.4, 111.5, 999],
      pace_load_type: 'RUN',
      gap_model: 'STRAVA_RUN',
      hr_load_type: 'HRSS',
      load_order: 'PACE_HR_POWER',
      tiz_order: 'PACE_HR_POWER',
      other: false,
    },
    {
      id: 1103,
      ...common,
      types: SPORT_TYPES.Swim,
      lthr: 155,
      max_hr: 180,
      hr_zones: [125, 138, 145, 155, 160, 170, 180],
      threshold_pace: 1.25,
      pace_units: 'SECS_100M',
      pace_zones: [77.5, 87.7, 94.3, 100, 103.4, 111.5, 999],
      pace_load_type: 'SWIM',
      load_order: 'PACE_HR_POWER',
      other: false,
    },
  ];
}

export function rideSettings(settings: SportSettingsSeed[]): SportSettingsSeed {
  return settings[0] as SportSettingsSeed;
}

export function settingsFor(settings: SportSettingsSeed[], activityType: string): SportSettingsSeed | undefined {
  return settings.find((s) => s.types.includes(activityType));
}

/** GET /athlete/{id} body (WithSportSettings); `icu_weight` is filled from the latest wellness weight. */
export function athlete(settings: SportSettingsSeed[], icuWeight: number, activated: string): Json {
  return {
    id: ATHLETE_ID,
    name: 'Alex Verhoeven',
    firstname: 'Alex',
    lastname: 'Verhoeven',
    sex: 'M',
    city: 'Liège',
    country: 'Belgium',
    timezone: TIMEZONE,
    locale: 'en',
    measurement_preference: 'meters',
    weight_pref_lb: false,
    fahrenheit: false,
    wind_speed: 'KMH',
    rain: 'MM',
    date_format: 'yyyy-MM-dd',
    time_format: 'HH:mm',
    weight: 70.4,
    icu_weight: icuWeight,
    icu_weight_sync: 'NONE',
    icu_resting_hr: 48,
    icu_date_of_birth: '1988-04-12',
    height: 1.79,
    visibility: 'PRIVATE',
    status: 'ACTIVE',
    plan: 'SUPPORTER',
    icu_activated: activated,
    icu_permission: 'WRITE',
    icu_coach: false,
    icu_admin: false,
    icu_form_as_percent: false,
    icu_mmp_days: 42,
    icu_wellness_keys: [
      'weight',
      'restingHR',
      'hrv',
      'sleepSecs',
      'sleepScore',
      'soreness',
      'fatigue',
      'stress',
      'mood',
      'motivation',
      'spO2',
      'steps',
    ],
    bikes: [
      { id: 'b11223344', name: 'Road bike', distance: 8123456.0, primary: true },
      { id: 'b11223345', name: 'Trainer', distance: 1203400.0, primary: false },
    ],
    shoes: [{ id: 'g11223346', name: 'Trail shoes', distance: 412300.0, primary: true }],
    custom_items: [],
    sportSettings: settings,
  };
}
