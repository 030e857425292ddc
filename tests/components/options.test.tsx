// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SettingsPage } from '~/components/settings/SettingsPage';
import { MessageError, type MessageType, sendMessage } from '~/lib/messages';
import { athlete, deferred } from './fixtures';

vi.mock('~/lib/messages', async (importOriginal) => ({
  ...(await importOriginal<typeof import('~/lib/messages')>()),
  sendMessage: vi.fn(),
}));

const send = vi.mocked(sendMessage);

// The fake browser has no commands API; the shortcuts list reads the manifest's commands from it.
beforeEach(() => {
  vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([
    { name: '_execute_action', description: '', shortcut: 'Alt+Shift+I' },
    { name: 'export-laps', description: 'Export laps as CSV', shortcut: '' },
  ]);
});
const GOOD_KEY = '4f8a1b2c3d4e5f60718293a4b5c6d7e8';

type Answers = Partial<Record<MessageType, unknown>>;
function answer(answers: Answers) {
  send.mockImplementation((async (type: MessageType) => {
    const value = await answers[type];
    if (value instanceof Error) throw value;
    return value;
  }) as typeof sendMessage);
}

const calls = (type: MessageType) => send.mock.calls.filter(([t]) => t === type);

async function disconnectedPage(extra: Answers = {}) {
  answer({ getConnection: { connected: false }, ...extra });
  render(<SettingsPage />);
  await screen.findByRole('heading', { name: 'Connect to intervals.icu' });
  return {
    key: screen.getByLabelText('API key') as HTMLInputElement,
    id: screen.getByLabelText(/Athlete id/) as HTMLInputElement,
    submit: screen.getByRole('button', { name: 'Check connection' }),
  };
}

function type(input: HTMLInputElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

beforeEach(() => send.mockReset());
afterEach(() => cleanup());

describe('Options: connect', () => {
  it('the key field is a password with a show toggle, help text and a link to intervals.icu settings', async () => {
    const { key } = await disconnectedPage();
    expect(key.type).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: 'Show API key' }));
    expect(key.type).toBe('text');
    fireEvent.click(screen.getByRole('button', { name: 'Hide API key' }));
    expect(key.type).toBe('password');
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe('https://intervals.icu/settings');
    expect(key.getAttribute('aria-describedby')).toContain('api-key-help');
    expect(document.getElementById('api-key-help')?.textContent).toMatch(/Developer settings/);
  });

  it.each([
    ['', /Paste your API key/],
    ['abc def ghi jkl mno pqr', /spaces or line breaks inside it/],
    ['short', /too short/],
    ['key/with/slashes/0123456789', /characters an intervals.icu API key never has/],
  ])('rejects %j with the reason inline and sends nothing', async (raw, reason) => {
    const { key, submit } = await disconnectedPage();
    type(key, raw);
    fireEvent.click(submit);
    const error = await screen.findByText(reason);
    expect(error.id).toBe('api-key-error');
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(key.getAttribute('aria-describedby')).toContain('api-key-error');
    expect(document.activeElement).toBe(key);
    expect(calls('connect')).toHaveLength(0);
  });

  it('rejects a malformed athlete id inline, focuses it, and sends nothing', async () => {
    const { key, id, submit } = await disconnectedPage();
    type(key, GOOD_KEY);
    type(id, 'bob');
    fireEvent.submit(submit.closest('form') as HTMLFormElement);
    expect(await screen.findByText(/An athlete id looks like "i12345"/)).toBeTruthy();
    expect(id.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(id);
    expect(calls('connect')).toHaveLength(0);
  });

  it('success: trims the pasted key (saying so), connects, then shows the athlete and moves focus there', async () => {
    const pending = deferred<typeof athlete>();
    const { key, id, submit } = await disconnectedPage({ connect: pending.promise });
    type(key, `  "Bearer ${GOOD_KEY}"\n`);
    type(id, '12345');
    fireEvent.click(submit);

    await waitFor(() => expect(calls('connect')).toHaveLength(1));
    expect(calls('connect')[0]?.[1]).toEqual({ apiKey: GOOD_KEY, athleteId: 'i12345' });
    expect(key.value).toBe(GOOD_KEY);
    expect(id.value).toBe('i12345');
    const status = screen.getByRole('status');
    expect(status.textContent).toMatch(/Removed the "Bearer" prefix/);
    expect(status.textContent).toMatch(/Checking connection…/);
    expect((screen.getByRole('button', { name: 'Checking…' }) as HTMLButtonElement).disabled).toBe(true);

    pending.resolve(athlete);
    const heading = await screen.findByRole('heading', { name: 'Connected to intervals.icu' });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByText('The key works. Connected as Ada Rider.')).toBeTruthy();
    expect(screen.getByText('i12345')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Forget key/ })).toBeTruthy();
  });

  it('Enter in the key field submits; no athlete id means the key’s owner', async () => {
    const { key } = await disconnectedPage({ connect: athlete });
    type(key, GOOD_KEY);
    // Enter in a text field submits its form: the browser fires "submit" on the form.
    fireEvent.submit(key.form as HTMLFormElement);
    await screen.findByRole('heading', { name: 'Connected to intervals.icu' });
    expect(calls('connect')[0]?.[1]).toEqual({ apiKey: GOOD_KEY });
  });

  it('auth failure: the explained title and detail, and focus back in the key field', async () => {
    const { key, submit } = await disconnectedPage({
      connect: new MessageError({ kind: 'auth', message: 'Unauthorized', status: 401 }),
    });
    type(key, GOOD_KEY);
    fireEvent.click(submit);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('intervals.icu did not accept the API key')).toBeTruthy();
    expect(alert.textContent).toMatch(/Settings → Developer settings → API key/);
    expect(alert.textContent).toMatch(/API_KEY, which the extension sends for you/);
    expect(alert.textContent).toMatch(/Bearer.*OAuth apps/);
    expect(document.activeElement).toBe(key);
    expect((screen.getByRole('button', { name: 'Check connection' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole('heading', { name: 'Connected to intervals.icu' })).toBeNull();
  });

  it('403 Access denied mentions the athlete id', async () => {
    const { key, id, submit } = await disconnectedPage({
      connect: new MessageError({ kind: 'auth', message: 'Access denied', status: 403 }),
    });
    type(key, GOOD_KEY);
    type(id, 'i999');
    fireEvent.click(submit);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('intervals.icu refused access')).toBeTruthy();
    expect(alert.textContent).toMatch(/athlete id is one this key may not read/);
  });
});

