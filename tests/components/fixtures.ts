/** Shared data for the component tests: shapes the background answers with. */
import { isoDay } from '~/components/format';
import type { ActivitySummary, AthleteSummary, Dashboard } from '~/lib/messages';

export const today = isoDay(new Date());

export const athlete: AthleteSummary = { id: 'i12345', name: 'Ada Rider' };

export const ride: ActivitySummary = {
  id: 'i9001',
  name: 'Morning tempo ride',
  type: 'Ride',
  startDateLocal: '2024-11-05T07:30:00',
  movingTimeSecs: 3723,
  elapsedTimeSecs: 3900,
  distanceMeters: 42_195,
  trainingLoad: 87.4,
  url: 'https://intervals.icu/activities/i9001',
  restrictedBy: null,
};

export function dashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    athlete,
    wellness: {
      date: today,
      weight: 70.2,
      restingHR: 48,
      hrv: 65,
      sleepSecs: 27_300,
      locked: false,
    },
    latestActivity: ride,
    fetchedAt: Date.now() - 5 * 60_000,
    ...overrides,
  };
}

/** A promise with its resolve/reject exposed, to control when the "background" answers. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
