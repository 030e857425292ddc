/**
 * The wellness outbox of this background instance and what wakes it: the outbox alarm, browser start, the network
 * coming back, and any start of the worker (which picks up attempts a stopped worker left in doubt). Each delivered
 * write lands in the day cache and, when it changed something, in the undo log.
 */
import { browser } from 'wxt/browser';
import type { WellnessUpdate } from '~/lib/api/types';
import { type EditableKey, normalizePatch, sameValue, undoPatch, type WellnessPatch } from '~/lib/wellness';
import type { Services } from '../services/context';
import { putCached, wellnessDayCacheKey } from '../store/cache';
import { addUndo, type WriteKind } from '../store/undo-log';
import { createOutbox, type Delivered, type Outbox } from './delivery';

export const OUTBOX_ALARM = 'wellness-outbox';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function writeKind(origin: Delivered['origin'], patch: WellnessPatch): WriteKind {
  if (origin === 'undo') return 'undo';
  const keys = Object.keys(patch);
  if (keys.length === 1 && keys[0] === 'locked') return patch.locked ? 'lock' : 'unlock';
  return 'edit';
}

async function onDelivered(services: Services, delivered: Delivered): Promise<void> {
  const now = services.now().getTime();
  // The day cache feeds the editor and the dashboard's "Today" (services/dashboard.ts reads it).
  await putCached(
    wellnessDayCacheKey(delivered.athleteId, delivered.date),
    { ...delivered.day, id: delivered.date },
    now,
  );

  // Only what the server took is undoable, and a write that changed nothing is not worth a line in the history.
  const written: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(delivered.sent) as [EditableKey, unknown][]) {
    if (!delivered.unconfirmed.includes(key)) written[key] = value;
  }
  const patch = written as WellnessPatch;
  const restore = undoPatch(delivered.before, patch);
  const changed = (Object.keys(patch) as EditableKey[]).some(
    (key) => !sameValue(key, (patch as Record<string, unknown>)[key], (restore as Record<string, unknown>)[key]),
  );
  if (!changed) return;
  await addUndo({
    athleteId: delivered.athleteId,
    at: now,
    kind: writeKind(delivered.origin, patch),
    days: [{ date: delivered.date, patch, restore }],
    undoneAt: null,
  });
}

const outboxes = new WeakMap<Services, Outbox>();
const timers = new WeakMap<Services, ReturnType<typeof setTimeout>>();

/** Stops the in-process retry timer of these services (tests; the alarm stays). */
export function stopWellnessTimer(services: Services): void {
  clearTimeout(timers.get(services));
}

export function wellnessOutbox(services: Services): Outbox {
  let outbox = outboxes.get(services);
  if (outbox) return outbox;
  const now = () => services.now().getTime();
  outbox = createOutbox({
    // normalizePatch: an entry queued by a version that cleared with null goes out with -1 (null changes nothing).
    put: (athleteId, date, patch) =>
      (services.singleAttemptClient ?? services.client).putWellness(
        athleteId,
        date,
        normalizePatch(patch) as WellnessUpdate,
      ),
    get: (athleteId, date) => services.client.getWellness(athleteId, date),
    now,
    sleep,
    instance: `${now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    async schedule(at) {
      stopWellnessTimer(services);
      if (at === null) {
        await browser.alarms.clear(OUTBOX_ALARM);
        return;
      }
      // The alarm wakes a stopped worker (browsers may round short delays up); the timer serves a live one promptly.
      await browser.alarms.create(OUTBOX_ALARM, { when: at });
      const delay = at - now();
      if (delay < 60_000)
        timers.set(
          services,
          setTimeout(() => void deliverDue(services), Math.max(0, delay) + 20),
        );
    },
    onDelivered: (delivered) => onDelivered(services, delivered),
  });
  outboxes.set(services, outbox);
  return outbox;
}

async function deliverDue(services: Services, options?: Parameters<Outbox['deliverDue']>[0]): Promise<void> {
  try {
    await wellnessOutbox(services).deliverDue(options);
  } catch (error) {
    console.error('[icu-companion] wellness delivery failed:', error instanceof Error ? error.name : typeof error);
  }
}

/**
 * Registered synchronously by the background's main: retries on the outbox alarm, at browser start and when the
 * network comes back; and a worker that starts for any reason picks up what is due (including attempts a stopped
 * worker left in doubt).
 */
export function setupWellness(services: Services): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void deliverDue(services);
  });
  browser.runtime.onStartup.addListener(() => void deliverDue(services, { force: true }));
  if (typeof globalThis.addEventListener === 'function') {
    globalThis.addEventListener('online', () => void deliverDue(services, { force: true }));
  }
  void deliverDue(services);
}
