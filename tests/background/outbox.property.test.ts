/**
 * The outbox under random sequences of edits, failures, 429s, timeouts, workers stopped mid-request, browser starts
 * and time passing, against an in-memory model of intervals.icu that applies "lost" requests late (as a server does
 * when the client gave up or died before the answer). At the end every edit the user made is on the server as last
 * written or still pending, and no field ever went back to an older value (never applied out of order).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listEntries, queueEdit } from '../../entrypoints/background/store/wellness-outbox';
import { createOutbox, IN_DOUBT_MS, type Outbox } from '../../entrypoints/background/wellness/delivery';
import { IcuError } from '../../lib/api/errors';
import type { Wellness } from '../../lib/api/types';
import { type EditableKey, sameValue, type WellnessPatch } from '../../lib/wellness';
import { freshProfile } from '../store/reset';

const ATHLETE = 'i1';
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03'] as const;
const FIELDS = ['steps', 'comments', 'weight', 'locked'] as const;
type Field = (typeof FIELDS)[number];

type PutOutcome =
  | { kind: 'ok' }
  | { kind: '503' }
  | { kind: '429'; retryAfterSecs: number }
  /** The client times out but the server applies the write `lateMs` after it went out. */
  | { kind: 'timeout-applied'; lateMs: number }
  | { kind: 'timeout-lost' }
  | { kind: 'refused' }
  /** The worker is stopped while the request is out; the server applies it late, or never. */
  | { kind: 'worker-stopped'; lateMs: number | null }
  /** The user edits the same day while this request is out. */
  | { kind: 'edit-meanwhile'; field: Field };
type GetOutcome = 'ok' | '503' | 'worker-stopped';

type Action =
  | { type: 'edit'; day: number; field: Field; clear: boolean }
  | { type: 'advance'; ms: number }
  | { type: 'restart' }
  | { type: 'browser-start' };

const LATE_MS = fc.integer({ min: 0, max: IN_DOUBT_MS - 5_000 });

const putOutcome: fc.Arbitrary<PutOutcome> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'ok' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: '503' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 30 }).map((s) => ({ kind: '429' as const, retryAfterSecs: s })) },
  { weight: 1, arbitrary: LATE_MS.map((lateMs) => ({ kind: 'timeout-applied' as const, lateMs })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'timeout-lost' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'refused' as const }) },
  {
    weight: 1,
    arbitrary: fc.option(LATE_MS, { nil: null }).map((lateMs) => ({ kind: 'worker-stopped' as const, lateMs })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...FIELDS).map((field) => ({ kind: 'edit-meanwhile' as const, field })) },
);
const getOutcome: fc.Arbitrary<GetOutcome> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('ok' as const) },
  { weight: 1, arbitrary: fc.constant('503' as const) },
  { weight: 1, arbitrary: fc.constant('worker-stopped' as const) },
);
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('edit' as const),
      day: fc.integer({ min: 0, max: DAYS.length - 1 }),
      field: fc.constantFrom(...FIELDS),
      clear: fc.boolean().map((b) => b && Math.random() < 0.3),
    }),
  },
  { weight: 3, arbitrary: fc.integer({ min: 500, max: 120_000 }).map((ms) => ({ type: 'advance' as const, ms })) },
  { weight: 1, arbitrary: fc.constant({ type: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'browser-start' as const }) },
);

/** Edit number n → a value unique to it (locked has only two values and is left out of the order check). */
function valueFor(field: Field, n: number): WellnessPatch[Field] {
  switch (field) {
    case 'steps':
      return n;
    case 'comments':
      return `edit ${n}`;
    case 'weight':
      return Math.round((40 + n / 10) * 10) / 10;
    case 'locked':
      return n % 2 === 0;
  }
}

function editNumber(field: Field, value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (field === 'steps') return value as number;
  if (field === 'comments') return Number(String(value).slice(5));
  if (field === 'weight') return Math.round(((value as number) - 40) * 10);
  return undefined;
}

