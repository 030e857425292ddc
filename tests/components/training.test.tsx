// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrainingCard } from '~/components/training/TrainingCard';
import { MessageError, type MessageType, sendMessage } from '~/lib/messages';
import type { SportSettingsView } from '~/lib/training/settings';
import type { SaveSettingsResult, SettingsHistoryEntry, TrainingOverview } from '~/lib/training/views';

vi.mock('~/lib/messages', async (importOriginal) => ({
  ...(await importOriginal<typeof import('~/lib/messages')>()),
  sendMessage: vi.fn(),
}));

const send = vi.mocked(sendMessage);

const RIDE: SportSettingsView = {
  id: 1101,
  types: ['Ride', 'VirtualRide'],
  ftp: 290,
  indoor_ftp: 280,
  w_prime: 19_500,
  lthr: 168,
  max_hr: 190,
  estimate: { eftp: 284, wPrime: 19_500, from: 'wellness' },
};
const RUN: SportSettingsView = {
  id: 1102,
  types: ['Run'],
  ftp: 262,
  lthr: 171,
  max_hr: 192,
  threshold_pace: 3.85,
  pace_units: 'MINS_KM',
  estimate: null,
};
const SWIM: SportSettingsView = {
  id: 1103,
  types: ['Swim'],
  lthr: 155,
  max_hr: 180,
  threshold_pace: 1.25,
  pace_units: 'SECS_100M',
  estimate: null,
};

function overview(overrides: Partial<TrainingOverview> = {}): TrainingOverview {
  return {
    today: '2026-03-15',
    sports: [RIDE, RUN, SWIM],
    season: {
      current: { name: 'Season 2', start: '2025-12-30', week: 11 },
      next: { name: 'Season 3', start: '2026-07-13' },
    },
    fetchedAt: Date.now(),
    ...overrides,
  };
}

const saved = (settings: SportSettingsView): SaveSettingsResult => ({
  settings,
  unconfirmed: [],
  mergedWrite: false,
  changedOther: [],
});

type Handler = (data: unknown) => unknown;
let handlers: Partial<Record<MessageType, Handler>>;
let history: SettingsHistoryEntry[];

beforeEach(() => {
  send.mockReset();
  history = [];
  handlers = {
    getTraining: () => overview(),
    listSettingsHistory: () => history,
  };
  send.mockImplementation((async (type: MessageType, data: unknown) => {
    const handler = handlers[type];
    if (!handler) throw new Error(`unexpected ${type}`);
    const value = await handler(data);
    if (value instanceof Error) throw value;
    return value;
  }) as typeof sendMessage);
});
afterEach(cleanup);

const calls = (type: MessageType) => send.mock.calls.filter(([t]) => t === type).map(([, data]) => data);

async function renderCard() {
  render(<TrainingCard />);
  return screen.findByRole('region', { name: 'Training' });
}

