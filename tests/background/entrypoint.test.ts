import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { setupFirstRun } from '../../entrypoints/background/services/first-run';
import { freshProfile } from '../store/reset';

/** fake-browser's `onMessage.trigger`, given the `sendResponse` argument that its types leave out. */
const triggerMessage = fakeBrowser.runtime.onMessage.trigger as unknown as (
  ...args: [message: unknown, sender: object, sendResponse: (reply: unknown) => void]
) => Promise<unknown[]>;

describe('the background entrypoint', () => {
  beforeEach(freshProfile);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('registers its listeners synchronously in main()', async () => {
    const openOptionsPage = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    // The fake browser has no commands API: record the registration instead.
    const onCommand = vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => {});
    const result = background.main();
    expect(onCommand).toHaveBeenCalledTimes(1);
    expect(result).toBeUndefined(); // not a promise: nothing is registered after an await

    // Listeners are in place before anything else runs: a message and an install event are handled.
    const replies: unknown[] = [];
    let replied = () => {};
    const reply = new Promise<void>((resolve) => {
      replied = resolve;
    });
    const returned = await triggerMessage(
      { channel: 'icu-companion/v1', type: 'getConnection', data: undefined },
      { id: fakeBrowser.runtime.id, url: 'chrome-extension://test-extension-id/popup.html' },
      (value: unknown) => {
        replies.push(value);
        replied();
      },
    );
    expect(returned).toEqual([true]); // the answer comes through sendResponse
    await reply;
    expect(replies).toEqual([{ ok: true, value: { connected: false } }]);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(openOptionsPage).toHaveBeenCalledTimes(1);
  });
});

describe('first run', () => {
  beforeEach(freshProfile);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('opens the options page on install, not on update', async () => {
    const openOptionsPage = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    setupFirstRun();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1', temporary: false });
    expect(openOptionsPage).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(openOptionsPage).toHaveBeenCalledTimes(1);
  });
});
