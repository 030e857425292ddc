/**
 * The export services against the real stand-in (dev/fake-icu, seeded from the real recordings): the extension's own
 * client, whose requests to https://intervals.icu are sent to the stand-in's local address instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../dev/fake-icu/paths';
import type { FakeIcu } from '../../dev/fake-icu/server';
import { KEY } from '../../dev/fake-icu/test-helpers';
import { createIcuClient } from '../../entrypoints/background/api/client';
import { createRateLimiter, type RateLimiter } from '../../entrypoints/background/api/limiter';
import type { Services } from '../../entrypoints/background/services/context';
import { getExportData } from '../../entrypoints/background/services/export';
import { buildActivityFiles } from '../../lib/export/build';
import type { ActivityFiles } from '../../lib/export/bulk';
import type { CsvOptions } from '../../lib/export/csv';

export { KEY, NOW, useFakeIcu } from '../../dev/fake-icu/test-helpers';

/**
 * Rewrites https://intervals.icu to the stand-in; `mapPath` may change the path first (e.g. alias ids). `sent` gets
 * the time each request left the client.
 */
export function standInFetch(
  fake: FakeIcu,
  mapPath: (path: string) => string = (p) => p,
  sent: number[] = [],
): typeof fetch {
  return async (input, init) => {
    sent.push(performance.now());
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const target = `${fake.url}${mapPath(url.pathname)}${url.search}`;
    return fetch(new Request(target, request));
  };
}

export function standInServices(
  fake: FakeIcu,
  options: { limiter?: RateLimiter; mapPath?: (path: string) => string; sent?: number[] } = {},
): Services {
  const make = (key: string) =>
    createIcuClient({
      getApiKey: async () => key,
      fetch: standInFetch(fake, options.mapPath, options.sent),
      limiter: options.limiter ?? createRateLimiter(),
      retry: { baseDelayMs: 50, maxDelayMs: 200 },
    });
  return { client: make(KEY), clientFor: make, now: () => new Date() };
}

export interface DeviceLap {
  start_offset_s: number;
  total_elapsed_time_s: number;
  total_timer_time_s: number;
  avg_power_w: number;
  max_power_w: number;
  avg_heart_rate: number;
  total_distance_m: number;
}

/** `device_laps` of a recording in ../shared/fixtures/activities/reference.json. */
export function deviceLaps(file: string): DeviceLap[] {
  const reference = JSON.parse(readFileSync(join(FIXTURES_DIR, 'reference.json'), 'utf8')) as {
    files: Record<string, { device_laps?: DeviceLap[] }>;
  };
  const laps = reference.files[file]?.device_laps;
  if (!laps) throw new Error(`reference.json has no device_laps for ${file}`);
  return laps;
}

/** The stand-in's id for a recording. */
export function activityIdOf(fake: FakeIcu, file: string): string {
  const found = fake.seed.activities.find((a) => a.file === file);
  if (!found) throw new Error(`the stand-in has no activity from ${file}`);
  return found.id;
}

/** What a surface does for one export: the background's data, then the CSV files built from it. */
export async function exportActivity(
  services: Services,
  request: { activityId: string; laps: boolean; streams: boolean },
  settings: { csv: CsvOptions; excludedStreams: string[] },
): Promise<ActivityFiles> {
  const data = await getExportData(services, {
    activityId: request.activityId,
    streams: request.streams,
    excludedStreams: settings.excludedStreams,
  });
  return buildActivityFiles(data, { ...settings, laps: request.laps, streams: request.streams });
}
