// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQuickWellness, PANEL_TAG, type WellnessPanelModule } from '~/components/in-page/features/quick-wellness';
import { WellnessPanel } from '~/components/wellness/WellnessPanel';
import { WellnessSection } from '~/components/wellness/WellnessSection';
import { MessageError, type MessageType, sendMessage } from '~/lib/messages';
import { INTENT_TTL_MS, popupIntent, takePopupIntent } from '~/lib/popup-intent';
import { parseRoute } from '~/lib/routes';
import { WELLNESS_FIELDS } from '~/lib/wellness';
import type { PendingWellness, WellnessDayView } from '~/lib/wellness/views';

vi.mock('~/lib/messages', async (importOriginal) => ({
  ...(await importOriginal<typeof import('~/lib/messages')>()),
  sendMessage: vi.fn(),
}));

const send = vi.mocked(sendMessage);
const TODAY = '2026-03-15';

function view(overrides: Partial<WellnessDayView> = {}): WellnessDayView {
  return {
    date: TODAY,
    today: TODAY,
    day: {
      weight: 70.2,
      restingHR: 48,
      hrv: 61.5,
      sleepSecs: 27_300,
      mood: 2,
      soreness: 3,
      comments: 'ok',
      locked: false,
    },
    fetchedAt: Date.now(),
    pending: null,
    weightUnit: 'kg',
    ...overrides,
  };
}

type Handler = (data: unknown) => unknown;
let handlers: Partial<Record<MessageType, Handler>>;

