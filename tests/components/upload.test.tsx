// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openUploadPage } from '~/components/upload/open';
import { UploadPage, uploadErrorText } from '~/components/upload/UploadPage';
import { MessageError, type MessageType, sendMessage } from '~/lib/messages';
import { MAX_UPLOAD_BYTES } from '~/lib/upload/files';
import type { PlanItem } from '~/lib/upload/views';

vi.mock('~/lib/messages', async (importOriginal) => ({
  ...(await importOriginal<typeof import('~/lib/messages')>()),
  sendMessage: vi.fn(),
}));

const send = vi.mocked(sendMessage);
type Handler = (data: never) => unknown;

function answer(handlers: Partial<Record<MessageType, Handler | unknown>>) {
  send.mockImplementation((async (type: MessageType, data: unknown) => {
    const h = handlers[type];
    const value = typeof h === 'function' ? await (h as (d: unknown) => unknown)(data) : await h;
    if (value instanceof Error) throw value;
    return value;
  }) as typeof sendMessage);
}

const CONNECTED = { connected: true, athlete: { id: 'i1', name: 'Ada' } };
const link = (id: string, name: string) => ({ id, name, url: `https://intervals.icu/activities/${id}` });

function pick(input: HTMLElement, files: File[]) {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

function sized(name: string, size: number): File {
  const file = new File(['x'], name);
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the Upload page', () => {
  it('uploads each file in its own row: new with a link, duplicate with the existing one, a specific error', async () => {
    const sent: string[] = [];
    answer({
      getConnection: CONNECTED,
      uploadActivityFile: ({ fileName, base64 }: { fileName: string; base64: string }) => {
        sent.push(`${fileName}:${atob(base64)}`);
        if (fileName === 'new.tcx') return { outcome: 'new', activities: [link('i77', 'Evening ride')] };
        if (fileName === 'old.fit') return { outcome: 'duplicate', activities: [link('i9001', 'Tempo')] };
        return new MessageError({
          kind: 'invalid',
          status: 422,
          message: 'intervals.icu rejected the request (422): bad.fit: not a FIT file',
        });
      },
    });
    render(<UploadPage today="2026-03-15" />);
    const input = screen.getByLabelText(/Drop activity files here/);
    pick(input, [
      new File(['<tcx/>'], 'new.tcx'),
      new File(['fit'], 'old.fit'),
      new File(['junk'], 'bad.fit'),
      new File(['hello'], 'notes.txt'),
      sized('huge.fit', MAX_UPLOAD_BYTES + 1),
    ]);

    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^5 of 5 files done/));
    const list = screen.getByRole('list', { name: 'Files' });
    const row = (name: string) => within(list).getByText(name).closest('li') as HTMLElement;
    expect(within(row('new.tcx')).getByText('New activity')).toBeTruthy();
    expect(within(row('new.tcx')).getByRole('link', { name: 'Evening ride' }).getAttribute('href')).toBe(
      'https://intervals.icu/activities/i77',
    );
    expect(within(row('old.fit')).getByText('Already on intervals.icu')).toBeTruthy();
    expect(within(row('old.fit')).getByRole('link', { name: 'Tempo' }).getAttribute('href')).toBe(
      'https://intervals.icu/activities/i9001',
    );
    expect(within(row('bad.fit')).getByText(/bad\.fit: not a FIT file/)).toBeTruthy();
    expect(within(row('notes.txt')).getByText('Not uploaded')).toBeTruthy();
    expect(within(row('huge.fit')).getByText(/larger than the 25 MB limit/)).toBeTruthy();
    // The file's bytes went as base64; refused files were never sent.
    expect(sent.sort()).toEqual(['bad.fit:junk', 'new.tcx:<tcx/>', 'old.fit:fit']);
    expect(screen.getByRole('status').textContent).toBe(
      '5 of 5 files done · 13 B of 13 B · 1 new, 1 already on intervals.icu, 1 failed, 2 not sent',
    );
  });

  it('cancels a queued file', async () => {
    const pending: (() => void)[] = [];
    answer({
      getConnection: CONNECTED,
      uploadActivityFile: () =>
        new Promise((resolve) => pending.push(() => resolve({ outcome: 'new', activities: [] }))),
    });
    render(<UploadPage today="2026-03-15" />);
    pick(
      screen.getByLabelText(/Drop activity files here/),
      ['a.fit', 'b.fit', 'c.fit'].map((n) => new File(['1'], n)),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel c.fit' }));
    await screen.findByText('Cancelled');
    await waitFor(() => expect(pending).toHaveLength(2));
    for (const resolve of pending) resolve();
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^2 of 2 files done/));
    expect(send.mock.calls.filter(([type]) => type === 'uploadActivityFile')).toHaveLength(2);
  });

  it('says when not connected, with the way to the settings', async () => {
    answer({ getConnection: { connected: false } });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    render(<UploadPage today="2026-03-15" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Not connected to intervals\.icu/);
    fireEvent.click(within(alert).getByRole('button', { name: 'Open settings' }));
    expect(open).toHaveBeenCalled();
    expect((screen.getByLabelText(/Drop activity files here/) as HTMLInputElement).disabled).toBe(true);
  });
});