async function run(actions: Action[], puts: PutOutcome[], gets: GetOutcome[]) {
  await freshProfile();
  let clock = 1_000_000;
  let editCount = 0;
  /** The user's last write per day and field. */
  const lastWritten = new Map<string, unknown>();
  /** Every value the server applied, per day and field, in order. */
  const applied = new Map<string, unknown[]>();
  const server = new Map<string, Record<string, unknown>>();
  const late: { at: number; date: string; patch: WellnessPatch }[] = [];

  const apply = (date: string, patch: WellnessPatch) => {
    const day = server.get(date) ?? {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete day[key];
      else day[key] = value;
      const log = applied.get(`${date}|${key}`) ?? [];
      log.push(value);
      applied.set(`${date}|${key}`, log);
    }
    server.set(date, day);
  };
  const applyLate = () => {
    late.sort((a, b) => a.at - b.at);
    while (late.length > 0 && (late[0] as (typeof late)[number]).at <= clock) {
      const write = late.shift() as (typeof late)[number];
      apply(write.date, write.patch);
    }
  };
  const userEdit = async (date: string, field: Field, clear = false) => {
    editCount++;
    const value = clear ? null : valueFor(field, editCount);
    lastWritten.set(`${date}|${field}`, value);
    await queueEdit({ athleteId: ATHLETE, date, patch: { [field]: value } as WellnessPatch, now: clock });
  };

  interface Worker {
    outbox: Outbox;
    dead: boolean;
    died: Promise<void>;
    die(): void;
  }
  const never = <T>() => new Promise<T>(() => {});
  let generation = 0;
  const startWorker = (): Worker => {
    let die = () => {};
    const died = new Promise<void>((resolve) => {
      die = resolve;
    });
    const worker: Worker = {
      dead: false,
      died,
      die: () => {
        worker.dead = true;
        die();
      },
      outbox: undefined as unknown as Outbox,
    };
    generation++;
    worker.outbox = createOutbox({
      instance: `worker-${generation}`,
      now: () => clock,
      sleep: async (ms) => {
        if (worker.dead) return never();
        clock += ms;
        applyLate();
      },
      schedule: () => {},
      random: () => 0.5,
      async get(_athleteId, date) {
        if (worker.dead) return never();
        const outcome = gets.shift() ?? 'ok';
        if (outcome === 'worker-stopped') {
          worker.die();
          return never();
        }
        if (outcome === '503') throw new IcuError({ kind: 'unavailable', status: 503, message: '503' });
        return structuredClone({ id: date, ...server.get(date) }) as Wellness;
      },
      async put(_athleteId, date, patch) {
        if (worker.dead) return never();
        const outcome = puts.shift() ?? { kind: 'ok' };
        switch (outcome.kind) {
          case 'ok':
            apply(date, patch);
            return undefined;
          case 'edit-meanwhile':
            await userEdit(date, outcome.field);
            apply(date, patch);
            return undefined;
          case '503':
            throw new IcuError({ kind: 'unavailable', status: 503, message: '503' });
          case '429':
            throw new IcuError({
              kind: 'rate-limited',
              status: 429,
              message: '429',
              retryAfterSecs: outcome.retryAfterSecs,
            });
          case 'refused':
            throw new IcuError({ kind: 'invalid', status: 422, message: 'refused' });
          case 'timeout-applied':
            late.push({ at: clock + outcome.lateMs, date, patch: structuredClone(patch) });
            throw new IcuError({ kind: 'timeout', message: 'timeout' });
          case 'timeout-lost':
            throw new IcuError({ kind: 'timeout', message: 'timeout' });
          case 'worker-stopped':
            if (outcome.lateMs !== null) late.push({ at: clock + outcome.lateMs, date, patch: structuredClone(patch) });
            worker.die();
            return never();
        }
      },
    });
    return worker;
  };

  let worker = startWorker();
  /** Waits for work of the live worker; a worker that dies is replaced by a new one, which picks up what is due. */
  const settle = async (work: (outbox: Outbox) => Promise<unknown>) => {
    for (;;) {
      const current = worker;
      await Promise.race([work(current.outbox), current.died]);
      if (!current.dead) return;
      worker = startWorker();
      work = (outbox) => outbox.deliverDue();
    }
  };

  for (const step of actions) {
    switch (step.type) {
      case 'edit': {
        const date = DAYS[step.day] as string;
        await userEdit(date, step.field, step.clear);
        await settle((outbox) => outbox.deliver(ATHLETE, date, { quick: true }));
        break;
      }
      case 'advance':
        clock += step.ms;
        applyLate();
        await settle((outbox) => outbox.deliverDue()); // the alarm
        break;
      case 'restart':
        worker.die();
        worker = startWorker();
        await settle((outbox) => outbox.deliverDue());
        break;
      case 'browser-start':
        await settle((outbox) => outbox.deliverDue({ force: true }));
        break;
    }
  }

  // Then the network recovers and time passes: everything deliverable is delivered.
  puts.length = 0;
  gets.length = 0;
  for (let i = 0; i < 20 && (await listEntries()).some((e) => e.nextAttemptAt !== null); i++) {
    clock += 30 * 60_000;
    applyLate();
    await settle((outbox) => outbox.deliverDue());
  }
  clock += IN_DOUBT_MS;
  applyLate();

  const pending = new Map((await listEntries()).map((e) => [e.date, e]));
  for (const [key, value] of lastWritten) {
    const [date, field] = key.split('|') as [string, EditableKey];
    const onServer = sameValue(field, server.get(date)?.[field], value);
    const entry = pending.get(date);
    const stillPending =
      entry !== undefined &&
      Object.hasOwn(entry.patch, field) &&
      sameValue(field, (entry.patch as Record<string, unknown>)[field], value);
    if (!onServer && !stillPending) {
      throw new Error(
        `${date} ${field}: last written ${JSON.stringify(value)}, server has ${server.get(date)?.[field]}`,
      );
    }
    // A pending entry is only ever one the server refused (waiting for the user), never silently stuck.
    if (stillPending && !onServer) expect(entry?.lastError?.kind).toBe('invalid');
  }
  for (const [key, values] of applied) {
    const field = key.split('|')[1] as Field;
    const order = values.map((v) => editNumber(field, v)).filter((n): n is number => n !== undefined);
    for (let i = 1; i < order.length; i++) {
      if ((order[i] as number) < (order[i - 1] as number)) {
        throw new Error(`${key}: applied out of order: ${order.join(', ')}`);
      }
    }
  }
}

describe('the wellness outbox under failures (property)', () => {
  it('never drops an accepted edit and never applies a day out of order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 30 }),
        fc.array(putOutcome, { maxLength: 30 }),
        fc.array(getOutcome, { maxLength: 30 }),
        (actions, puts, gets) => run(actions, [...puts], [...gets]),
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('a worker stopped mid-request: the next one waits for that request to settle, then sends the latest value', async () => {
    await run(
      [
        { type: 'edit', day: 0, field: 'steps', clear: false },
        { type: 'edit', day: 0, field: 'steps', clear: false },
        { type: 'advance', ms: 1_000 },
        { type: 'advance', ms: 30_000 },
      ],
      [{ kind: 'worker-stopped', lateMs: 15_000 }],
      [],
    );
  });
});