describe('the training card', () => {
  it('shows the season, and each sport’s settings in its own units', async () => {
    const card = await renderCard();
    await within(card).findByText('Season 2');
    expect(card.textContent).toMatch(/since .*Dec.* · week 11/);
    expect(card.textContent).toMatch(/next: Season 3 on .*Jul/);
    expect(within(card).getByLabelText('Ride settings').textContent).toMatch(/FTP290 W.*Indoor FTP280 W.*W′19.5 kJ/);
    fireEvent.click(within(card).getByRole('radio', { name: 'Run' }));
    expect(within(card).getByLabelText('Run settings').textContent).toContain('Threshold pace4:20 /km');
    fireEvent.click(within(card).getByRole('radio', { name: 'Swim' }));
    expect(within(card).getByLabelText('Swim settings').textContent).toContain('Threshold pace1:20 /100 m');
  });

  it('says so when there is no season, with where to set one', async () => {
    handlers.getTraining = () => overview({ season: { current: null, next: null } });
    const card = await renderCard();
    const link = await within(card).findByRole('link', { name: /Season start/ });
    expect(link.getAttribute('href')).toBe('https://intervals.icu/calendar');
  });

  it('uses eFTP as FTP in one click, showing the value first', async () => {
    handlers.saveSportSettings = () => saved({ ...RIDE, ftp: 284 });
    const card = await renderCard();
    fireEvent.click(await within(card).findByRole('button', { name: 'Use eFTP as FTP: 284 W' }));
    await within(card).findByText('FTP set to eFTP, 284 W ✓');
    expect(calls('saveSportSettings')).toEqual([{ settingsId: 1101, patch: { ftp: 284 }, recalcHrZones: false }]);
    expect(within(card).getByLabelText('Ride settings').textContent).toContain('FTP284 W');
  });

  it('edits with range checks, sends only what changed, and explains recalcHrZones', async () => {
    handlers.saveSportSettings = () => saved({ ...RUN, threshold_pace: 4, max_hr: 195 });
    const card = await renderCard();
    fireEvent.click(await within(card).findByRole('radio', { name: 'Run' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Edit Run settings' }));
    const form = within(card).getByRole('form', { name: 'Edit Run settings' });
    expect(form.textContent).toContain('moves your heart rate zones with a new LTHR or max HR');
    const pace = within(form).getByLabelText(/Threshold pace/) as HTMLInputElement;
    expect(pace.value).toBe('4:20');
    fireEvent.input(pace, { target: { value: '4.10' } });
    fireEvent.input(within(form).getByLabelText(/FTP/, { selector: '#t-ftp' }), { target: { value: '2500' } });
    fireEvent.submit(form);
    expect(await within(form).findByText('Enter the pace as m:ss /km, e.g. 4:20')).toBeTruthy();
    expect(within(form).getByText('FTP must be between 30 and 2000 W')).toBeTruthy();
    expect(within(form).getByText('Check the marked fields: nothing was sent.')).toBeTruthy();
    expect(calls('saveSportSettings')).toEqual([]);

    fireEvent.input(within(form).getByLabelText(/FTP/, { selector: '#t-ftp' }), { target: { value: '262' } });
    fireEvent.input(pace, { target: { value: '4:10' } });
    fireEvent.input(within(form).getByLabelText(/Max HR/), { target: { value: '195' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: /Recalculate HR zones/ }));
    fireEvent.submit(form);
    await within(card).findByText('Saved to intervals.icu ✓');
    const [request] = calls('saveSportSettings') as { patch: { threshold_pace: number } }[];
    expect(request).toMatchObject({ settingsId: 1102, patch: { max_hr: 195 }, recalcHrZones: true });
    expect(request?.patch.threshold_pace).toBeCloseTo(4, 9);
    expect(within(card).queryByRole('form')).toBeNull();
  });

  it('shows a 422 with the server’s text, and keeps the form', async () => {
    handlers.saveSportSettings = () =>
      new MessageError({
        kind: 'invalid',
        status: 422,
        message: 'intervals.icu rejected the request (422): FTP too low',
      });
    const card = await renderCard();
    fireEvent.click(await within(card).findByRole('button', { name: 'Edit Ride settings' }));
    const form = within(card).getByRole('form', { name: 'Edit Ride settings' });
    fireEvent.input(within(form).getByLabelText(/FTP/, { selector: '#t-ftp' }), { target: { value: '200' } });
    fireEvent.submit(form);
    await within(card).findByText('Not saved: intervals.icu rejected the request (422): FTP too low');
    expect(within(card).getByRole('form')).toBeTruthy();
  });

  it('applies to past activities only after a confirmation that says it cannot be undone', async () => {
    handlers.applySportSettings = () => null;
    const card = await renderCard();
    fireEvent.click(await within(card).findByRole('button', { name: 'Also apply to past activities…' }));
    const confirm = within(card).getByRole('region', { name: 'Apply to past activities' });
    expect(confirm.textContent).toContain('cannot be undone from here');
    expect(calls('applySportSettings')).toEqual([]);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Apply to past Ride activities' }));
    await within(card).findByText(/is applying the Ride settings to past activities/);
    expect(calls('applySportSettings')).toEqual([{ settingsId: 1101 }]);
  });

  it('lists changes with old → new values, and Undo puts them back', async () => {
    history = [
      {
        id: 7,
        at: Date.now() - 60_000,
        kind: 'edit',
        settingsId: 1101,
        sport: 'Ride',
        paceUnits: null,
        patch: { ftp: 301 },
        restore: { ftp: 290 },
        undoneAt: null,
      },
    ];
    handlers.undoSportSettings = () => {
      history = [{ ...(history[0] as SettingsHistoryEntry), undoneAt: Date.now() }];
      return saved(RIDE);
    };
    const card = await renderCard();
    fireEvent.click(await within(card).findByText('History and undo'));
    fireEvent.click(within(card).getByRole('button', { name: 'Undo: Ride · FTP 290 W → 301 W' }));
    await within(card).findByText('Undone on intervals.icu ✓');
    expect(calls('undoSportSettings')).toEqual([{ id: 7 }]);
    await waitFor(() => expect(within(card).queryByRole('button', { name: /^Undo:/ })).toBeNull());
  });
});
