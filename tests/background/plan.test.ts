/**
 * Planned workouts against the real stand-in (dev/fake-icu, in this process): the 8-day plan and its cache, one
 * workout in each of the four formats decoded back, the week's files from one request, and bad requests.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeIcu, type FakeIcu } from '../../dev/fake-icu';
import { connect } from '../../entrypoints/background/services/connection';
import { createServices } from '../../entrypoints/background/services/context';
import { downloadPlanFiles, downloadWorkout, getPlan } from '../../entrypoints/background/services/plan';
import { base64ToBytes } from '../../lib/base64';
import { freshProfile } from '../store/reset';

const KEY = 'plan0test0key0for0the0stand0in00';
const NOW = new Date('2026-12-04T05:00:00Z');
let fake: FakeIcu;
let requests: string[] = [];

beforeAll(async () => {
  fake = await createFakeIcu({ key: KEY, now: NOW, rateLimit: false });
});
afterAll(async () => {
  await fake?.close();
});

function services(now = NOW) {
  const fetchVia: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = request.url.replace('https://intervals.icu', fake.url);
    requests.push(`${request.method} ${url.slice(fake.url.length + '/api/v1'.length)}`);
    return fetch(new Request(url, request));
  };
  return createServices({ fetch: fetchVia, now: () => now, retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 2 } });
}

beforeEach(async () => {
  await freshProfile();
  fake.reset();
  fake.faults.clear();
  await connect(services(), { apiKey: KEY });
  requests = [];
});

const text = (base64: string) => new TextDecoder().decode(base64ToBytes(base64));

describe('getPlan', () => {
  it('lists today and the next 7 days of workouts in time order, with targets, from one request, then the cache', async () => {
    const plan = await getPlan(services(), { source: 'network' });
    expect(plan?.today).toBe(fake.state.seed.today);
    expect(plan?.newest).toBe(addDaysIso(fake.state.seed.today, 7));
    const workouts = plan?.workouts ?? [];
    expect(workouts.length).toBeGreaterThanOrEqual(4);
    expect(workouts.every((w) => w.date >= (plan?.today ?? '') && w.date <= (plan?.newest ?? ''))).toBe(true);
    expect(workouts.map((w) => `${w.date}T${w.time ?? '00:00'}`)).toEqual(
      workouts.map((w) => `${w.date}T${w.time ?? '00:00'}`).sort(),
    );
    const [ride, run] = workouts;
    expect(ride).toMatchObject({ id: 71001, time: '06:30', name: 'VO2max 5×3 min', sport: 'VirtualRide' });
    expect(ride?.targets).toMatchObject({ power: 13, cadence: 5, ramps: 2 });
    expect(ride?.movingTimeSecs).toBe(55 * 60);
    expect(ride?.load).toBeGreaterThan(40);
    expect(ride?.descriptionLines.length).toBeGreaterThan(0);
    expect(run).toMatchObject({ id: 71002, sport: 'Run' });
    expect(run?.targets.paceOnly).toBeGreaterThan(0);
    expect(requests).toEqual([
      `GET /athlete/${fake.state.seed.athlete.id}/events?oldest=${plan?.today}&newest=${plan?.newest}&category=WORKOUT`,
    ]);

    requests = [];
    expect(await getPlan(services(), { source: 'network' })).toEqual(plan);
    expect(await getPlan(services(), { source: 'cache' })).toEqual(plan);
    expect(requests).toEqual([]);
    await getPlan(services(), { source: 'network', force: true });
    expect(requests).toHaveLength(1);
  });

  it('moves to the new day after midnight in the athlete’s time zone, cache or not', async () => {
    await getPlan(services(), { source: 'network' });
    const tomorrow = new Date(NOW.getTime() + 24 * 3600_000);
    const plan = await getPlan(services(tomorrow), { source: 'network' });
    expect(plan?.today).toBe(addDaysIso(fake.state.seed.today, 1));
  });
});

describe('downloadWorkout', () => {
  it('ZWO: Zwift XML named <date>_<name>.zwo, with the workout’s steps', async () => {
    await getPlan(services(), { source: 'network' });
    requests = [];
    const file = await downloadWorkout(services(), { eventId: 71001, format: 'zwo' });
    expect(file.fileName).toBe(`${fake.state.seed.today}_VO2max-5×3-min.zwo`);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(text(file.base64));
    expect(xml.workout_file.name).toBe('VO2max 5×3 min');
    expect(xml.workout_file.workout).toBeDefined();
    // The plan was cached: only the file was fetched.
    expect(requests).toEqual([`GET /athlete/${fake.state.seed.athlete.id}/events/71001/download.zwo`]);
  });

  it('ERG and MRC: [COURSE HEADER] and [COURSE DATA] text', async () => {
    for (const format of ['erg', 'mrc'] as const) {
      const file = await downloadWorkout(services(), { eventId: 71001, format });
      expect(file.fileName.endsWith(`.${format}`)).toBe(true);
      expect(text(file.base64)).toMatch(/\[COURSE HEADER\][\s\S]*\[COURSE DATA\]/);
    }
  });

  it('FIT: a workout file the Garmin SDK decodes, fetched with the event when the plan is not cached', async () => {
    const file = await downloadWorkout(services(), { eventId: 71002, format: 'fit' });
    expect(requests.sort()).toEqual(
      [
        `GET /athlete/${fake.state.seed.athlete.id}/events/71002`,
        `GET /athlete/${fake.state.seed.athlete.id}/events/71002/download.fit`,
      ].sort(),
    );
    expect(file.workout.name).toBe('Cruise intervals 4×6 min');
    const { messages, errors } = new Decoder(Stream.fromByteArray([...base64ToBytes(file.base64)])).read();
    expect(errors).toEqual([]);
    expect(messages.fileIdMesgs?.[0]?.type).toBe('workout');
    expect(messages.workoutStepMesgs?.length).toBeGreaterThan(2);
  });

  it('refuses an unknown format before any request, and explains an unknown workout', async () => {
    await expect(downloadWorkout(services(), { eventId: 71001, format: 'gpx' as 'zwo' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    expect(requests).toEqual([]);
    await expect(downloadWorkout(services(), { eventId: 99999999, format: 'zwo' })).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});

describe('downloadPlanFiles', () => {
  it('every structured workout of the 8 days in one request (ext + resolve), named as single downloads are', async () => {
    const week = await downloadPlanFiles(services(), { format: 'zwo' });
    const plan = await getPlan(services(), { source: 'network' });
    expect(requests[0]).toMatch(/\/events\?oldest=.*&category=WORKOUT&ext=zwo&resolve=true$/);
    expect(week.files.length).toBe(plan?.workouts.filter((w) => w.targets.steps > 0).length);
    expect(week.files[0]?.fileName).toBe(`${fake.state.seed.today}_VO2max-5×3-min.zwo`);
    for (const file of week.files) expect(text(file.base64)).toContain('<workout_file>');
  });
});

function addDaysIso(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
