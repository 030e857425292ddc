import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers, setupMessaging } from '../../entrypoints/background/services/messaging';
import { IcuError } from '../../lib/api/errors';
import {
  type Envelope,
  type Handlers,
  isEnvelope,
  MessageError,
  replyingListener,
  sendMessage,
} from '../../lib/messages';
import { freshProfile } from '../store/reset';
import { fakeIcu, GOOD_KEY, STRAVA_STUB } from './fake-icu';

/** fake-browser's `onMessage.trigger`, given the `sendResponse` argument that its types leave out. */
const triggerMessage = fakeBrowser.runtime.onMessage.trigger as unknown as (
  ...args: [message: unknown, sender: object, sendResponse: (reply: unknown) => void]
) => Promise<unknown[]>;

const OPTIONS_PAGE = { id: fakeBrowser.runtime.id, url: 'chrome-extension://test-extension-id/options.html' };
const CONTENT_SCRIPT = { id: fakeBrowser.runtime.id, url: 'https://intervals.icu/activities/i900', tab: { id: 3 } };
const OTHER_EXTENSION = { id: 'some-other-extension', url: 'chrome-extension://some-other-extension/page.html' };

function envelope<K extends Envelope['type']>(type: K, data: Envelope<K>['data']): Envelope<K> {
  // The channel is the protocol's; build it the way sendMessage does.
  const message = { channel: 'icu-companion/v1', type, data } as Envelope<K>;
  expect(isEnvelope(message)).toBe(true);
  return message;
}

/**
 * What the single listener answered (undefined = ignored, no reply). It answers as browsers expect without a polyfill:
 * through `sendResponse`, returning `true` to say an answer will come.
 */
async function deliver(message: unknown, sender: object): Promise<unknown> {
  let respond: (reply: unknown) => void = () => {};
  const response = new Promise((resolve) => {
    respond = resolve;
  });
  const returned = await triggerMessage(message, sender, respond);
  expect(returned).toHaveLength(1);
  if (returned[0] !== true) return undefined;
  return response;
}

