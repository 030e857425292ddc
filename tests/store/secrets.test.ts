import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getCached, putCached } from '../../entrypoints/background/store/cache';
import { forgetEverything } from '../../entrypoints/background/store/forget';
import { loadApiKey, saveApiKey } from '../../entrypoints/background/store/secrets';
import { connectedAthlete } from '../../lib/settings';
import { freshProfile } from './reset';

const KEY = 'secretKey1234567890abcdef';

/** Everything a content script could read through `browser.storage`. */
async function everythingInExtensionStorage(): Promise<string> {
  const areas = [fakeBrowser.storage.local, fakeBrowser.storage.sync, fakeBrowser.storage.session];
  return JSON.stringify(await Promise.all(areas.map((area) => area.get(null))));
}

describe('the API key store', () => {
  beforeEach(freshProfile);

  it('saves and loads the key, and forgetting removes it', async () => {
    expect(await loadApiKey()).toBeNull();
    await saveApiKey(KEY);
    expect(await loadApiKey()).toBe(KEY);
    await forgetEverything();
    expect(await loadApiKey()).toBeNull();
  });

  it('keeps the key out of browser.storage, where content scripts could read it', async () => {
    await saveApiKey(KEY);
    await connectedAthlete.setValue({ id: 'i1', name: 'Ada', timezone: 'Europe/London' });
    const visible = await everythingInExtensionStorage();
    expect(visible).toContain('i1'); // the athlete id is not secret and may live there
    expect(visible).not.toContain(KEY);
  });

  it('forgetEverything removes the key, the cache and the athlete', async () => {
    await saveApiKey(KEY);
    await putCached('dashboard:i1', { big: 'data' });
    await connectedAthlete.setValue({ id: 'i1', name: 'Ada', timezone: null });

    await forgetEverything();

    expect(await loadApiKey()).toBeNull();
    expect(await getCached('dashboard:i1')).toBeUndefined();
    expect(await connectedAthlete.getValue()).toBeNull();
    expect(await everythingInExtensionStorage()).not.toContain('i1');
  });
});
