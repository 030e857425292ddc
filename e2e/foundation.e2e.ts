import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectThroughOptions, GOOD_KEY, type Harness, openPopup, startHarness } from './fixtures';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.standIn.faults.clear();
});

const apiRequests = () => h.standIn.state.snapshot().totalRequests;

describe('foundation, in Chromium with the built extension', () => {
  it('opens the settings page on first install', async () => {
    const deadline = Date.now() + 10_000;
    while (!h.browser.context.pages().some((p) => p.url().endsWith('/options.html')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(h.browser.context.pages().map((p) => p.url())).toContainEqual(expect.stringMatching(/options\.html$/));
  });

  it('asks to connect from the popup before a key is stored', async () => {
    const popup = await openPopup(h.browser);
    await popup.getByRole('heading', { name: 'Connect to intervals.icu' }).waitFor();
    await popup.close();
  });

  it('rejects a malformed key before any request', async () => {
    const before = apiRequests();
    const options = await connectThroughOptions(h.browser, '  "abc def"  ');
    await options.getByText('spaces or line breaks inside it').waitFor();
    expect(apiRequests()).toBe(before);
    await options.close();
  });

  it('explains a wrong key in plain words and stores nothing', async () => {
    const options = await connectThroughOptions(h.browser, 'wrong0key0wrong0key0wrong');
    const alert = options.getByRole('alert');
    await alert.getByText('intervals.icu did not accept the API key').waitFor();
    const popup = await openPopup(h.browser);
    await popup.getByRole('heading', { name: 'Connect to intervals.icu' }).waitFor();
    await Promise.all([options.close(), popup.close()]);
  });

  it('connects with a good key, pasted with quotes and a line break, and shows athlete and latest activity', async () => {
    const options = await connectThroughOptions(h.browser, `"${GOOD_KEY}"\n`);
    await options.getByText('Connected as Alex Verhoeven').waitFor();
    await options.getByText('i424242').waitFor();

    const latest = h.standIn.seed.activities.find((a) => a.source === 'UPLOAD');
    const popup = await openPopup(h.browser);
    await popup.getByRole('heading', { name: 'Alex Verhoeven' }).waitFor();
    await popup.getByRole('heading', { name: latest?.name as string }).waitFor();
    const link = popup.getByRole('link', { name: /Open on intervals.icu/ });
    expect(await link.getAttribute('href')).toBe(`https://intervals.icu/activities/${latest?.id}`);
    await popup.getByRole('region', { name: 'Today' }).getByText('Weight', { exact: true }).waitFor();
    await Promise.all([options.close(), popup.close()]);
  });

  it('sends Basic auth with the literal username API_KEY, only to intervals.icu', async () => {
    const log = h.standIn.state.snapshot().log;
    expect(log.length).toBeGreaterThan(0);
    expect(new Set(log.map((entry) => entry.auth))).toEqual(new Set(['basic']));
  });

  it('keeps the key out of storage.local and storage.session, where content scripts could read it', async () => {
    const worker = await h.browser.serviceWorker();
    const stored = await worker.evaluate(async () => {
      const local = await chrome.storage.local.get(null);
      const session = await chrome.storage.session.get(null);
      return JSON.stringify({ local, session });
    });
    expect(stored).not.toContain(GOOD_KEY);
    expect(stored).toContain('i424242'); // the athlete is stored, so this is the right place to look
  });

  it('recovers from a burst of 503 and 429 answers without showing an error', async () => {
    const faultsBefore = h.standIn.state.snapshot().faultsApplied;
    h.standIn.faults.add({ kind: 'status', status: 503, path: '/athlete/*', times: 2 });
    h.standIn.faults.add({ kind: 'status', status: 429, retryAfter: 1, path: '/athlete/*/activities', times: 2 });
    const popup = await openPopup(h.browser);
    // The dashboard was fetched a moment ago (above), so opening the popup asks nothing: Refresh does.
    await popup.getByRole('button', { name: 'Refresh', exact: true }).click();
    await popup.getByText('Updating…').waitFor();
    await popup.getByText('Updated now').waitFor({ timeout: 20_000 });
    expect(await popup.getByRole('alert').count()).toBe(0);
    expect(h.standIn.state.snapshot().faultsApplied - faultsBefore).toBe(4);
    await popup.close();
  });

  it('keeps cached data and explains an outage that outlasts the retries', async () => {
    h.standIn.faults.add({ kind: 'status', status: 500, path: '/athlete/*' });
    const popup = await openPopup(h.browser);
    await popup.getByRole('button', { name: 'Refresh', exact: true }).click(); // fresh data is not fetched on opening
    await popup
      .getByRole('alert')
      .getByText(/having trouble/i)
      .waitFor({ timeout: 20_000 });
    await popup.getByRole('heading', { name: 'Alex Verhoeven' }).waitFor();
    h.standIn.faults.clear();
    await popup.getByRole('button', { name: 'Retry' }).click();
    await popup.getByText('Updated now').waitFor({ timeout: 20_000 });
    await popup.close();
  });

  it('forgets the key and every cached byte', async () => {
    const options = await h.browser.openExtensionPage('options.html');
    await options.getByRole('button', { name: /Forget key/ }).click();
    await options
      .getByRole('button', { name: /Forget/ })
      .last()
      .click();
    await options.getByText(/Key forgotten/).waitFor();
    const worker = await h.browser.serviceWorker();
    const leftovers = await worker.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('icu-companion');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const counts: Record<string, number> = {};
      for (const name of Array.from(db.objectStoreNames)) {
        counts[name] = await new Promise<number>((resolve) => {
          const request = db.transaction(name).objectStore(name).count();
          request.onsuccess = () => resolve(request.result);
        });
      }
      db.close();
      return { counts, local: await chrome.storage.local.get(null) };
    });
    expect(Object.values(leftovers.counts).every((n) => n === 0)).toBe(true);
    expect(JSON.stringify(leftovers.local)).not.toContain('i424242');
    const popup = await openPopup(h.browser);
    await popup.getByRole('heading', { name: 'Connect to intervals.icu' }).waitFor();
    await Promise.all([options.close(), popup.close()]);
  });
});
