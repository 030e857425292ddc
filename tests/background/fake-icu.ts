/**
 * A tiny in-test intervals.icu: just enough routes for the background's services, the same auth rule as the real one
 * (Basic, username API_KEY), and a log of every request. The full stand-in lives in dev/fake-icu for e2e tests.
 */
import { createRateLimiter } from '../../entrypoints/background/api/limiter';
import { createServices } from '../../entrypoints/background/services/context';
import { fakeFetch, json, status } from '../api/helpers';

export const GOOD_KEY = 'goodKey0123456789abcdefXYZ';
export const ATHLETE = {
  id: 'i4242',
  name: 'Ada Lovelace',
  timezone: 'Pacific/Auckland',
  weight: 61,
  sportSettings: [{ id: 1, types: ['Ride'], ftp: 250 }],
};

export const RIDE = {
  id: 'i900',
  name: 'Hill repeats',
  type: 'Ride',
  start_date_local: '2024-05-01T07:00:00',
  moving_time: 3600,
  elapsed_time: 3900,
  distance: 30_500,
  icu_training_load: 85,
};
export const STRAVA_STUB = {
  id: '12345678',
  icu_athlete_id: 'i4242',
  start_date_local: '2024-05-02T06:30:00',
  source: 'STRAVA',
  _note: 'STRAVA activities are not available via the API',
};

export interface FakeIcuOptions {
  activities?: unknown[];
  wellness?: (day: string) => unknown[];
  /** Answer every request with this instead. */
  fault?: () => Response;
}

export function fakeIcu(options: FakeIcuOptions = {}) {
  const expectedAuth = `Basic ${Buffer.from(`API_KEY:${GOOD_KEY}`).toString('base64')}`;
  const server = fakeFetch((request) => {
    if (options.fault) return options.fault();
    const auth = request.headers.get('authorization') ?? '';
    if (auth.startsWith('Bearer ')) return status(403, '{"status":403,"error":"Access denied"}');
    if (auth !== expectedAuth) return status(401, '{"status":401,"error":"Unauthorized"}');
    const url = new URL(request.url);
    const path = url.pathname.replace('/api/v1', '');
    if (path === '/athlete/0' || path === `/athlete/${ATHLETE.id}`) return json(ATHLETE);
    if (path.startsWith('/athlete/') && path.split('/').length === 3) {
      return status(403, '{"status":403,"error":"Access denied"}');
    }
    if (path === `/athlete/${ATHLETE.id}/wellness`) {
      const day = url.searchParams.get('oldest') ?? '';
      return json(options.wellness ? options.wellness(day) : []);
    }
    if (path === `/athlete/${ATHLETE.id}/activities`) return json(options.activities ?? [RIDE]);
    if (path === `/activity/${RIDE.id}`) return json(RIDE);
    return status(404, '{"status":404,"error":"Not found"}');
  });
  return {
    ...server,
    services: (now = new Date('2024-05-02T09:00:00Z')) =>
      createServices({
        fetch: server.fetch,
        limiter: createRateLimiter(), // not the background's shared one: each test gets the full budget
        retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 },
        now: () => now,
      }),
  };
}