beforeEach(() => {
  send.mockReset();
  handlers = {
    getWellnessDay: (data) => view({ date: (data as { date?: string }).date ?? TODAY }),
    listPendingWellness: () => [],
    listWellnessHistory: () => [],
  };
  send.mockImplementation((async (type: MessageType, data: unknown) => {
    const handler = handlers[type];
    if (!handler) throw new Error(`unexpected ${type}`);
    const value = await handler(data);
    if (value instanceof Error) throw value;
    return value;
  }) as typeof sendMessage);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const calls = (type: MessageType) => send.mock.calls.filter(([t]) => t === type).map(([, data]) => data);

async function renderPanel() {
  render(<WellnessPanel autoFocus />);
  const form = await screen.findByRole('form', { name: 'Wellness' });
  await waitFor(() => expect((form.querySelector('#w-weight') as HTMLInputElement).value).toBe('70.2'));
  return form;
}

describe('the wellness form', () => {
  it('shows every catalogue field with the day’s values, units and the 1–4 scale labels', async () => {
    const form = await renderPanel();
    for (const field of WELLNESS_FIELDS) {
      if (field.kind === 'scale')
        expect(within(form).getByRole('group', { name: new RegExp(field.label) })).toBeTruthy();
      else if (field.kind === 'number') expect(form.querySelector(`#w-${field.key}`)).toBeTruthy();
    }
    expect((form.querySelector('#w-restingHR') as HTMLInputElement).value).toBe('48');
    expect((within(form).getByLabelText('Sleep hours') as HTMLInputElement).value).toBe('7');
    expect((within(form).getByLabelText('Sleep minutes') as HTMLInputElement).value).toBe('35');
    expect((within(form).getByRole('radio', { name: 'Mood 2: Good' }) as HTMLInputElement).checked).toBe(true);
    expect((within(form).getByRole('radio', { name: 'Soreness 3: High' }) as HTMLInputElement).checked).toBe(true);
    expect((within(form).getByRole('radio', { name: 'Fatigue: no value' }) as HTMLInputElement).checked).toBe(true);
    expect(within(form).getByText('ml/kg/min')).toBeTruthy();
    expect(within(form).getByText('bpm')).toBeTruthy();
    expect(document.activeElement?.id).toBe('w-weight'); // ready to type
    // cache first, then the network
    expect(calls('getWellnessDay')).toEqual([
      { date: undefined, source: 'cache' },
      { date: TODAY, source: 'network' },
    ]);
  });

  it('sends only the changed fields on Enter and reports the read-back', async () => {
    handlers.saveWellness = () => ({ status: 'saved', unconfirmed: [], day: { weight: 71 } });
    const form = await renderPanel();
    fireEvent.input(form.querySelector('#w-weight') as HTMLInputElement, { target: { value: '71' } });
    fireEvent.click(within(form).getByRole('radio', { name: 'Mood 1: Great' }));
    fireEvent.input(within(form).getByLabelText('Sleep minutes'), { target: { value: '50' } });
    fireEvent.submit(form);
    await within(form).findByText(/Saved to intervals\.icu/);
    expect(calls('saveWellness')).toEqual([
      { date: TODAY, patch: { weight: 71, sleepSecs: 7 * 3600 + 50 * 60, mood: 1 } },
    ]);
    // the answer carries the day as read back: the form shows it without asking for the day again
    expect(calls('getWellnessDay')).toHaveLength(2);
    await waitFor(() => expect((form.querySelector('#w-weight') as HTMLInputElement).value).toBe('71'));
    expect((form.querySelector('#w-restingHR') as HTMLInputElement).value).toBe('');
  });

  it('clears a field that was emptied, and says when nothing changed', async () => {
    handlers.saveWellness = () => ({ status: 'saved', unconfirmed: [], day: {} });
    const form = await renderPanel();
    fireEvent.submit(form);
    await within(form).findByText('Nothing changed.');
    fireEvent.input(within(form).getByRole('textbox', { name: /Comments/ }), { target: { value: '' } });
    fireEvent.submit(form);
    await waitFor(() => expect(calls('saveWellness')).toEqual([{ date: TODAY, patch: { comments: '' } }]));
  });

  it('an emptied number is sent as -1, and typing -1 gets the range message instead', async () => {
    handlers.saveWellness = () => ({ status: 'saved', unconfirmed: [], day: {} });
    const form = await renderPanel();
    const restingHR = form.querySelector('#w-restingHR') as HTMLInputElement;
    expect(restingHR.value).not.toBe('');
    fireEvent.input(restingHR, { target: { value: '-1' } });
    fireEvent.submit(form);
    expect(await within(form).findByText('Resting HR must be between 20 and 220 bpm')).toBeTruthy();
    expect(calls('saveWellness')).toEqual([]);
    fireEvent.input(restingHR, { target: { value: '' } });
    fireEvent.submit(form);
    await waitFor(() => expect(calls('saveWellness')).toEqual([{ date: TODAY, patch: { restingHR: -1 } }]));
  });

  it('puts a message next to each invalid field and sends nothing', async () => {
    const form = await renderPanel();
    const weight = form.querySelector('#w-weight') as HTMLInputElement;
    fireEvent.input(weight, { target: { value: '19' } });
    fireEvent.input(form.querySelector('#w-spO2') as HTMLInputElement, { target: { value: '101' } });
    fireEvent.input(within(form).getByLabelText('Sleep minutes'), { target: { value: '75' } });
    fireEvent.submit(form);
    expect(await within(form).findByText('Weight must be between 20 and 300 kg')).toBeTruthy();
    expect(within(form).getByText('SpO2 must be between 50 and 100%')).toBeTruthy();
    expect(within(form).getByText('Sleep minutes must be a whole number from 0 to 59')).toBeTruthy();
    expect(weight.getAttribute('aria-invalid')).toBe('true');
    expect(weight.getAttribute('aria-describedby')).toBe('w-weight-error');
    expect(document.activeElement).toBe(weight);
    expect(within(form).getByText(/nothing was sent/)).toBeTruthy();
    expect(calls('saveWellness')).toEqual([]);
  });

  it('says "Pending — will retry", then "Saved" once the outbox has delivered it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const pending: PendingWellness = {
      date: TODAY,
      patch: { steps: 9000 },
      attempts: 3,
      nextAttemptAt: Date.now() + 5000,
      lastError: { kind: 'unavailable', message: '503', status: 503 },
      sending: false,
      queuedAt: Date.now(),
      updatedAt: Date.now(),
    };
    let outbox: PendingWellness[] = [];
    handlers.listPendingWellness = () => outbox;
    handlers.saveWellness = () => {
      outbox = [pending];
      return { status: 'pending', unconfirmed: [], error: pending.lastError };
    };
    const form = await renderPanel();
    fireEvent.input(form.querySelector('#w-steps') as HTMLInputElement, { target: { value: '9000' } });
    fireEvent.submit(form);
    await within(form).findByText(/Pending — will retry \(intervals\.icu is having trouble\)/);
    expect(await screen.findByText('(1)')).toBeTruthy();

    outbox = [];
    handlers.getWellnessDay = () => view({ day: { ...view().day, steps: 9000 } });
    await vi.advanceTimersByTimeAsync(3000);
    await within(form).findByText(/Saved to intervals\.icu/);
  });

  it('locks the day at once and shows the lock the server holds', async () => {
    handlers.setWellnessLock = () => {
      handlers.getWellnessDay = () => view({ day: { ...view().day, locked: true } });
      return { status: 'saved', unconfirmed: [], requested: true, locked: true, day: { locked: true } };
    };
    const form = await renderPanel();
    fireEvent.click(within(form).getByRole('button', { name: 'Lock' }));
    await within(form).findByText(/Locked on intervals\.icu/);
    const locked = await within(form).findByRole('button', { name: 'Locked' });
    expect(locked.getAttribute('aria-pressed')).toBe('true');
    expect(calls('setWellnessLock')).toEqual([{ date: TODAY, locked: true }]);
    expect(calls('saveWellness')).toEqual([]); // the lock is its own write, not part of Save
  });

  it('is honest when the server keeps a day locked after an unlock', async () => {
    handlers.getWellnessDay = () => view({ day: { locked: true } });
    handlers.setWellnessLock = () => ({
      status: 'saved',
      unconfirmed: ['locked'],
      requested: false,
      locked: true,
      day: { locked: true },
    });
    render(<WellnessPanel />);
    const button = await screen.findByRole('button', { name: 'Locked' });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(button);
    await screen.findByText(/intervals\.icu kept this day locked/);
    expect(calls('setWellnessLock')).toEqual([{ date: TODAY, locked: false }]);
  });

  it('asks the outbox when the background does not answer a save (its worker was stopped)', async () => {
    let outbox: PendingWellness[] = [];
    handlers.listPendingWellness = () => outbox;
    handlers.saveWellness = () => {
      outbox = [
        {
          date: TODAY,
          patch: { hrv: 70 },
          attempts: 0,
          nextAttemptAt: Date.now(),
          lastError: null,
          sending: true,
          queuedAt: Date.now(),
          updatedAt: Date.now(),
        },
      ];
      return new Error('The message port closed before a response was received.');
    };
    const form = await renderPanel();
    fireEvent.input(form.querySelector('#w-hrv') as HTMLInputElement, { target: { value: '70' } });
    fireEvent.submit(form);
    await within(form).findByText(/Pending — will retry/);
  });

  it('switches days, and an error from the background is explained', async () => {
    handlers.saveWellness = () => new MessageError({ kind: 'auth', message: 'Not connected', status: 401 });
    const form = await renderPanel();
    fireEvent.click(within(form).getByRole('button', { name: 'Yesterday' }));
    await waitFor(() => expect(calls('getWellnessDay').at(-1)).toEqual({ date: '2026-03-14', source: 'network' }));
    await waitFor(() => expect(within(form).getByText(/Sat|Mar|14/)).toBeTruthy());
    fireEvent.input(form.querySelector('#w-weight') as HTMLInputElement, { target: { value: '69' } });
    fireEvent.submit(form);
    await within(form).findByText(/Not saved: intervals\.icu did not accept the API key/);
  });
});

