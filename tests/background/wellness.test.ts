/**
 * Quick wellness in the background, against the real stand-in (dev/fake-icu): the extension's own client with its
 * requests to https://intervals.icu sent to the stand-in's local address.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { KEY, NOW, useFakeIcu } from '../../dev/fake-icu/test-helpers';
import { createRateLimiter } from '../../entrypoints/background/api/limiter';
import { createServices, type Services } from '../../entrypoints/background/services/context';
import { dashboardCacheKey, getDashboard } from '../../entrypoints/background/services/dashboard';
import { getCached, putCached } from '../../entrypoints/background/store/cache';
import { saveApiKey } from '../../entrypoints/background/store/secrets';
import { listEntries } from '../../entrypoints/background/store/wellness-outbox';
import { bulkLock, previewBulkLock } from '../../entrypoints/background/wellness/bulk-lock';
import { lockToday, openQuickWellness } from '../../entrypoints/background/wellness/commands';
import {
  discardPending,
  getWellnessDay,
  listPendingWellness,
  retryPending,
  saveWellness,
  setWellnessLock,
} from '../../entrypoints/background/wellness/handlers';
import { OUTBOX_ALARM, setupWellness, stopWellnessTimer } from '../../entrypoints/background/wellness/setup';
import { listWellnessHistory, undoWellness } from '../../entrypoints/background/wellness/undo';
import { popupIntent } from '../../lib/popup-intent';
import { connectedAthlete } from '../../lib/settings';
import { addDays } from '../../lib/wellness';
import { freshProfile } from '../store/reset';

const ctx = useFakeIcu();
const TODAY = '2026-03-15';

interface Sent {
  method: string;
  path: string;
  body?: unknown;
}

let sent: Sent[];
let made: Services[];

/** Moves the services' clock forward (the stand-in's own clock runs on). */
let clockOffset = 0;

function services(options: { offline?: (method: string) => boolean } = {}): Services {
  const start = Date.now();
  const made_ = createServices({
    fetch: async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const url = new URL(request.url);
      const body = request.method === 'PUT' ? JSON.parse(await request.clone().text()) : undefined;
      sent.push({ method: request.method, path: url.pathname.replace(/^\/api\/v1/, ''), body });
      if (options.offline?.(request.method)) throw new TypeError('Failed to fetch');
      return fetch(new Request(`${ctx.fake.url}${url.pathname}${url.search}`, request));
    },
    limiter: createRateLimiter(),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    now: () => new Date(NOW.getTime() + clockOffset + (Date.now() - start)),
  });
  made.push(made_);
  return made_;
}

const serverDay = (date: string) => ctx.fake.state.snapshot().wellness.find((d) => d.id === date);
const puts = () => sent.filter((s) => s.method === 'PUT');

beforeEach(async () => {
  await freshProfile();
  ctx.fake.reset();
  sent = [];
  made = [];
  clockOffset = 0;
  await saveApiKey(KEY);
  await connectedAthlete.setValue({ id: ctx.fake.athleteId, name: 'Alex', timezone: ctx.fake.seed.timezone });
});
afterEach(() => {
  for (const s of made) stopWellnessTimer(s);
  vi.restoreAllMocks();
});

describe('loading a day', () => {
  it('answers from the cache instantly (nothing on a miss), then from intervals.icu', async () => {
    const s = services();
    const miss = await getWellnessDay(s, { source: 'cache' });
    expect(miss).toMatchObject({ date: TODAY, today: TODAY, day: null, fetchedAt: null, pending: null });
    expect(sent).toHaveLength(0);

    const date = addDays(TODAY, -1);
    const fresh = await getWellnessDay(s, { date, source: 'network' });
    expect(fresh.day?.weight).toBe(serverDay(date)?.weight);
    expect(fresh.day).not.toHaveProperty('ctl'); // editable fields only
    expect(fresh.weightUnit).toBe('kg');
    const cached = await getWellnessDay(s, { date, source: 'cache' });
    expect(cached.day).toEqual(fresh.day);
  });
});