describe('Import a plan', () => {
  it('puts each workout on today + n, imports them in one message and lists what came back', async () => {
    let received: PlanItem[] = [];
    answer({
      getConnection: CONNECTED,
      importPlan: ({ items }: { items: PlanItem[] }) => {
        received = items;
        return {
          items: [
            {
              fileName: 'vo2.zwo',
              date: '2026-03-15',
              event: {
                id: 80001,
                name: 'VO2 5x4',
                date: '2026-03-15',
                url: 'https://intervals.icu/calendar',
                movingTimeSecs: 3600,
                load: 82.4,
              },
            },
            { fileName: 'ramp.erg', date: '2026-03-18', event: null },
          ],
        };
      },
    });
    render(<UploadPage today="2026-03-15" />);
    pick(screen.getByLabelText(/Drop workout files here/), [
      new File(['<workout_file/>'], 'vo2.zwo'),
      new File(['text'], 'notes.txt'),
      new File(['[COURSE HEADER]'], 'ramp.erg'),
    ]);
    const first = screen.getByLabelText('Day for vo2.zwo') as HTMLInputElement;
    const second = screen.getByLabelText('Day for ramp.erg') as HTMLInputElement;
    expect([first.value, second.value]).toEqual(['2026-03-15', '2026-03-16']);
    expect(screen.getByText(/notes\.txt: not a workout file/)).toBeTruthy();
    fireEvent.input(second, { target: { value: '2026-03-18' } });

    fireEvent.click(screen.getByRole('button', { name: 'Import 2 workouts' }));
    const results = await screen.findByRole('list', { name: 'Imported workouts' });
    expect(received).toEqual([
      { fileName: 'vo2.zwo', date: '2026-03-15', base64: btoa('<workout_file/>') },
      { fileName: 'ramp.erg', date: '2026-03-18', base64: btoa('[COURSE HEADER]') },
    ]);
    expect(within(results).getByRole('link', { name: 'VO2 5x4' }).getAttribute('href')).toBe(
      'https://intervals.icu/calendar',
    );
    expect(results.textContent).toMatch(/1:00:00 · load 82 · vo2\.zwo/);
    expect(results.textContent).toMatch(/ramp\.erg: not found on .* after the import/);
    expect(screen.getAllByText(/same file onto the same day again replaces/).length).toBeGreaterThan(0);
  });

  it('shows why an import failed', async () => {
    answer({
      getConnection: CONNECTED,
      importPlan: new MessageError({ kind: 'invalid', status: 422, message: 'Event 1 (x.zwo): not a ZWO file' }),
    });
    render(<UploadPage today="2026-03-15" />);
    pick(screen.getByLabelText(/Drop workout files here/), [new File(['x'], 'x.zwo')]);
    fireEvent.click(screen.getByRole('button', { name: 'Import 1 workout' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Event 1 \(x\.zwo\): not a ZWO file/);
  });
});

describe('helpers', () => {
  it('openUploadPage opens the page in a tab', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await openUploadPage();
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/upload.html' });
  });

  it('a refused file keeps the server’s words; other failures get plain words', () => {
    expect(uploadErrorText(new MessageError({ kind: 'invalid', message: 'x.fit: not a FIT file' }))).toBe(
      'x.fit: not a FIT file',
    );
    expect(uploadErrorText(new MessageError({ kind: 'offline', message: 'Could not reach' }))).toMatch(
      /^Cannot reach intervals\.icu\. Check your internet connection/,
    );
  });
});
