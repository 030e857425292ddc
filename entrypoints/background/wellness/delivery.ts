/**
 * Delivering the wellness outbox (store/wellness-outbox.ts) to intervals.icu, one day at a time and in order.
 *
 * - Per-day order: every delivery of a day runs on that day's chain, so within one background instance two requests
 *   for the same day are never out at once. Edits merged while a request is out are sent by the next delivery.
 * - Across instances: an attempt is recorded (`inFlight`) before its request goes out. A service worker that is
 *   stopped mid-request cannot take it back: the server may still apply it. So a later instance that finds an attempt
 *   of another instance, and any attempt that timed out or lost its connection, waits `IN_DOUBT_MS` after that attempt
 *   began (longer than the request timeout) before sending the day again. The stale request lands first or never, so
 *   it can never overwrite a newer value.
 * - One attempt per request (the single-attempt client): quick retries happen here, recorded like every other, and
 *   later ones follow `BACKOFF_MS` through an alarm, which wakes a stopped worker.
 * - A success is read back (`GET` the day) and reported with the fields the server does not hold as sent.
 *
 * Nothing here touches the browser: the caller supplies the HTTP calls, the clock and the alarm.
 */
import type { ErrorInfo } from '~/lib/api/errors';
import { IcuError } from '~/lib/api/errors';
import type { Wellness } from '~/lib/api/types';
import { applyPatch, type EditableKey, unconfirmedFields, type WellnessPatch } from '~/lib/wellness';
import {
  beginAttempt,
  captureBefore,
  type EditOrigin,
  failAttempt,
  finishAttempt,
  getEntry,
  listEntries,
  type OutboxEntry,
  rescheduleEntry,
} from '../store/wellness-outbox';

/** Request timeout (api/client.ts DEFAULT_TIMEOUT_MS, 15 s) plus time for the limiter and the server to finish. */
export const IN_DOUBT_MS = 25_000;
/** Waits between the quick attempts of a save the user is watching. */
export const QUICK_RETRY_MS = [1_000, 2_000] as const;
/** A Retry-After longer than this is not waited for in-process; the alarm takes over. */
const MAX_QUICK_WAIT_MS = 10_000;
/**
 * The wait after a failed attempt, by failures so far (the first three cover a save's quick attempts); the last one
 * repeats. Jittered by ±20 %.
 */
export const BACKOFF_MS = [5_000, 5_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000] as const;

export interface Delivered {
  athleteId: string;
  date: string;
  sent: WellnessPatch;
  /** The day's values before the write, for the fields sent. */
  before: WellnessPatch;
  origin: EditOrigin;
  /** The day as read back after the write. */
  day: Partial<Wellness>;
  unconfirmed: EditableKey[];
}

export type DeliveryOutcome =
  | { status: 'saved'; day: Partial<Wellness>; unconfirmed: EditableKey[] }
  | { status: 'pending'; error: ErrorInfo | null }
  /** Nothing (left) to send for the day: an earlier delivery took it, or it was discarded. */
  | { status: 'idle' };

export interface OutboxDeps {
  /** One attempt, no retries of its own. */
  put(athleteId: string, date: string, patch: WellnessPatch): Promise<Wellness | undefined>;
  get(athleteId: string, date: string): Promise<Wellness>;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** This background instance (one service-worker lifetime). */
  instance: string;
  /** Wake up at `at` (epoch ms) to deliver, or never (null). Replaces the previous wake-up. */
  schedule(at: number | null): Promise<void> | void;
  /** After a confirmed write: undo log, caches. */
  onDelivered?(delivered: Delivered): Promise<void>;
  random?(): number;
}

export interface Outbox {
  /** Sends the day's pending edit now (after any delivery of that day already running). */
  deliver(athleteId: string, date: string, options?: { quick?: boolean }): Promise<DeliveryOutcome>;
  /** Sends every entry that is due; `force` also those still backing off (browser start, back online, user retry). */
  deliverDue(options?: { force?: boolean; athleteId?: string; date?: string }): Promise<void>;
  /** Sets the wake-up to the earliest due entry. */
  reschedule(): Promise<void>;
  /** When the entry should be tried next, as this instance sees it (null: waits for the user). */
  dueAt(entry: OutboxEntry): number | null;
}

/** The server refused the data itself: sending it again would be refused again. */
function needsUser(error: ErrorInfo): boolean {
  return error.kind === 'invalid' || error.kind === 'not-found' || error.kind === 'strava';
}

/** The request may have reached the server although no answer came back. */
function mayHaveLanded(error: ErrorInfo): boolean {
  return error.kind === 'timeout' || error.kind === 'offline';
}

