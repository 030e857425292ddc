/** Planned workouts: the seed, downloads in every format decoded back, ext/resolve in the list, and events/bulk. */
import { Decoder, Stream } from '@garmin/fitsdk';
import { XMLParser } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { validateRequestBody, validateResponse } from './openapi-validate';
import { AUTH, call, useFakeIcu } from './test-helpers';
import { addDays } from './time';

const ctx = useFakeIcu();
const TODAY = '2026-03-15';
const BASE = '/api/v1/athlete/0';

interface Ev {
  id: number;
  category: string;
  type?: string;
  name?: string;
  start_date_local: string;
  moving_time?: number;
  icu_training_load?: number;
  external_id?: string;
  description?: string;
  workout_doc?: { steps: Record<string, unknown>[]; duration: number };
  workout_filename?: string;
  workout_file_base64?: string;
}

async function workouts(query = `oldest=${TODAY}&newest=${addDays(TODAY, 21)}`): Promise<Ev[]> {
  const res = await call(ctx.fake, `${BASE}/events?category=WORKOUT&${query}`);
  expect(res.status).toBe(200);
  return res.body as Ev[];
}

async function download(eventId: number, ext: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(`${ctx.fake.url}${BASE}/events/${eventId}/download${ext}`, {
    headers: { authorization: AUTH },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const flat = (steps: Record<string, unknown>[]): Record<string, unknown>[] =>
  steps.flatMap((s) =>
    Array.isArray(s.steps)
      ? Array.from({ length: s.reps as number }, () => s.steps as Record<string, unknown>[]).flat()
      : [s],
  );

const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' });
type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };
const tag = (n: XNode) => Object.keys(n).find((k) => k !== ':@') as string;

/** The <workout> children of a ZWO file as [tag, attributes]. */
function zwoSteps(xml: string): { sport: string; name: string; steps: [string, Record<string, string>, XNode][] } {
  const doc = ordered.parse(xml) as XNode[];
  const root = doc.find((n) => tag(n) === 'workout_file') as XNode;
  const kids = root.workout_file as XNode[];
  const text = (name: string) =>
    ((kids.find((k) => tag(k) === name)?.[name] as XNode[])?.[0]?.['#text'] ?? '') as string;
  const workout = kids.find((k) => tag(k) === 'workout') as XNode;
  const steps = (workout.workout as XNode[]).map(
    (n) => [tag(n), n[':@'] ?? {}, n] as [string, Record<string, string>, XNode],
  );
  return { sport: text('sportType'), name: text('name'), steps };
}

function zwoSeconds(steps: [string, Record<string, string>, XNode][]): number {
  return steps.reduce((sum, [t, a]) => {
    if (t === 'IntervalsT') return sum + Number(a.Repeat) * (Number(a.OnDuration) + Number(a.OffDuration));
    return sum + Number(a.Duration);
  }, 0);
}

/** ERG / MRC: header lines, column names and [minutes, value] rows. */
function course(text: string) {
  const lines = text.split('\r\n');
  const section = (from: string, to: string) => lines.slice(lines.indexOf(from) + 1, lines.indexOf(to));
  return {
    header: section('[COURSE HEADER]', '[END COURSE HEADER]'),
    rows: section('[COURSE DATA]', '[END COURSE DATA]').map((l) => l.split('\t').map(Number)),
  };
}

describe('seeded planned workouts', () => {
  it('cover today to three weeks ahead, two of them today, each with steps that add up', async () => {
    const list = await workouts();
    expect(list.length).toBeGreaterThanOrEqual(12);
    expect(list.filter((e) => e.start_date_local.startsWith(TODAY))).toHaveLength(2);
    expect(list.at(-1)?.start_date_local.slice(0, 10)).toBe(addDays(TODAY, 21));
    for (const e of list) {
      const steps = flat(e.workout_doc?.steps ?? []);
      expect(steps.length, e.name).toBeGreaterThan(0);
      expect(steps.reduce((s, x) => s + (x.duration as number), 0)).toBe(e.moving_time);
      expect(e.workout_doc?.duration).toBe(e.moving_time);
      expect(e.icu_training_load).toBeGreaterThan(0);
      expect(e.description).toMatch(/^- |\dx\n/m);
    }
    const all = list.flatMap((e) => flat(e.workout_doc?.steps ?? []));
    expect(all.some((s) => s.ramp === true && (s.power as { units: string })?.units === '%ftp')).toBe(true);
    expect(all.some((s) => (s.power as { units: string } | undefined)?.units === 'w')).toBe(true);
    expect(all.some((s) => (s.pace as { units: string } | undefined)?.units === '%pace')).toBe(true);
    expect(all.some((s) => (s.hr as { units: string } | undefined)?.units === '%lthr')).toBe(true);
    expect(list.some((e) => e.type === 'Run')).toBe(true);
  });

  it('are the same for the same seed clock', async () => {
    const a = await workouts();
    ctx.fake.reset();
    expect(await workouts()).toEqual(a);
  });
});

describe('downloads', () => {
  it('.zwo is Zwift workout XML: ramps as Warmup/Cooldown, repeats as IntervalsT, power as a fraction of FTP', async () => {
    const res = await download(71001, '.zwo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="VO2max 5_3 min.zwo"; filename*=UTF-8''VO2max%205%C3%973%20min.zwo`,
    );
    const zwo = zwoSteps(res.bytes.toString('utf8'));
    expect(zwo.sport).toBe('bike');
    expect(zwo.name).toBe('VO2max 5×3 min');
    expect(zwo.steps.map(([t]) => t)).toEqual(['Warmup', 'SteadyState', 'IntervalsT', 'Cooldown']);
    expect(zwo.steps[0]?.[1]).toMatchObject({ Duration: '720', PowerLow: '0.5', PowerHigh: '0.75' });
    expect(zwo.steps[2]?.[1]).toMatchObject({
      Repeat: '5',
      OnDuration: '180',
      OnPower: '1.15',
      OffPower: '0.5',
      Cadence: '100',
    });
    expect(zwo.steps[3]?.[1]).toMatchObject({ PowerLow: '0.65', PowerHigh: '0.45' });
    expect(zwoSeconds(zwo.steps)).toBe(3300);
  });

  it('.zwo turns watts into FTP fractions, keeps run pace, and writes HR steps as FreeRide with the bpm', async () => {
    const watts = zwoSteps((await download(71003, '.zwo')).bytes.toString('utf8'));
    expect(watts.steps[0]?.[1]).toMatchObject({ PowerLow: String(Math.round((150 / 290) * 1000) / 1000) });
    expect(watts.steps[1]?.[0]).toBe('IntervalsT');
    expect(Number(watts.steps[1]?.[1].OnPower)).toBeCloseTo(285 / 290, 3);

    const run = zwoSteps((await download(71002, '.zwo')).bytes.toString('utf8'));
    expect(run.sport).toBe('run');
    expect(run.steps[1]?.[1]).toMatchObject({ Repeat: '4', OnPower: '1.015', OffPower: '0.7' });

    const hr = zwoSteps((await download(71005, '.zwo')).bytes.toString('utf8'));
    expect(hr.steps.map(([t]) => t)).toEqual(['FreeRide', 'FreeRide', 'FreeRide']);
    const messages = hr.steps.flatMap(([, , n]) =>
      ((n.FreeRide as XNode[]) ?? []).map((e) => e[':@']?.message).filter(Boolean),
    );
    expect(messages).toContain(`HR ${Math.round(168 * 0.75)}-${Math.round(168 * 0.85)} bpm`);
  });

  it('.erg is watts with the Ride FTP, .mrc percent, each step a start and an end row', async () => {
    const erg = course((await download(71003, '.erg')).bytes.toString('utf8'));
    expect(erg.header).toEqual(expect.arrayContaining(['VERSION = 2', 'FTP = 290', 'MINUTES WATTS']));
    expect(erg.rows.slice(0, 4)).toEqual([
      [0, 150],
      [15, 220],
      [15, 285],
      [35, 285],
    ]);
    expect(erg.rows.at(-1)).toEqual([75, 140]);

    const mrc = course((await download(71001, '.mrc')).bytes.toString('utf8'));
    expect(mrc.header).toContain('MINUTES PERCENT');
    expect(mrc.header.some((l) => l.startsWith('FTP'))).toBe(false);
    expect(mrc.rows.slice(0, 4)).toEqual([
      [0, 50],
      [12, 75],
      [12, 65],
      [15, 65],
    ]);
    expect(mrc.rows.at(-1)?.[0]).toBe(55);
    expect(mrc.rows).toHaveLength(2 * (1 + 1 + 10 + 1));

    // Assumed: power-only formats have nothing to write for heart-rate steps.
    const hr = course((await download(71005, '.erg')).bytes.toString('utf8'));
    expect(hr.rows.every(([, w]) => w === 0)).toBe(true);
  });

  it('.erg follows the FTP in the sport settings as it is now', async () => {
    const res = await call(ctx.fake, `${BASE}/sport-settings/Ride`, {
      method: 'PUT',
      body: JSON.stringify({ ftp: 300 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const erg = course((await download(71001, '.erg')).bytes.toString('utf8'));
    expect(erg.header).toContain('FTP = 300');
    expect(erg.rows[0]).toEqual([0, 150]);
    ctx.fake.reset();
  });

  it('.fit is a FIT workout the Garmin SDK decodes: steps, repeat, watts, bpm, speed and cadence targets', async () => {
    const decode = async (id: number) => {
      const res = await download(id, '.fit');
      expect(res.status).toBe(200);
      const decoder = new Decoder(Stream.fromBuffer(res.bytes));
      expect(decoder.isFIT()).toBe(true);
      expect(decoder.checkIntegrity()).toBe(true);
      const { messages, errors } = decoder.read();
      expect(errors).toEqual([]);
      return messages as unknown as Record<string, Record<string, unknown>[]>;
    };
    const vo2 = await decode(71001);
    expect(vo2.fileIdMesgs?.[0]?.type).toBe('workout');
    expect(vo2.workoutMesgs?.[0]).toMatchObject({ sport: 'cycling', wktName: 'VO2max 5×3 min', numValidSteps: 6 });
    const steps = vo2.workoutStepMesgs ?? [];
    expect(steps.map((s) => s.durationType)).toEqual(['time', 'time', 'time', 'time', 'repeatUntilStepsCmplt', 'time']);
    expect(steps[0]).toMatchObject({ durationTime: 720, intensity: 'warmup', targetType: 'power' });
    // Watts + 1000: the warmup ramp 50–75 % of 290 W.
    expect(steps[0]).toMatchObject({ customTargetPowerLow: 1145, customTargetPowerHigh: 1218 });
    expect(steps[2]).toMatchObject({ secondaryTargetType: 'cadence', secondaryCustomTargetCadenceLow: 95 });
    expect(steps[4]).toMatchObject({ durationStep: 2, repeatSteps: 5 });
    const secs = 720 + 180 + 5 * 360 + 600;
    expect(steps.filter((s) => s.durationType === 'time').reduce((a, s) => a + (s.durationTime as number), 0)).toBe(
      secs - 4 * 360,
    );

    const hr = (await decode(71005)).workoutStepMesgs ?? [];
    expect(hr[1]).toMatchObject({ targetType: 'heartRate', customTargetHeartRateLow: 100 + 126 });
    const run = (await decode(71002)).workoutStepMesgs ?? [];
    expect(run[0]?.targetType).toBe('speed');
    expect(run[0]?.customTargetSpeedLow).toBeCloseTo(3.85 * 0.75, 2);
  });

  it('names the file after the workout, whatever characters its name has', async () => {
    const made = await call(ctx.fake, `${BASE}/events/bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          category: 'WORKOUT',
          start_date_local: '2026-03-20',
          name: 'Tempo – “hard” / 2×20: ok?',
          workout_doc: { steps: [{ duration: 600, power: { value: 80, units: '%ftp' } }] },
        },
      ]),
    });
    const id = (made.body as Ev[])[0]?.id as number;
    const res = await download(id, '.erg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('filename="Tempo _ _hard_ _ 2_20_ ok_.erg"');
    expect(decodeURIComponent(res.headers.get('content-disposition')?.split("UTF-8''")[1] ?? '')).toBe(
      'Tempo – “hard” _ 2×20_ ok_.erg',
    );
    expect(course(res.bytes.toString('utf8')).rows).toEqual([
      [0, 232],
      [10, 232],
    ]);
    ctx.fake.reset();
  });

  it('refuses an unknown format (400), an unknown event (404) and an event that is not a workout (422)', async () => {
    for (const [path, status] of [
      [`${BASE}/events/71001/download.pdf`, 400],
      [`${BASE}/events/71001/download`, 400],
      [`${BASE}/events/999999/download.zwo`, 404],
      [`${BASE}/events/70003/download.zwo`, 422],
    ] as const) {
      const res = await call(ctx.fake, path);
      expect(res.status, path).toBe(status);
      expect(res.body, path).toMatchObject({ status, error: expect.any(String) });
    }
    expect((await call(ctx.fake, '/api/v1/athlete/i1/events/71001/download.zwo')).status).toBe(403);
  });
});

describe('the event list with ext and resolve', () => {
  it('adds workout_filename and workout_file_base64 to each workout, and resolves targets', async () => {
    ctx.fake.reset();
    const res = await call(ctx.fake, `${BASE}/events?oldest=${TODAY}&newest=${addDays(TODAY, 6)}&ext=zwo&resolve=true`);
    expect(res.status).toBe(200);
    expect(validateResponse('GET', `${BASE}/events`, 200, res.body).errors).toEqual([]);
    const list = res.body as Ev[];
    const ws = list.filter((e) => e.category === 'WORKOUT');
    expect(ws.length).toBeGreaterThanOrEqual(5);
    for (const e of ws) {
      expect(e.workout_filename).toBe(`${e.name}.zwo`);
      const xml = Buffer.from(e.workout_file_base64 ?? '', 'base64').toString('utf8');
      expect(zwoSteps(xml).name).toBe(e.name);
    }
    for (const e of list.filter((x) => x.category !== 'WORKOUT')) expect(e.workout_file_base64).toBeUndefined();
    const vo2 = ws.find((e) => e.id === 71001);
    expect(vo2?.workout_doc?.steps[0]).toMatchObject({ _power: { start: 145, end: 218 } });
    const run = ws.find((e) => e.id === 71002);
    expect(run?.workout_doc?.steps[0]).toMatchObject({ _pace: { start: 2.888, end: 3.157 } });

    const fit = (await call(ctx.fake, `${BASE}/events?ext=fit`)).body as Ev[];
    const bytes = Buffer.from(fit.find((e) => e.id === 71001)?.workout_file_base64 ?? '', 'base64');
    expect(new Decoder(Stream.fromBuffer(bytes)).isFIT()).toBe(true);
    expect((await call(ctx.fake, `${BASE}/events?ext=docx`)).status).toBe(400);
  });
});

const ZWO = `<?xml version="1.0" encoding="UTF-8"?>
<workout_file>
  <author>Coach</author>
  <name>Imported 4x4</name>
  <description>From a coach's library</description>
  <sportType>bike</sportType>
  <workout>
    <Warmup Duration="600" PowerLow="0.45" PowerHigh="0.70"/>
    <IntervalsT Repeat="4" OnDuration="240" OffDuration="180" OnPower="1.10" OffPower="0.50" Cadence="95"/>
    <SteadyState Duration="300" Power="0.60"><textevent timeoffset="0" message="Spin easy"/></SteadyState>
    <Cooldown Duration="300" PowerLow="0.60" PowerHigh="0.40"/>
  </workout>
</workout_file>`;

function bulk(events: unknown, query = '') {
  return call(ctx.fake, `${BASE}/events/bulk${query}`, {
    method: 'POST',
    body: JSON.stringify(events),
    headers: { 'content-type': 'application/json' },
  });
}

const zwoEvent = (day: string) => ({
  category: 'WORKOUT',
  start_date_local: `${day}T00:00:00`,
  filename: 'imported-4x4.zwo',
  file_contents_base64: Buffer.from(ZWO).toString('base64'),
  external_id: `imported-4x4.zwo@${day}`,
});

describe('POST /athlete/{id}/events/bulk', () => {
  beforeEach(() => ctx.fake.reset());
  const day = addDays(TODAY, 3);

  it('parses an uploaded .zwo into a workout with moving_time, load and steps', async () => {
    expect(validateRequestBody('POST', `${BASE}/events/bulk`, [zwoEvent(day)]).errors).toEqual([]);
    const res = await bulk([zwoEvent(day)], '?upsert=true');
    expect(res.status).toBe(200);
    expect(validateResponse('POST', `${BASE}/events/bulk`, 200, res.body).errors).toEqual([]);
    const [made] = res.body as Ev[];
    const secs = 600 + 4 * 420 + 300 + 300;
    expect(made).toMatchObject({
      category: 'WORKOUT',
      type: 'Ride',
      name: 'Imported 4x4',
      description: "From a coach's library",
      start_date_local: `${day}T00:00:00`,
      moving_time: secs,
      external_id: `imported-4x4.zwo@${day}`,
    });
    expect(made?.icu_training_load).toBeGreaterThan(40);
    expect(made?.icu_training_load).toBeLessThan(80);
    const steps = made?.workout_doc?.steps ?? [];
    expect(steps[0]).toMatchObject({
      duration: 600,
      ramp: true,
      warmup: true,
      power: { start: 45, end: 70, units: '%ftp' },
    });
    expect(steps[1]).toMatchObject({ reps: 4, steps: [{ duration: 240, power: { value: 110 } }, { duration: 180 }] });
    expect(steps[2]).toMatchObject({ text: 'Spin easy', power: { value: 60 } });

    const listed = await workouts(`oldest=${day}&newest=${day}`);
    expect(listed.map((e) => e.id)).toContain(made?.id);
    const zwo = zwoSteps((await download(made?.id as number, '.zwo')).bytes.toString('utf8'));
    expect(zwo.steps.map(([t]) => t)).toEqual(['Warmup', 'IntervalsT', 'SteadyState', 'Cooldown']);
  });

  it('with upsert=true the same external_id twice leaves one event; without upsert it duplicates', async () => {
    const first = ((await bulk([zwoEvent(day)], '?upsert=true')).body as Ev[])[0];
    const second = ((await bulk([{ ...zwoEvent(day), name: 'Renamed' }], '?upsert=true')).body as Ev[])[0];
    expect(second?.id).toBe(first?.id);
    const same = (await workouts(`oldest=${day}&newest=${day}`)).filter(
      (e) => e.external_id === zwoEvent(day).external_id,
    );
    expect(same).toHaveLength(1);
    expect(same[0]?.name).toBe('Renamed');

    await bulk([zwoEvent(day)]);
    const now = (await workouts(`oldest=${day}&newest=${day}`)).filter(
      (e) => e.external_id === zwoEvent(day).external_id,
    );
    expect(now).toHaveLength(2);
  });

  it('reads .erg, .mrc and FIT workout files too (a download uploaded again keeps its steps)', async () => {
    const erg = (await download(71003, '.erg')).bytes;
    const fit = (await download(71001, '.fit')).bytes;
    const mrc = (await download(71006, '.mrc')).bytes;
    const res = await bulk(
      [
        { category: 'WORKOUT', start_date_local: day, filename: 'a.erg', file_contents: erg.toString('utf8') },
        { category: 'WORKOUT', start_date_local: day, filename: 'b.fit', file_contents_base64: fit.toString('base64') },
        { category: 'WORKOUT', start_date_local: day, filename: 'c.mrc', file_contents_base64: mrc.toString('base64') },
      ],
      '?updatePlanApplied=true',
    );
    expect(res.status).toBe(200);
    const [a, b, c] = res.body as (Ev & { plan_applied?: string })[];
    expect(a?.moving_time).toBe(75 * 60);
    expect(a?.workout_doc?.steps[0]).toMatchObject({ ramp: true, power: { start: 150, end: 220, units: 'w' } });
    expect(b).toMatchObject({ name: 'VO2max 5×3 min', moving_time: 3300 });
    expect(b?.workout_doc?.steps[2]).toMatchObject({ reps: 5 });
    expect(c?.moving_time).toBe((15 + 3 * 14 + 10) * 60);
    expect(a?.plan_applied).toBeDefined();
    expect(validateResponse('POST', `${BASE}/events/bulk`, 200, res.body).errors).toEqual([]);
  });

  it('creates plain events and refuses bad ones with 4xx JSON, creating nothing', async () => {
    const before = (await call(ctx.fake, `${BASE}/events?oldest=${day}&newest=${day}`)).body as Ev[];
    for (const [events, status] of [
      [{ category: 'NOTE' }, 400],
      [[{ category: 'NOTE', start_date_local: 'soon' }], 422],
      [[{ category: 'PARTY', start_date_local: day }], 422],
      [[{ category: 'WORKOUT', start_date_local: day, file_contents: ZWO }], 422],
      [
        [
          { category: 'NOTE', start_date_local: day, name: 'ok' },
          { ...zwoEvent(day), file_contents_base64: Buffer.from('<nope/>').toString('base64') },
        ],
        422,
      ],
      [[{ ...zwoEvent(day), filename: 'x.docx' }], 422],
      [[{ category: 'WORKOUT', start_date_local: day, workout_doc: { steps: [{ duration: -5 }] } }], 422],
      [[{ category: 'WORKOUT', start_date_local: day, workout_doc: { steps: [{ reps: 2, steps: [] }] } }], 422],
    ] as const) {
      const res = await bulk(events);
      expect(res.status, JSON.stringify(events).slice(0, 80)).toBe(status);
      expect(res.body).toMatchObject({ status, error: expect.any(String) });
    }
    expect((await call(ctx.fake, `${BASE}/events?oldest=${day}&newest=${day}`)).body).toEqual(before);

    const note = (
      (await bulk([{ category: 'NOTE', start_date_local: day, name: 'Travel', description: 'Train to Namur' }]))
        .body as Ev[]
    )[0];
    expect(note).toMatchObject({ category: 'NOTE', name: 'Travel', start_date_local: `${day}T00:00:00` });
    expect((await call(ctx.fake, `${BASE}/events/${note?.id}`)).body).toEqual(note);
  });
});
