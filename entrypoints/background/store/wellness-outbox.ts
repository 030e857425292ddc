/**
 * The wellness outbox: every edit is written here before anything goes to the network, so it survives the popup
 * closing, the service worker being stopped and the browser restarting. One entry per athlete and day: a later edit
 * of the same day merges into it (`mergeEdits`, the latest value of each field winning) and bumps its `version`.
 *
 * Each delivery attempt is recorded *before* its request is sent (`beginAttempt` sets `inFlight`), so a worker that
 * starts later knows a request of an earlier worker may still land, and waits for it (wellness/delivery.ts).
 * A delivered entry is removed only for the fields whose value was sent; fields edited again meanwhile stay pending.
 */
import type { ErrorInfo } from '~/lib/api/errors';
import type { Wellness } from '~/lib/api/types';
import {
  clearValueFor,
  type EditableKey,
  isEmptyPatch,
  mergeEdits,
  sameValue,
  type WellnessPatch,
} from '~/lib/wellness';
import { getDb } from './db';

/** Why the edit was made: the user's own edit, or an undo of an earlier write. */
export type EditOrigin = 'edit' | 'undo';

export interface InFlight {
  /** The entry's version that was sent. */
  version: number;
  /** Epoch ms just before the request went out. */
  startedAt: number;
  /** The background instance (service-worker lifetime) that sent it. */
  instance: string;
}

export interface OutboxEntry {
  athleteId: string;
  /** ISO day, athlete-local. */
  date: string;
  /** The latest value of each field not yet confirmed delivered; a clear value (-1, "", false) empties it. */
  patch: WellnessPatch;
  /**
   * What the day held for each patched field before this entry's write (its clear value = empty), captured once, just
   * before the first attempt, so a retry after a half-known attempt cannot mistake our own value for the old one. Feeds undo.
   */
  before: WellnessPatch;
  /** +1 at every merged edit. */
  version: number;
  origin: EditOrigin;
  queuedAt: number;
  updatedAt: number;
  /** Failed attempts since the last edit or success. */
  attempts: number;
  /** When to try next (epoch ms); null = not automatically: the server refused the data, the user decides. */
  nextAttemptAt: number | null;
  lastError: ErrorInfo | null;
  inFlight: InFlight | null;
  /**
   * No request for this day may go out before this time (epoch ms): an earlier request timed out or lost its
   * connection and may still be applied by the server. Kept across new edits.
   */
  settlesAt: number | null;
}

type Loose = Partial<Record<EditableKey, unknown>>;

const keyOf = (athleteId: string, date: string): [string, string] => [athleteId, date];

async function update(
  athleteId: string,
  date: string,
  change: (entry: OutboxEntry | undefined) => OutboxEntry | null | undefined,
): Promise<OutboxEntry | undefined> {
  const db = await getDb();
  const tx = db.transaction('outbox', 'readwrite');
  const current = await tx.store.get(keyOf(athleteId, date));
  const next = change(current);
  if (next === null) await tx.store.delete(keyOf(athleteId, date));
  else if (next !== undefined) await tx.store.put(next);
  await tx.done;
  return next ?? undefined;
}

export interface QueueEdit {
  athleteId: string;
  date: string;
  patch: WellnessPatch;
  origin?: EditOrigin;
  now: number;
}

/** Adds an edit to the day's entry (or starts one); it is due at once. */
export async function queueEdit({ athleteId, date, patch, origin = 'edit', now }: QueueEdit): Promise<OutboxEntry> {
  const entry = await update(athleteId, date, (current) => ({
    athleteId,
    date,
    patch: current ? mergeEdits(current.patch, patch) : mergeEdits({}, patch),
    before: current?.before ?? {},
    version: (current?.version ?? 0) + 1,
    origin,
    queuedAt: current?.queuedAt ?? now,
    updatedAt: now,
    attempts: 0,
    nextAttemptAt: now,
    lastError: current?.lastError ?? null,
    inFlight: current?.inFlight ?? null,
    settlesAt: current?.settlesAt ?? null,
  }));
  return entry as OutboxEntry;
}

export async function getEntry(athleteId: string, date: string): Promise<OutboxEntry | undefined> {
  const db = await getDb();
  return db.get('outbox', keyOf(athleteId, date));
}