describe('pending, history and bulk lock', () => {
  it('retries and discards (with a confirmation) pending edits', async () => {
    let outbox: PendingWellness[] = [
      {
        date: '2026-03-13',
        patch: { weight: 70.9, mood: 1 },
        attempts: 4,
        nextAttemptAt: null,
        lastError: { kind: 'invalid', message: 'bad', status: 422 },
        sending: false,
        queuedAt: 1,
        updatedAt: 1,
      },
    ];
    handlers.listPendingWellness = () => outbox;
    handlers.retryPending = () => outbox;
    handlers.discardPending = () => {
      outbox = [];
      return null;
    };
    await renderPanel();
    const item = (await screen.findByText(/Weight 70\.9 kg, Mood 1 · Great/)).closest('li') as HTMLElement;
    expect(within(item).getByText(/waits for you/)).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: 'Retry' }));
    await screen.findByText('Still pending.');
    fireEvent.click(within(item).getByRole('button', { name: 'Discard' }));
    fireEvent.click(within(item).getByRole('button', { name: 'Confirm discard' }));
    await screen.findByText(/Discarded the pending edit/);
    expect(calls('discardPending')).toEqual([{ date: '2026-03-13' }]);
  });

  it('lists the history with what changed, and undoes', async () => {
    handlers.listWellnessHistory = () => [
      {
        id: 7,
        at: Date.now() - 60_000,
        kind: 'edit',
        days: [{ date: TODAY, patch: { weight: 71, comments: null }, restore: { weight: 70.2, comments: 'ok' } }],
        dayCount: 1,
        undone: false,
      },
      {
        id: 6,
        at: Date.now() - 120_000,
        kind: 'bulk-lock',
        days: [
          { date: '2026-03-09', patch: { locked: true }, restore: { locked: false } },
          { date: '2026-03-11', patch: { locked: true }, restore: { locked: false } },
        ],
        dayCount: 2,
        undone: true,
      },
    ];
    handlers.undoWellness = () => ({ status: 'saved', unconfirmed: [] });
    await renderPanel();
    fireEvent.click(screen.getByText('History and undo'));
    const undo = await screen.findByRole('button', { name: /Undo: .*Weight 70\.2 kg → 71 kg, Comments “ok” → empty/ });
    expect((screen.getByRole('button', { name: /Undo: Locked 2 days/ }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(undo);
    await screen.findByText('Undone on intervals.icu ✓');
    expect(calls('undoWellness')).toEqual([{ id: 7 }]);
  });

  it('previews a bulk lock, then locks after the confirmation', async () => {
    handlers.previewBulkLock = (data) => ({ ...(data as object), days: 7, change: ['2026-03-10', '2026-03-12'] });
    handlers.bulkLock = (data) => ({
      ...(data as object),
      days: 7,
      changed: ['2026-03-10', '2026-03-12'],
      unconfirmed: [],
    });
    await renderPanel();
    fireEvent.click(await screen.findByText('Lock or unlock a date range'));
    expect((screen.getByLabelText('First day') as HTMLInputElement).value).toBe('2026-03-09');
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByText('2 days of 7 days will be locked.');
    expect(calls('bulkLock')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Lock 2 days' }));
    await screen.findByText('Locked 2 days on intervals.icu ✓');
    expect(calls('bulkLock')).toEqual([{ oldest: '2026-03-09', newest: TODAY, locked: true }]);
  });
});

describe('the popup section and the shortcut intent', () => {
  it('opens on demand and loads the panel', async () => {
    const toggle = vi.fn();
    const { rerender } = render(<WellnessSection open={false} onOpenChange={toggle} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit wellness · lock days' }));
    expect(toggle).toHaveBeenCalledWith(true);
    rerender(<WellnessSection open onOpenChange={toggle} />);
    expect(await screen.findByRole('form', { name: 'Wellness' })).toBeTruthy();
  });

  it('takes a fresh intent once, ignores a stale one, and reads #wellness', async () => {
    await popupIntent.setValue({ view: 'wellness', at: Date.now() });
    expect(await takePopupIntent('')).toBe('wellness');
    expect(await takePopupIntent('')).toBeNull();
    await popupIntent.setValue({ view: 'wellness', at: Date.now() - INTENT_TTL_MS - 1 });
    expect(await takePopupIntent('')).toBeNull();
    expect(await takePopupIntent('#wellness')).toBe('wellness');
  });
});

describe('the in-page Wellness button', () => {
  it('loads the panel on first click, opens it in its own host and closes it', async () => {
    const unmount = vi.fn();
    let close: (() => void) | undefined;
    const panel: WellnessPanelModule = {
      mount: vi.fn((host, options) => {
        host.attachShadow({ mode: 'open' }).append(document.createElement('p'));
        close = options.onClose;
        return unmount;
      }),
    };
    const load = vi.fn(async () => panel);
    const feature = createQuickWellness(load);
    expect(feature.routes).toEqual(['activity', 'calendar', 'wellness', 'fitness']);
    const slot = document.createElement('span');
    document.body.append(slot);
    const controller = new AbortController();
    const remove = feature.mount(slot, {
      route: parseRoute('https://intervals.icu/calendar'),
      signal: controller.signal,
    });
    const button = within(slot).getByRole('button', { name: 'Wellness' });
    expect(load).not.toHaveBeenCalled(); // nothing loaded until asked

    fireEvent.click(button);
    await waitFor(() => expect(document.querySelector(PANEL_TAG)).toBeTruthy());
    expect(button.getAttribute('aria-expanded')).toBe('true');
    // keys typed in the panel stay away from the site's shortcuts
    const seen = vi.fn();
    document.addEventListener('keydown', seen);
    document.querySelector(PANEL_TAG)?.dispatchEvent(new KeyboardEvent('keydown', { key: 'e', bubbles: true }));
    expect(seen).not.toHaveBeenCalled();
    document.removeEventListener('keydown', seen);

    close?.();
    expect(unmount).toHaveBeenCalledOnce();
    expect(document.querySelector(PANEL_TAG)).toBeNull();
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    await waitFor(() => expect(document.querySelector(PANEL_TAG)).toBeTruthy());
    expect(load).toHaveBeenCalledTimes(2); // the loader caches the script itself
    controller.abort();
    remove();
    expect(document.querySelector(PANEL_TAG)).toBeNull();
    expect(slot.childElementCount).toBe(0);
  });
});
