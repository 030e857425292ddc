// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { Popup } from '~/components/popup/Popup';
import { type Dashboard, MessageError, type MessageType, sendMessage } from '~/lib/messages';
import { athlete, dashboard, deferred, ride, today } from './fixtures';

vi.mock('~/lib/messages', async (importOriginal) => ({
  ...(await importOriginal<typeof import('~/lib/messages')>()),
  sendMessage: vi.fn(),
}));

const send = vi.mocked(sendMessage);

type Answer = unknown | Error | Promise<unknown>;
/** Answers per message type (and per dashboard source); an Error is thrown as the background's failure. */
function answer(given: Partial<Record<MessageType | 'cache' | 'network', Answer>>) {
  // The Training section (loaded on demand) lists its history; an empty one unless a test says otherwise.
  const answers = { listSettingsHistory: [], ...given };
  send.mockImplementation((async (type: MessageType, data: { source?: 'cache' | 'network' } | undefined) => {
    const key = type === 'getDashboard' && data?.source ? data.source : type;
    const value = await answers[key as keyof typeof answers];
    if (value instanceof Error) throw value;
    return value;
  }) as typeof sendMessage);
}

const connected = { connected: true, athlete };

beforeEach(() => {
  send.mockReset();
  localStorage.clear(); // the popup's "connected last time" hint (components/popup/start.ts)
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('Popup', () => {
  it('not connected: a clear call to connect that opens the settings page', async () => {
    answer({ getConnection: { connected: false } });
    const open = vi.spyOn(browser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<Popup />);

    expect(await screen.findByRole('heading', { name: 'Connect to intervals.icu' })).toBeTruthy();
    const button = screen.getByRole('button', { name: /Connect/ });
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    expect(open).toHaveBeenCalledOnce();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).not.toHaveBeenCalledWith('getDashboard', expect.anything());
  });

  it('connected: renders the cached dashboard at once, then the fresh one', async () => {
    const network = deferred<Dashboard>();
    const cached = dashboard({ fetchedAt: Date.now() - 2 * 3600_000 });
    answer({ getConnection: connected, cache: cached, network: network.promise });
    render(<Popup />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Rider' })).toBeTruthy();
    // Cached data is on screen while the network request is still out.
    const todaySection = await screen.findByRole('region', { name: 'Today' });
    expect(within(todaySection).getByText('Weight').nextElementSibling?.textContent).toBe('70.2\u00a0kg');
    expect(within(todaySection).getByText('Resting HR').nextElementSibling?.textContent).toBe('48\u00a0bpm');
    expect(within(todaySection).getByText('HRV').nextElementSibling?.textContent).toBe('65\u00a0ms');
    expect(within(todaySection).getByText('Sleep').nextElementSibling?.textContent).toBe('7:35\u00a0h');
    expect(within(screen.getByRole('banner')).getByRole('status').textContent).toMatch(/Updating…/);

    const latest = screen.getByRole('region', { name: 'Latest activity' });
    expect(within(latest).getByRole('heading', { name: 'Morning tempo ride' })).toBeTruthy();
    expect(within(latest).getByText('Duration').nextElementSibling?.textContent).toBe('1:02:03');
    expect(within(latest).getByText('Distance').nextElementSibling?.textContent).toBe('42.2\u00a0km');
    expect(within(latest).getByText('Load').nextElementSibling?.textContent).toBe('87');
    const link = within(latest).getByRole('link', { name: /Open on intervals\.icu/ });
    expect(link.getAttribute('href')).toBe(ride.url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');

    network.resolve(
      dashboard({
        wellness: { date: today, weight: 69.8, restingHR: null, hrv: null, sleepSecs: null, locked: true },
        latestActivity: { ...ride, id: 'i9002', name: 'Easy spin', url: 'https://intervals.icu/activities/i9002' },
        fetchedAt: Date.now(),
      }),
    );
    expect(await screen.findByRole('heading', { name: 'Easy spin' })).toBeTruthy();
    const fresh = screen.getByRole('region', { name: 'Today' });
    expect(within(fresh).getByText('Weight').nextElementSibling?.textContent).toBe('69.8\u00a0kg');
    expect(within(fresh).queryByText('HRV')).toBeNull();
    expect(within(fresh).getByText('Locked')).toBeTruthy();
    expect(within(fresh).queryByText(/Values from/)).toBeNull();
    await waitFor(() =>
      expect(within(screen.getByRole('banner')).getByRole('status').textContent).toMatch(/Updated now/),
    );

    // The cached dashboard is two hours old: fetched, with maxAgeMs so the background sends nothing for a fresh one.
    // (The athlete switcher asks for the roster beside it: stored first, then the network when that is old.)
    const calls = send.mock.calls.map(([type, data]) => [type, data]);
    expect(calls.filter(([type]) => type !== 'getAthletes')).toEqual([
      ['getConnection', undefined],
      ['getDashboard', { source: 'cache' }],
      ['getDashboard', { source: 'network', maxAgeMs: 60_000 }],
    ]);
    expect(calls.filter(([type]) => type === 'getAthletes')).toEqual([
      ['getAthletes', { source: 'cache' }],
      ['getAthletes', { source: 'network' }],
    ]);
  });

  it('cached wellness from an earlier day says which day it is', async () => {
    const network = deferred<Dashboard>();
    const stale = dashboard();
    answer({
      getConnection: connected,
      cache: { ...stale, wellness: { ...stale.wellness, date: '2024-11-05' } },
      network: network.promise,
    });
    render(<Popup />);
    const note = await screen.findByText(/^Values from .*5.*\.$/);
    expect(note.textContent).toMatch(/Nov/);
    network.resolve(dashboard());
    await waitFor(() => expect(screen.queryByText(/Values from/)).toBeNull());
  });

  it('no wellness today says so', async () => {
    answer({ getConnection: connected, cache: null, network: dashboard({ wellness: null, latestActivity: null }) });
    render(<Popup />);
    expect(await screen.findByText('No wellness yet today.')).toBeTruthy();
    expect(screen.getByText('No activities yet.')).toBeTruthy();
  });

  it('a failed refresh keeps the cached data and explains the error compactly, with Retry', async () => {
    answer({
      getConnection: connected,
      cache: dashboard(),
      network: new MessageError({ kind: 'unavailable', message: 'Service Unavailable', status: 503 }),
    });
    render(<Popup />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('intervals.icu is having trouble')).toBeTruthy();
    expect(within(alert).getByText('Why?')).toBeTruthy();
    // Cached data stays.
    expect(screen.getByRole('heading', { name: 'Morning tempo ride' })).toBeTruthy();
    expect(screen.getByText('Weight').nextElementSibling?.textContent).toBe('70.2\u00a0kg');
    expect(within(screen.getByRole('banner')).getByRole('status').textContent).toMatch(
      /Not updated · data from 5 minutes ago/,
    );
    expect(within(alert).queryByRole('button', { name: 'Open settings' })).toBeNull();

    // Retry succeeds: the error goes, fresh data arrives.
    answer({ network: dashboard({ latestActivity: { ...ride, name: 'After retry' }, fetchedAt: Date.now() }) });
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'After retry' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(send).toHaveBeenLastCalledWith('getDashboard', { source: 'network' });
  });

  it('an auth failure offers the settings page as well as Retry', async () => {
    const openSettings = vi.fn();
    answer({
      getConnection: connected,
      cache: null,
      network: new MessageError({ kind: 'auth', message: 'Access denied', status: 403 }),
    });
    render(<Popup openSettings={openSettings} />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('intervals.icu refused access')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Today' })).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Open settings' }));
    expect(openSettings).toHaveBeenCalledOnce();
  });

  it('a Strava import says it is not available through the API', async () => {
    answer({
      getConnection: connected,
      cache: null,
      network: dashboard({
        latestActivity: {
          ...ride,
          name: 'Lunch run',
          type: 'Run',
          movingTimeSecs: null,
          elapsedTimeSecs: null,
          distanceMeters: null,
          trainingLoad: null,
          restrictedBy: 'strava',
        },
      }),
    });
    render(<Popup />);
    const latest = await screen.findByRole('region', { name: 'Latest activity' });
    expect(within(latest).getByText('Imported from Strava — not available through the API')).toBeTruthy();
    expect(within(latest).getByText(/agreement with Strava/)).toBeTruthy();
    expect(within(latest).queryByText('Duration')).toBeNull();
    expect(within(latest).getByRole('link', { name: /Open on intervals\.icu/ })).toBeTruthy();
  });

  it('the settings button opens the options page', async () => {
    answer({ getConnection: connected, cache: dashboard(), network: dashboard() });
    const open = vi.spyOn(browser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(open).toHaveBeenCalledOnce();
  });

  it('if the background does not answer, says so with Retry', async () => {
    answer({
      getConnection: new MessageError({ kind: 'invalid', message: 'The extension’s background did not answer.' }),
    });
    render(<Popup />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Something is not right')).toBeTruthy();
    answer({ getConnection: { connected: false } });
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Connect to intervals.icu' })).toBeTruthy();
  });

  it('a dashboard younger than a minute is shown as it is: no "Updating…", and the request says maxAgeMs', async () => {
    const fresh = dashboard({ fetchedAt: Date.now() - 10_000 });
    const network = deferred<Dashboard>();
    answer({ getConnection: connected, cache: fresh, network: network.promise });
    render(<Popup />);
    await screen.findByRole('region', { name: 'Today' });
    const status = within(screen.getByRole('banner')).getByRole('status');
    expect(status.textContent).toMatch(/^Updated now$/);
    expect(status.querySelector('.spinner')).toBeNull();
    await waitFor(() => expect(send).toHaveBeenCalledWith('getDashboard', { source: 'network', maxAgeMs: 60_000 }));
    network.resolve(fresh); // the background answers from its cache
    await waitFor(() => expect(status.textContent).toMatch(/^Updated now$/));
  });

  it('Refresh in the header fetches now, however fresh, and says when it is done', async () => {
    const fresh = dashboard({ fetchedAt: Date.now() - 10_000 });
    answer({ getConnection: connected, cache: fresh, network: fresh });
    render(<Popup />);
    await screen.findByRole('region', { name: 'Today' });
    await waitFor(() => expect(send).toHaveBeenCalledWith('getDashboard', { source: 'network', maxAgeMs: 60_000 }));

    const refreshed = deferred<Dashboard>();
    answer({ network: refreshed.promise });
    const button = within(screen.getByRole('banner')).getByRole('button', { name: 'Refresh' });
    expect(button.getAttribute('title')).toBe('Refresh from intervals.icu');
    button.focus();
    fireEvent.click(button);
    expect(send).toHaveBeenCalledWith('getDashboard', { source: 'network' }); // no maxAgeMs: forced
    const status = within(screen.getByRole('banner')).getByRole('status');
    await waitFor(() => expect(status.textContent).toMatch(/Updating…/));
    expect(document.activeElement).toBe(button); // still enabled: the keyboard focus stays on it
    refreshed.resolve(dashboard({ latestActivity: { ...ride, name: 'Just now' }, fetchedAt: Date.now() }));
    expect(await screen.findByRole('heading', { name: 'Just now' })).toBeTruthy();
    await waitFor(() => expect(status.textContent).toMatch(/^Updated now$/));
  });

  it('keeps "Updated … ago" true while it stays open', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      vi.setSystemTime(new Date('2026-03-15T08:00:00Z'));
      const shown = dashboard({ fetchedAt: Date.now() - 40_000, today });
      answer({ getConnection: connected, cache: shown, network: shown });
      render(<Popup />);
      const status = await screen.findByText(/^Updated /);
      expect(status.textContent).toBe('Updated now');
      vi.advanceTimersByTime(90_000); // the header re-renders every 15 s
      await waitFor(() => expect(status.textContent).toBe('Updated 2 minutes ago'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('renders what the background said before the first render without asking again', async () => {
    const cached = dashboard({ fetchedAt: Date.now() - 2 * 3600_000 });
    answer({ network: cached });
    render(<Popup start={{ state: 'connected', athlete, cached }} />);
    // On screen in the first render: no getConnection, no cache request.
    expect(screen.getByRole('region', { name: 'Today' })).toBeTruthy();
    const asked = () => send.mock.calls.filter(([type]) => type === 'getConnection' || type === 'getDashboard');
    await waitFor(() => expect(asked()).toHaveLength(1));
    expect(asked()).toEqual([['getDashboard', { source: 'network', maxAgeMs: 60_000 }]]);
  });

  it('the Export section, loaded on demand, offers the latest activity', async () => {
    answer({ getConnection: connected, cache: dashboard(), network: dashboard() });
    render(<Popup />);
    // A placeholder with the heading first; the first import() of the chunk in a test run is transformed on the fly.
    expect(await screen.findByRole('region', { name: 'Export' })).toBeTruthy();
    await screen.findByRole('button', { name: 'Laps CSV' }, { timeout: 10_000 });
    const exportSection = screen.getByRole('region', { name: 'Export' });
    expect(within(exportSection).getByRole('button', { name: 'Laps CSV' })).toBeTruthy();
    expect(within(exportSection).getByText('Morning tempo ride')).toBeTruthy();
  });

  it('once a popup found a key, the next asks for the cached dashboard together with the connection', async () => {
    answer({ getConnection: connected, cache: dashboard(), network: dashboard() });
    render(<Popup />);
    await screen.findByRole('region', { name: 'Today' });
    cleanup();
    send.mockReset();

    const connection = deferred<unknown>();
    answer({ getConnection: connection.promise, cache: dashboard(), network: dashboard() });
    render(<Popup />);
    // Both out before the first is answered: one round trip to the background instead of two.
    await waitFor(() => expect(send).toHaveBeenCalledWith('getDashboard', { source: 'cache' }));
    expect(send).toHaveBeenCalledWith('getConnection', undefined);
    connection.resolve(connected);
    expect(await screen.findByRole('region', { name: 'Today' })).toBeTruthy();
  });

  it('a popup that finds no key forgets the hint: the next asks for the connection alone', async () => {
    answer({ getConnection: connected, cache: dashboard(), network: dashboard() });
    render(<Popup />);
    await screen.findByRole('region', { name: 'Today' });
    cleanup();

    answer({ getConnection: { connected: false } }); // "Forget key" in the meantime
    render(<Popup />);
    await screen.findByRole('heading', { name: 'Connect to intervals.icu' });
    cleanup();
    send.mockReset();
    answer({ getConnection: { connected: false } });

    render(<Popup />);
    await screen.findByRole('heading', { name: 'Connect to intervals.icu' });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith('getConnection', undefined);
  });
});
