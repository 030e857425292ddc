/**
 * The API key lives only in the background: the content script on intervals.icu (the extension's code that runs
 * inside a web page) cannot find it in extension storage or IndexedDB, and neither can the page itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, GOOD_KEY, type Harness, startHarness } from './fixtures';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await connect(h.browser);
});
afterAll(async () => {
  await h?.close();
});

/** Everything a script can reach through storage and IndexedDB, as one string. */
const SNOOP = `(async () => {
  const found = {};
  if (globalThis.chrome?.storage) {
    for (const area of ['local', 'sync', 'session']) {
      try { found[area] = await chrome.storage[area].get(null); } catch (e) { found[area] = 'refused: ' + e.message; }
    }
  }
  const names = (await indexedDB.databases()).map((d) => d.name);
  found.indexedDB = names;
  for (const name of names) {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      found[name + '/' + store] = await new Promise((resolve) => {
        const all = db.transaction(store).objectStore(store).getAll();
        all.onsuccess = () => resolve(all.result);
      });
    }
    db.close();
  }
  found.localStorage = { ...localStorage };
  return JSON.stringify(found);
})()`;

describe('the API key stays in the background', () => {
  it('is not readable from the content script’s world or the page’s', async () => {
    const page = await h.browser.context.newPage();
    const cdp = await h.browser.context.newCDPSession(page);
    const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    await page.goto('https://intervals.icu/activities/i9001005');
    await page.locator('.gutter8 icu-companion-toolbar').waitFor();

    const contentScript = contexts.find(
      (c) => c.auxData?.type === 'isolated' && c.name === 'Companion for intervals.icu',
    );
    expect(contentScript, 'the content script’s isolated world').toBeDefined();
    const inContentScript = await cdp.send('Runtime.evaluate', {
      expression: SNOOP,
      contextId: contentScript?.id,
      awaitPromise: true,
      returnByValue: true,
    });
    const seenByContentScript = String(inContentScript.result.value);
    expect(seenByContentScript).toContain('"local"'); // it did read extension storage…
    expect(seenByContentScript).toContain('i424242'); // …which holds the (non-secret) athlete…
    expect(seenByContentScript).not.toContain(GOOD_KEY); // …but never the key

    const inPage = await page.evaluate(SNOOP);
    expect(inPage).not.toContain(GOOD_KEY);
    await page.close();
  });

  it('is in the extension’s own IndexedDB, where the background reads it', async () => {
    const worker = await h.browser.serviceWorker();
    const stored = await worker.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('icu-companion');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const all = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction('secrets').objectStore('secrets').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return JSON.stringify(all);
    });
    expect(stored).toContain(GOOD_KEY);
  });
});