describe('the background message listener', () => {
  beforeEach(freshProfile);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers the protocol for this extension’s pages', async () => {
    const icu = fakeIcu();
    setupMessaging(createHandlers(icu.services()));

    expect(await deliver(envelope('getConnection', undefined), OPTIONS_PAGE)).toEqual({
      ok: true,
      value: { connected: false },
    });
    const connected = await deliver(envelope('connect', { apiKey: GOOD_KEY }), OPTIONS_PAGE);
    expect(connected).toEqual({ ok: true, value: { id: 'i4242', name: 'Ada Lovelace' } });
  });

  it('ignores messages from other extensions and anything that is not an envelope', async () => {
    const icu = fakeIcu();
    setupMessaging(createHandlers(icu.services()));
    expect(await deliver(envelope('connect', { apiKey: GOOD_KEY }), OTHER_EXTENSION)).toBeUndefined();
    expect(await deliver(envelope('getConnection', undefined), {})).toBeUndefined();
    expect(await deliver({ type: 'getConnection' }, OPTIONS_PAGE)).toBeUndefined();
    expect(await deliver('getConnection', OPTIONS_PAGE)).toBeUndefined();
    expect(icu.calls).toHaveLength(0);
  });

  it('lets content scripts read but not connect or forget', async () => {
    const icu = fakeIcu();
    setupMessaging(createHandlers(icu.services()));
    expect(await deliver(envelope('getConnection', undefined), CONTENT_SCRIPT)).toMatchObject({ ok: true });
    expect(await deliver(envelope('connect', { apiKey: GOOD_KEY }), CONTENT_SCRIPT)).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    expect(await deliver(envelope('forgetKey', undefined), CONTENT_SCRIPT)).toMatchObject({ ok: false });
    expect(icu.calls).toHaveLength(0);
  });

  it('replies with the ErrorInfo of an IcuError', async () => {
    setupMessaging(createHandlers(fakeIcu().services()));
    const reply = await deliver(envelope('connect', { apiKey: 'wrongKey0123456789abcdef' }), OPTIONS_PAGE);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ kind: 'auth', status: 401 }) });
  });

  it('turns an unexpected error into a safe "invalid" that leaks nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const handlers = createHandlers(fakeIcu().services());
    const broken: Handlers = {
      ...handlers,
      getConnection: async () => {
        throw new Error(`internal detail with ${GOOD_KEY}`);
      },
    };
    setupMessaging(broken);
    const reply = await deliver(envelope('getConnection', undefined), OPTIONS_PAGE);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(JSON.stringify(reply)).not.toContain(GOOD_KEY);
    expect(JSON.stringify(reply)).not.toContain('internal detail');
    expect(JSON.stringify(vi.mocked(console.error).mock.calls)).not.toContain(GOOD_KEY);
  });

  it('answers an unknown message type with an error', async () => {
    setupMessaging(createHandlers(fakeIcu().services()));
    const reply = await deliver({ channel: 'icu-companion/v1', type: 'getTheKey', data: null }, OPTIONS_PAGE);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('never puts the key in any reply', async () => {
    const icu = fakeIcu({ activities: [STRAVA_STUB] });
    setupMessaging(createHandlers(icu.services()));
    const replies = [
      await deliver(envelope('connect', { apiKey: ` ${GOOD_KEY} ` }), OPTIONS_PAGE),
      await deliver(envelope('getConnection', undefined), OPTIONS_PAGE),
      await deliver(envelope('getDashboard', { source: 'network' }), OPTIONS_PAGE),
      await deliver(envelope('getDashboard', { source: 'cache' }), CONTENT_SCRIPT),
      await deliver(envelope('connect', { apiKey: `${GOOD_KEY}x` }), OPTIONS_PAGE),
      await deliver(envelope('connect', { apiKey: `${GOOD_KEY} !` }), OPTIONS_PAGE),
      await deliver(envelope('forgetKey', undefined), OPTIONS_PAGE),
      await deliver(envelope('getDashboard', { source: 'network' }), OPTIONS_PAGE),
    ];
    expect(replies.filter((r) => (r as { ok: boolean }).ok)).toHaveLength(5);
    for (const reply of replies) expect(JSON.stringify(reply)).not.toContain(GOOD_KEY);
  });

  it('works end to end with sendMessage, which rejects with a MessageError', async () => {
    // fake-browser's sendMessage passes an empty sender; a real one carries this extension's id and the page URL.
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) =>
      deliver(message, OPTIONS_PAGE),
    );
    setupMessaging(createHandlers(fakeIcu().services()));
    await expect(sendMessage('connect', { apiKey: GOOD_KEY })).resolves.toEqual({ id: 'i4242', name: 'Ada Lovelace' });
    const error = await sendMessage('connect', { apiKey: 'short' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageError);
    expect((error as MessageError).info.kind).toBe('invalid');
    expect(error).not.toBeInstanceOf(IcuError);
  });
});

describe('replyingListener', () => {
  const sender = { id: fakeBrowser.runtime.id };

  it('answers through sendResponse and returns true; ignoring returns undefined and answers nothing', async () => {
    const listener = replyingListener((message) => (message === 'ping' ? Promise.resolve('pong') : undefined));
    const sendResponse = vi.fn();
    expect(listener('ping', sender, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith('pong'));
    const ignored = vi.fn();
    expect(listener('other', sender, ignored)).toBeUndefined();
    await Promise.resolve();
    expect(ignored).not.toHaveBeenCalled();
  });

  it('answers a rejected promise with undefined, which sendMessage reports as no answer', async () => {
    const listener = replyingListener(() => Promise.reject(new Error('boom')));
    const sendResponse = vi.fn();
    expect(listener('ping', sender, sendResponse)).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith(undefined));
  });
});