/** Every pending entry (of one athlete when given), oldest day first. */
export async function listEntries(athleteId?: string): Promise<OutboxEntry[]> {
  const db = await getDb();
  const all = await db.getAll('outbox');
  return all.filter((e) => athleteId === undefined || e.athleteId === athleteId);
}

/** Records the day's values before the write for patched fields that have none yet. */
export function captureBefore(
  athleteId: string,
  date: string,
  day: Partial<Wellness>,
): Promise<OutboxEntry | undefined> {
  return update(athleteId, date, (entry) => {
    if (!entry) return undefined;
    const before: Loose = { ...entry.before };
    const held = day as Loose;
    for (const key of Object.keys(entry.patch) as EditableKey[]) {
      if (!Object.hasOwn(before, key)) before[key] = held[key] ?? clearValueFor(key);
    }
    return { ...entry, before: before as WellnessPatch };
  });
}

/** Marks the entry as being sent now and returns what to send (undefined when it is gone). */
export function beginAttempt(
  athleteId: string,
  date: string,
  instance: string,
  now: number,
): Promise<OutboxEntry | undefined> {
  return update(athleteId, date, (entry) =>
    entry ? { ...entry, inFlight: { version: entry.version, startedAt: now, instance } } : undefined,
  );
}

/**
 * The attempt that sent `sent` succeeded. Fields still holding the value that was sent are done; fields edited again
 * meanwhile stay pending (their `before` is now what was sent). Returns the remaining entry, or undefined when done.
 */
export async function finishAttempt(
  athleteId: string,
  date: string,
  sent: WellnessPatch,
  now: number,
): Promise<OutboxEntry | undefined> {
  return update(athleteId, date, (entry) => {
    if (!entry) return undefined;
    const patch: Loose = {};
    const before: Loose = {};
    const was = sent as Loose;
    for (const [key, value] of Object.entries(entry.patch) as [EditableKey, unknown][]) {
      const delivered = Object.hasOwn(was, key);
      if (delivered && sameValue(key, value, was[key])) continue;
      patch[key] = value;
      before[key] = delivered ? was[key] : (entry.before as Loose)[key];
      if (before[key] === undefined) delete before[key];
    }
    if (isEmptyPatch(patch as WellnessPatch)) return null;
    return {
      ...entry,
      patch: patch as WellnessPatch,
      before: before as WellnessPatch,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      inFlight: null,
    };
  });
}

/**
 * The attempt failed: count it, keep the reason, and say when to try again (null: only when the user asks).
 * `settlesAt`: the request may still land until then (timeout, dropped connection).
 */
export function failAttempt(
  athleteId: string,
  date: string,
  error: ErrorInfo,
  nextAttemptAt: number | null,
  settlesAt: number | null = null,
): Promise<OutboxEntry | undefined> {
  return update(athleteId, date, (entry) =>
    entry
      ? {
          ...entry,
          attempts: entry.attempts + 1,
          lastError: error,
          nextAttemptAt,
          inFlight: null,
          settlesAt: Math.max(entry.settlesAt ?? 0, settlesAt ?? 0) || null,
        }
      : undefined,
  );
}

/** Makes the entry due at `at` (a retry the user asked for, or a wait for an earlier worker's request). */
export function rescheduleEntry(athleteId: string, date: string, at: number): Promise<OutboxEntry | undefined> {
  return update(athleteId, date, (entry) => (entry ? { ...entry, nextAttemptAt: at } : undefined));
}

/** Drops fields a newer write (a bulk lock) has superseded; the entry goes when nothing is left. */
export function dropFields(athleteId: string, date: string, keys: readonly EditableKey[]): Promise<unknown> {
  return update(athleteId, date, (entry) => {
    if (!entry || entry.inFlight) return undefined;
    const patch: Loose = { ...entry.patch };
    for (const key of keys) delete patch[key];
    return isEmptyPatch(patch as WellnessPatch) ? null : { ...entry, patch: patch as WellnessPatch };
  });
}

/** The user gave up on this edit. */
export async function discardEntry(athleteId: string, date: string): Promise<void> {
  await update(athleteId, date, () => null);
}
