/**
 * A 120-day wellness history ending today, generated from a fixed seed: weight drifting around 70 kg, resting HR,
 * HRV, sleep, the 1–4 feel scales, SpO2, steps, fitness (ctl/atl). Some days lack fields (no scale, watch not worn,
 * no check-in), a few are locked.
 *
 * ctl/atl: exponentially weighted daily load (42 and 7 days). The load is the seeded activities' icu_training_load on
 * their days plus, on other days, a generated load standing for training that is not in the seed, so fitness looks
 * like that of a rider who trains most days.
 */
import { gaussian, prng } from '../prng';
import { addDays, icuLegacyTimestamp, icuTimestamp } from '../time';
import type { Wellness } from '../types';

export const WELLNESS_DAYS = 120;
/** Days older than this carry `updated` in the legacy `+0000` form. */
const LEGACY_TIMESTAMP_DAYS = 60;

/** What makes one athlete's history their own; the defaults are the key owner's. */
export interface WellnessProfile {
  /** Seed of the generator (different athletes, different days). */
  seed: number;
  /** Centre of the weight drift, kg. */
  weightKg: number;
  restingHR: number;
  hrv: number;
  /** Ride eFTP in `sportInfo`; null for an athlete without power data (no eFTP). */
  eftp: number | null;
  /** Days (counted back from today) that are locked, e.g. after a manual correction. */
  lockedDaysAgo: number[];
}

export const OWNER_WELLNESS: WellnessProfile = {
  seed: 424242,
  weightKg: 70.3,
  restingHR: 47,
  hrv: 64,
  eftp: 282,
  lockedDaysAgo: [3, 11, 46, 90],
};

function dayRandom(profile: WellnessProfile, dayIndex: number): () => number {
  return prng(profile.seed * 1000 + dayIndex);
}

/** Recorded morning weight per day ("YYYY-MM-DD" → kg), missing on days without a weigh-in. */
export function weights(today: string, profile: WellnessProfile = OWNER_WELLNESS): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < WELLNESS_DAYS; i++) {
    const day = addDays(today, i - (WELLNESS_DAYS - 1));
    const r = dayRandom(profile, i);
    if (r() < 0.25) continue;
    const drift = 0.7 * Math.sin((2 * Math.PI * i) / 53) - 0.004 * i;
    out.set(day, Math.round((profile.weightKg + drift + 0.25 * gaussian(r)) * 10) / 10);
  }
  return out;
}

/** The latest recorded weight on or before `day`, else the earliest one. */
export function weightOn(recorded: Map<string, number>, day: string): number {
  let best: string | undefined;
  for (const d of recorded.keys()) if (d <= day && (!best || d > best)) best = d;
  return recorded.get(best ?? [...recorded.keys()].sort()[0] ?? '') ?? 70.4;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const scale = (r: () => number, centre: number) => clamp(Math.round(centre + gaussian(r) * 0.8), 1, 4);

export function wellnessHistory(
  today: string,
  now: Date,
  recordedWeights: Map<string, number>,
  activityLoads: Map<string, number>,
  profile: WellnessProfile = OWNER_WELLNESS,
): Map<string, Wellness> {
  const out = new Map<string, Wellness>();
  let ctl = 48;
  let atl = 44;
  const ctlHistory: number[] = [];
  for (let i = 0; i < WELLNESS_DAYS; i++) {
    const daysAgo = WELLNESS_DAYS - 1 - i;
    const day = addDays(today, -daysAgo);
    const r = dayRandom(profile, 1_000_000 + i);

    const seededLoad = activityLoads.get(day);
    const generatedLoad = r() < 0.3 ? 0 : Math.round(35 + r() * 75);
    const load = seededLoad ?? generatedLoad;
    ctl += (load - ctl) / 42;
    atl += (load - atl) / 7;
    ctlHistory.push(ctl);

    const w: Wellness = {
      id: day,
      ctl: Math.round(ctl * 100) / 100,
      atl: Math.round(atl * 100) / 100,
      rampRate: Math.round((ctl - (ctlHistory[i - 7] ?? ctlHistory[0] ?? ctl)) * 100) / 100,
      ctlLoad: load,
      atlLoad: load,
      sportInfo:
        profile.eftp === null
          ? []
          : [
              {
                type: 'Ride',
                eftp: Math.round((profile.eftp + 6 * Math.sin(i / 20)) * 10) / 10,
                wPrime: 19500,
                pMax: 1000,
              },
            ],
    };
    const weight = recordedWeights.get(day);
    if (weight !== undefined) w.weight = weight;

    const fatigue = atl - ctl;
    const wornWatch = r() >= 0.12;
    if (wornWatch) {
      w.restingHR = Math.round(profile.restingHR + 0.08 * fatigue + 1.5 * gaussian(r));
      w.hrv = Math.round((profile.hrv - 0.15 * fatigue + 6 * gaussian(r)) * 10) / 10;
      if (r() < 0.5) w.hrvSDNN = Math.round((78 + 8 * gaussian(r)) * 10) / 10;
      w.sleepSecs = Math.round((7.3 * 3600 + 2400 * gaussian(r)) / 60) * 60;
      w.sleepScore = clamp(Math.round(80 + 8 * gaussian(r)), 40, 100);
      w.sleepQuality = scale(r, 2);
      w.avgSleepingHR = Math.round((w.restingHR + 4 + gaussian(r)) * 10) / 10;
      w.spO2 = Math.round(clamp(97 + gaussian(r), 93, 100) * 10) / 10;
      w.respiration = Math.round((14.2 + 0.6 * gaussian(r)) * 10) / 10;
      w.steps = Math.round(clamp(9000 + 3500 * gaussian(r), 1500, 25000));
    }
    if (r() >= 0.35) {
      w.soreness = scale(r, 2 + fatigue / 40);
      w.fatigue = scale(r, 2 + fatigue / 30);
      w.stress = scale(r, 2);
      w.mood = scale(r, 2);
      w.motivation = scale(r, 2);
    }
    if (r() < 0.06) w.comments = ['Legs heavy after the weekend', 'Travel day', 'Great sleep', 'Slight cold'][i % 4];
    if (profile.lockedDaysAgo.includes(daysAgo)) w.locked = true;

    const updated = new Date(Date.parse(`${day}T06:00:00Z`) + Math.floor(r() * 180) * 60_000);
    // Older records carry intervals.icu's former `+0000` form, recent ones today's `.827+00:00`.
    const at = updated.getTime() > now.getTime() ? now : updated;
    w.updated = daysAgo > LEGACY_TIMESTAMP_DAYS ? icuLegacyTimestamp(at) : icuTimestamp(at);
    out.set(day, w);
  }
  return out;
}