describe('Options: connected', () => {
  it('shows the athlete, and forgets the key after a confirm step', async () => {
    answer({ getConnection: { connected: true, athlete }, forgetKey: null });
    render(<SettingsPage />);
    await screen.findByRole('heading', { name: 'Connected to intervals.icu' });
    expect(screen.getByText('Ada Rider')).toBeTruthy();
    expect(screen.getByText('i12345')).toBeTruthy();
    expect(screen.queryByText(/The key works/)).toBeNull();

    // First click only asks.
    fireEvent.click(screen.getByRole('button', { name: 'Forget key…' }));
    const confirm = screen.getByRole('group', { name: /Forget the API key/ });
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(calls('forgetKey')).toHaveLength(0);

    // Cancel returns focus to the button that opened the question.
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /Forget the API key/ })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Forget key…' }));

    // Escape also cancels.
    fireEvent.click(screen.getByRole('button', { name: 'Forget key…' }));
    fireEvent.keyDown(screen.getByRole('group', { name: /Forget the API key/ }), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: /Forget the API key/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Forget key…' }));
    fireEvent.click(
      within(screen.getByRole('group', { name: /Forget the API key/ })).getByRole('button', { name: 'Forget key' }),
    );
    await screen.findByRole('heading', { name: 'Connect to intervals.icu' });
    expect(calls('forgetKey')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toMatch(/Key forgotten and cached data deleted/);
    expect(document.activeElement).toBe(screen.getByLabelText('API key'));
  });

  it('if forgetting fails, says why and stays connected', async () => {
    answer({
      getConnection: { connected: true, athlete },
      forgetKey: new MessageError({ kind: 'invalid', message: 'Storage is not available.' }),
    });
    render(<SettingsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Forget key…' }));
    fireEvent.click(
      within(screen.getByRole('group', { name: /Forget the API key/ })).getByRole('button', { name: 'Forget key' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Storage is not available/);
    expect(screen.getByRole('heading', { name: 'Connected to intervals.icu' })).toBeTruthy();
  });
});

describe('Options: keyboard shortcuts', () => {
  afterEach(cleanup);

  it('lists every shortcut with its binding, or "Not set", and where to change them', async () => {
    answer({ getConnection: { connected: false } });
    render(<SettingsPage />);
    const table = await screen.findByRole('table');
    expect(within(table).getByText('Open the companion popup')).toBeTruthy();
    expect(within(table).getByText('Alt+Shift+I')).toBeTruthy();
    expect(within(table).getByText('Export laps as CSV').closest('tr')?.textContent).toContain('Not set');
    expect(screen.getByText(/chrome:\/\/extensions\/shortcuts/)).toBeTruthy();
  });
});