describe('saving', () => {
  it('sends only the fields given, reads the day back and reports it saved', async () => {
    const s = services();
    const date = addDays(TODAY, -2);
    const before = serverDay(date);
    const result = await saveWellness(s, { date, patch: { weight: 71.3, mood: 1, comments: 'legs ok' } });
    expect(result).toMatchObject({ status: 'saved', unconfirmed: [], day: { weight: 71.3, mood: 1 } });
    expect(puts()).toEqual([
      {
        method: 'PUT',
        path: `/athlete/${ctx.fake.athleteId}/wellness/${date}`,
        body: { weight: 71.3, mood: 1, comments: 'legs ok' },
      },
    ]);
    // read back after the write
    expect(sent.at(-1)).toMatchObject({ method: 'GET', path: `/athlete/${ctx.fake.athleteId}/wellness/${date}` });
    const after = serverDay(date);
    expect(after).toMatchObject({ weight: 71.3, mood: 1, comments: 'legs ok' });
    expect([after?.hrv, after?.sleepSecs, after?.ctl]).toEqual([before?.hrv, before?.sleepSecs, before?.ctl]);
    expect(await listEntries()).toEqual([]);
    // the editor's cache holds the read-back
    expect((await getWellnessDay(s, { date, source: 'cache' })).day?.comments).toBe('legs ok');
  });

  it.each([false, true])(
    'clears with -1 (documented) and confirms it by read-back; null clears on the server: %s',
    async (nullClears) => {
      ctx.fake.setOptions({ nullClears });
      const s = services();
      const date = addDays(TODAY, -3);
      const before = serverDay(date);
      expect(before?.restingHR).toBeTypeOf('number');
      const result = await saveWellness(s, { date, patch: { restingHR: -1, comments: '' } });
      expect(result).toMatchObject({ status: 'saved', unconfirmed: [] });
      expect(result.day).not.toHaveProperty('restingHR');
      expect(puts().map((p) => p.body)).toEqual([{ restingHR: -1, comments: '' }]);
      expect(serverDay(date)).not.toHaveProperty('restingHR');
      expect(serverDay(date)?.weight).toBe(before?.weight);
    },
  );

  it('an edit queued with null by an older version goes out as -1, so it clears on the real service', async () => {
    const s = services();
    const date = addDays(TODAY, -4);
    expect(serverDay(date)?.hrv).toBeTypeOf('number');
    const { queueEdit } = await import('../../entrypoints/background/store/wellness-outbox');
    await queueEdit({ athleteId: ctx.fake.athleteId, date, patch: { hrv: null } as never, now: Date.now() });
    await retryPending(s, { date });
    expect(puts().map((p) => p.body)).toEqual([{ hrv: -1 }]);
    expect(serverDay(date)).not.toHaveProperty('hrv');
    expect(await listEntries()).toEqual([]);
  });

  it('a day never locked reads back locked: null, which is "unlocked", and an unlock of it is confirmed', async () => {
    const s = services();
    const date = addDays(TODAY, 1);
    const view = await getWellnessDay(s, { date, source: 'network' });
    expect(view.day).not.toHaveProperty('locked');
    const result = await saveWellness(s, { date, patch: { locked: false, weight: 70 } });
    expect(result).toMatchObject({ status: 'saved', unconfirmed: [] });
  });

  it('refuses bad input and dates after tomorrow before anything is queued or sent', async () => {
    const s = services();
    await expect(saveWellness(s, { date: TODAY, patch: { weight: 12 } })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(saveWellness(s, { date: TODAY, patch: { mood: 2.5 } })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(
      saveWellness(s, { date: TODAY, patch: { ctl: 3 } as unknown as { weight: number } }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(saveWellness(s, { date: addDays(TODAY, 2), patch: { weight: 70 } })).rejects.toThrow(/tomorrow/);
    await expect(saveWellness(s, { date: TODAY, patch: {} })).rejects.toThrow(/Nothing to save/);
    expect(await saveWellness(s, { date: addDays(TODAY, 1), patch: { comments: 'plan' } })).toMatchObject({
      status: 'saved',
    });
    expect(puts()).toHaveLength(1);
  });

  it('keeps the edit pending through a 503 burst and delivers it on the alarm', async () => {
    const s = services();
    ctx.fake.faults.add({ kind: 'status', status: 503, method: 'PUT', path: '/athlete/*/wellness/*', times: 3 });
    const date = addDays(TODAY, -3);
    const result = await saveWellness(s, { date, patch: { restingHR: 41 } });
    expect(result).toMatchObject({ status: 'pending', error: { kind: 'unavailable', status: 503 } });
    expect(puts()).toHaveLength(3); // one attempt plus two quick retries
    const [pending] = await listPendingWellness();
    expect(pending).toMatchObject({ date, patch: { restingHR: 41 }, attempts: 3, sending: false });
    const alarm = await fakeBrowser.alarms.get(OUTBOX_ALARM);
    expect(alarm?.scheduledTime).toBe(pending?.nextAttemptAt);

    setupWellness(s);
    clockOffset += 10_000; // the alarm fires when the entry is due
    await fakeBrowser.alarms.onAlarm.trigger({ name: OUTBOX_ALARM, scheduledTime: Date.now() });
    await vi.waitFor(async () => expect(await listEntries()).toEqual([]), { timeout: 5_000 });
    expect(serverDay(date)?.restingHR).toBe(41);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });

  it('merges pending edits of a day, the latest value of each field winning, and retries on browser start', async () => {
    let offline = true;
    const s = services({ offline: () => offline });
    const date = addDays(TODAY, -4);
    expect((await saveWellness(s, { date, patch: { weight: 70.1, steps: 1000 } })).status).toBe('pending');
    expect((await saveWellness(s, { date, patch: { weight: 70.9 } })).status).toBe('pending');
    expect((await listPendingWellness())[0]?.patch).toEqual({ weight: 70.9, steps: 1000 });
    expect(puts()).toHaveLength(0); // the read before the write failed: nothing was sent
    offline = false;
    setupWellness(s);
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await listEntries()).toEqual([]), { timeout: 5_000 });
    expect(serverDay(date)).toMatchObject({ weight: 70.9, steps: 1000 });
    expect(puts().map((p) => p.body)).toEqual([{ weight: 70.9, steps: 1000 }]);
  });

  it('holds a day back after a request that may still land (lost connection), then sends it', async () => {
    let offline = true;
    const s = services({ offline: (method) => offline && method === 'PUT' });
    const date = addDays(TODAY, -4);
    expect((await saveWellness(s, { date, patch: { steps: 4321 } })).status).toBe('pending');
    expect(puts()).toHaveLength(1); // no quick retries of a request that may have landed
    offline = false;
    expect(await retryPending(s, { date })).toHaveLength(1);
    expect(puts()).toHaveLength(1);
    const [entry] = await listEntries();
    expect(entry?.settlesAt).toBe(entry?.nextAttemptAt);
    clockOffset += 30_000;
    expect(await retryPending(s, {})).toEqual([]);
    expect(serverDay(date)?.steps).toBe(4321);
  });

  it('retry and discard from the pending list', async () => {
    const s = services();
    ctx.fake.faults.add({ kind: 'status', status: 500, method: 'PUT', path: '/athlete/*/wellness/*', times: 3 });
    const date = addDays(TODAY, -5);
    await saveWellness(s, { date, patch: { hrv: 77 } });
    expect(await retryPending(s, { date })).toEqual([]);
    expect(serverDay(date)?.hrv).toBe(77);

    ctx.fake.faults.add({ kind: 'status', status: 400, method: 'PUT', path: '/athlete/*/wellness/*' });
    const refused = await saveWellness(s, { date, patch: { hrv: 78 } });
    expect(refused.status).toBe('pending');
    const [waiting] = await listPendingWellness();
    expect(waiting).toMatchObject({ nextAttemptAt: null, lastError: { kind: 'invalid', status: 400 } });
    await discardPending(s, { date });
    expect(await listPendingWellness()).toEqual([]);
    expect(serverDay(date)?.hrv).toBe(77);
  });

  it('keeps the popup glance of today in step: the dashboard reads the day the save read back', async () => {
    const s = services();
    const dashboard = { athlete: {}, today: TODAY, wellness: null, latestActivity: null, fetchedAt: 1 };
    await putCached(dashboardCacheKey(ctx.fake.athleteId), dashboard, 1);
    await saveWellness(s, { date: TODAY, patch: { weight: 69.4 } });
    const glance = await getDashboard(s, { source: 'cache' });
    expect(glance?.wellness).toMatchObject({ date: TODAY, weight: 69.4 });
    // the dashboard's own entry is left as the dashboard wrote it
    expect((await getCached<typeof dashboard>(dashboardCacheKey(ctx.fake.athleteId)))?.value.wellness).toBeNull();
    // a save of another day does not touch today's glance
    await saveWellness(s, { date: addDays(TODAY, -1), patch: { weight: 80 } });
    expect((await getDashboard(s, { source: 'cache' }))?.wellness?.weight).toBe(69.4);
  });
});

describe('locking', () => {
  it('locks and unlocks with a read-back', async () => {
    const s = services();
    const date = addDays(TODAY, -6);
    expect(await setWellnessLock(s, { date, locked: true })).toMatchObject({
      status: 'saved',
      requested: true,
      locked: true,
      unconfirmed: [],
    });
    expect(serverDay(date)?.locked).toBe(true);
    expect(await setWellnessLock(s, { date, locked: false })).toMatchObject({ locked: false, unconfirmed: [] });
  });

  it('says so plainly when the server keeps a day locked after an unlock', async () => {
    const s = services();
    const date = addDays(TODAY, -7);
    await setWellnessLock(s, { date, locked: true });
    ctx.fake.setOptions({ unlockable: false });
    const result = await setWellnessLock(s, { date, locked: false });
    expect(result).toMatchObject({ status: 'saved', requested: false, locked: true, unconfirmed: ['locked'] });
    expect(await listEntries()).toEqual([]); // sending it again would not help
    // the refused unlock is not offered as an undoable write
    expect((await listWellnessHistory()).map((h) => h.kind)).toEqual(['lock']);
  });

  it('a locked day is safe from a device sync', async () => {
    const s = services();
    const date = addDays(TODAY, -8);
    await saveWellness(s, { date, patch: { weight: 68.8, locked: true } });
    expect(ctx.fake.syncDevice(date, { weight: 74 }).applied).toBe(false);
    expect(serverDay(date)?.weight).toBe(68.8);
  });
});

describe('bulk lock', () => {
  it('previews how many days change, writes them in one bulk request and reads the range back', async () => {
    const s = services();
    const oldest = addDays(TODAY, -6);
    const range = { oldest, newest: TODAY, locked: true };
    const alreadyLocked = ctx.fake.state.snapshot().wellness.filter((d) => d.id >= oldest && d.locked).length;
    const preview = await previewBulkLock(s, range);
    expect(preview.days).toBe(7);
    expect(preview.change).toHaveLength(7 - alreadyLocked);
    expect(puts()).toHaveLength(0);

    const result = await bulkLock(s, range);
    expect(result).toMatchObject({ days: 7, changed: preview.change, unconfirmed: [] });
    expect(puts().map((p) => p.path)).toEqual([`/athlete/${ctx.fake.athleteId}/wellness-bulk`]);
    expect(puts()[0]?.body).toEqual(preview.change.map((id) => ({ id, locked: true })));
    for (const day of ctx.fake.state.snapshot().wellness.filter((d) => d.id >= oldest)) expect(day.locked).toBe(true);
    expect((await previewBulkLock(s, range)).change).toEqual([]);

    // undo puts back exactly the days that changed
    const [entry] = await listWellnessHistory();
    expect(entry).toMatchObject({ kind: 'bulk-lock', dayCount: preview.change.length });
    expect(await undoWellness(s, { id: entry?.id as number })).toMatchObject({ status: 'saved', unconfirmed: [] });
    const locked = ctx.fake.state.snapshot().wellness.filter((d) => d.id >= oldest && d.locked).length;
    expect(locked).toBe(alreadyLocked);
  });

  it('reports the days the server kept locked after a bulk unlock', async () => {
    const s = services();
    const oldest = addDays(TODAY, -3);
    await bulkLock(s, { oldest, newest: TODAY, locked: true });
    ctx.fake.setOptions({ unlockable: false });
    const result = await bulkLock(s, { oldest, newest: TODAY, locked: false });
    expect(result.changed).toEqual([]);
    expect(result.unconfirmed).toHaveLength(4);
  });

  it('refuses ranges that are reversed, too long or in the future', async () => {
    const s = services();
    await expect(previewBulkLock(s, { oldest: TODAY, newest: addDays(TODAY, -1), locked: true })).rejects.toThrow();
    await expect(previewBulkLock(s, { oldest: '2024-01-01', newest: TODAY, locked: true })).rejects.toThrow(/366/);
    await expect(previewBulkLock(s, { oldest: TODAY, newest: addDays(TODAY, 3), locked: true })).rejects.toThrow();
  });
});

describe('undo', () => {
  it('restores the previous values, clearing fields that were empty, verified by reading back', async () => {
    const s = services();
    const date = addDays(TODAY, -9);
    const before = serverDay(date);
    expect(before?.comments).toBeUndefined();
    await saveWellness(s, { date, patch: { weight: 75.5, comments: 'typo day' } });
    const [write] = await listWellnessHistory();
    expect(write).toMatchObject({
      kind: 'edit',
      undone: false,
      days: [
        {
          date,
          patch: { weight: 75.5, comments: 'typo day' },
          restore: { weight: before?.weight ?? -1, comments: '' },
        },
      ],
    });
    const result = await undoWellness(s, { id: write?.id as number });
    expect(result).toEqual({ status: 'saved', unconfirmed: [] });
    const after = serverDay(date);
    expect(after?.weight).toBe(before?.weight);
    expect(after).not.toHaveProperty('comments');
    const history = await listWellnessHistory();
    expect(history.map((h) => [h.kind, h.undone])).toEqual([
      ['undo', false],
      ['edit', true],
    ]);
    await expect(undoWellness(s, { id: write?.id as number })).rejects.toThrow(/already undone/);
  });
});

describe('shortcuts', () => {
  it('lock-today locks today, verified by read-back, and shows it on the badge', async () => {
    const s = services();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await lockToday(s);
      expect(serverDay(TODAY)?.locked).toBe(true);
      expect(await fakeBrowser.action.getBadgeText({})).toBe('✓');
      expect(await fakeBrowser.action.getTitle({})).toMatch(/locked/);
      await vi.advanceTimersByTimeAsync(6_000);
      expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });

  it('quick-wellness leaves an intent and opens the popup, or the same page in a tab', async () => {
    // the fake browser has no action.openPopup: the fallback
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await openQuickWellness();
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/popup\.html#wellness$/) });
    expect(await popupIntent.getValue()).toBeNull();

    const openPopup = vi.fn(async () => {});
    (fakeBrowser.action as unknown as { openPopup: typeof openPopup }).openPopup = openPopup;
    try {
      await openQuickWellness();
      expect(openPopup).toHaveBeenCalledOnce();
      expect(await popupIntent.getValue()).toMatchObject({ view: 'wellness' });
    } finally {
      delete (fakeBrowser.action as unknown as { openPopup?: unknown }).openPopup;
    }
  });
});