function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof IcuError) return error.toInfo();
  return { kind: 'offline', message: error instanceof Error ? error.message : String(error) };
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const random = deps.random ?? Math.random;
  const chains = new Map<string, Promise<unknown>>();

  const onChain = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    chains.set(key, settled);
    void settled.then(() => {
      if (chains.get(key) === settled) chains.delete(key);
    });
    return next;
  };

  /** Before this time no request for the entry's day may go out: an earlier one may still land. */
  const holdUntil = (entry: OutboxEntry): number => {
    const flight = entry.inFlight;
    const other = flight && flight.instance !== deps.instance ? flight.startedAt + IN_DOUBT_MS : 0;
    return Math.max(entry.settlesAt ?? 0, other);
  };

  const dueAt = (entry: OutboxEntry): number | null => {
    // Our own request is out: wake up when it must have settled, in case this worker is stopped before it answers.
    if (entry.inFlight?.instance === deps.instance) return entry.inFlight.startedAt + IN_DOUBT_MS;
    if (entry.nextAttemptAt === null) return null;
    return Math.max(entry.nextAttemptAt, holdUntil(entry));
  };

  const reschedule = async () => {
    const times = (await listEntries()).map(dueAt).filter((t): t is number => t !== null);
    await deps.schedule(times.length > 0 ? Math.min(...times) : null);
  };

  const backoff = (attempts: number, error: ErrorInfo): number => {
    const base = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length - 1)] as number;
    let at = deps.now() + Math.round(base * (0.8 + 0.4 * random()));
    if (error.retryAfterSecs !== undefined) at = Math.max(at, deps.now() + error.retryAfterSecs * 1000);
    return at;
  };

  /** `startedAt`: when the failed request went out (null: nothing was written, e.g. the first read failed). */
  const fail = async (entry: OutboxEntry, error: ErrorInfo, startedAt: number | null) => {
    const settlesAt = startedAt !== null && mayHaveLanded(error) ? startedAt + IN_DOUBT_MS : null;
    const next = needsUser(error) ? null : Math.max(backoff(entry.attempts, error), settlesAt ?? 0);
    await failAttempt(entry.athleteId, entry.date, error, next, settlesAt);
    return { status: 'pending', error } as const;
  };

  /** One attempt. */
  const attempt = async (athleteId: string, date: string): Promise<DeliveryOutcome> => {
    let entry = await getEntry(athleteId, date);
    if (!entry) return { status: 'idle' };
    const hold = holdUntil(entry);
    if (deps.now() < hold) {
      await rescheduleEntry(athleteId, date, Math.max(entry.nextAttemptAt ?? 0, hold));
      return { status: 'pending', error: entry.lastError };
    }

    if (Object.keys(entry.patch).some((key) => !Object.hasOwn(entry?.before ?? {}, key))) {
      try {
        entry = (await captureBefore(athleteId, date, await deps.get(athleteId, date))) ?? entry;
      } catch (error) {
        return fail(entry, toErrorInfo(error), null);
      }
    }

    const startedAt = deps.now();
    const sending = await beginAttempt(athleteId, date, deps.instance, startedAt);
    if (!sending) return { status: 'idle' };
    await reschedule();
    let written: Wellness | undefined;
    try {
      written = await deps.put(athleteId, date, sending.patch);
    } catch (error) {
      return fail(sending, toErrorInfo(error), startedAt);
    }

    let day: Partial<Wellness>;
    try {
      day = await deps.get(athleteId, date);
    } catch {
      // Written (the PUT answered 200) but not read back: the PUT's own answer is the best account left.
      day = written ?? applyPatch(sending.before as unknown as Partial<Wellness>, sending.patch);
    }
    const unconfirmed = unconfirmedFields(sending.patch, day);
    await finishAttempt(athleteId, date, sending.patch, deps.now());
    await deps.onDelivered?.({
      athleteId,
      date,
      sent: sending.patch,
      before: sending.before,
      origin: sending.origin,
      day,
      unconfirmed,
    });
    return { status: 'saved', day, unconfirmed };
  };

  const deliver = (athleteId: string, date: string, { quick = false } = {}): Promise<DeliveryOutcome> =>
    onChain(`${athleteId}/${date}`, async () => {
      try {
        let outcome = await attempt(athleteId, date);
        for (const wait of quick ? QUICK_RETRY_MS : []) {
          if (outcome.status !== 'pending' || !outcome.error) break;
          const { error } = outcome;
          if (needsUser(error) || mayHaveLanded(error)) break;
          const pause = Math.max(wait, (error.retryAfterSecs ?? 0) * 1000);
          if (pause > MAX_QUICK_WAIT_MS) break;
          await deps.sleep(pause);
          outcome = await attempt(athleteId, date);
        }
        return outcome;
      } finally {
        await reschedule();
      }
    });

  const deliverDue: Outbox['deliverDue'] = async ({ force = false, athleteId, date } = {}) => {
    const entries = (await listEntries(athleteId)).filter((e) => date === undefined || e.date === date);
    for (const entry of entries) {
      const due = dueAt(entry);
      if (due === null && !(force && date !== undefined)) continue;
      if (!force && due !== null && due > deps.now()) continue;
      await deliver(entry.athleteId, entry.date);
    }
    await reschedule();
  };

  return { deliver, deliverDue, reschedule, dueAt };
}
