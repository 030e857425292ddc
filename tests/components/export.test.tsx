// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BulkExportPage, progressText } from '~/components/export/BulkExportPage';
import { ExportSection } from '~/components/export/ExportSection';
import { createExportButton } from '~/components/in-page/export-button';
import type { ActivityStream } from '~/lib/api/types';
import type { ExportData } from '~/lib/export/build';
import { type ActivitySummary, MessageError, type MessageType, sendMessage } from '~/lib/messages';
import { exportBom, exportDelimiter, exportStreamsExcluded } from '~/lib/settings';
import { deferred, ride } from './fixtures';

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

/** What the background answers for an activity: two laps and two samples. */
function data(id: string): ExportData {
  return {
    activity: {
      id,
      name: 'Ride',
      type: 'Ride',
      start_date_local: '2024-05-01T07:00:00',
      moving_time: 3600,
      icu_intervals: [
        { start_index: 0, start_time: 0, end_time: 60, average_watts: 200 },
        { start_index: 60, start_time: 60, end_time: 120, average_watts: 250 },
      ],
      stream_types: ['time', 'watts'],
    },
    streams: [{ type: 'time', data: [0, 1] } as unknown as ActivityStream],
  };
}

/** Saved files: the Blob behind each clicked download link. */
function captureDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href) as Blob });
  });
  return saved;
}

beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('popup Export section', () => {
  it('saves the laps CSV the background built, and says so', async () => {
    const saved = captureDownloads();
    answer({ getExportData: () => data(ride.id) });
    render(<ExportSection activity={ride} inTab={false} />);
    expect(screen.getByText('Latest activity:')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Laps CSV' }));
    await screen.findByText(`2024-05-01_Ride_${ride.id}_laps.csv`);
    expect(send).toHaveBeenCalledWith('getExportData', { activityId: ride.id, streams: false, excludedStreams: [] });
    expect(saved.map((s) => s.name)).toEqual([`2024-05-01_Ride_${ride.id}_laps.csv`]);
    const text = await saved[0]?.blob.text();
    expect(text?.split('\r\n').map((line) => line.split(',')[0])).toEqual(['lap', '1', '2', '']);
    expect(saved[0]?.blob.type).toBe('text/csv;charset=utf-8');
  });

  it('explains a failure and keeps the buttons', async () => {
    answer({ getExportData: new MessageError({ kind: 'offline', message: 'Could not reach intervals.icu.' }) });
    render(<ExportSection activity={ride} inTab />);
    expect(screen.getByText('This activity:')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Streams CSV' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Cannot reach intervals.icu')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Streams CSV' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('an activity imported from Strava: the reason, no buttons', () => {
    const strava: ActivitySummary = { ...ride, restrictedBy: 'strava' };
    render(<ExportSection activity={strava} inTab />);
    expect(screen.getByText(/imported from Strava/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Laps CSV' })).toBeNull();
  });

  it('stream picker and spreadsheet options are saved settings', async () => {
    render(<ExportSection activity={ride} inTab={false} />);
    const position = await screen.findByRole('checkbox', { name: 'Position (lat/long)' });
    await waitFor(() => expect((position as HTMLInputElement).disabled).toBe(false));
    fireEvent.click(position);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Semicolons between cells (;)' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Byte order mark (for Excel)' }));
    await waitFor(async () => expect(await exportStreamsExcluded.getValue()).toEqual(['latlng']));
    expect(await exportDelimiter.getValue()).toBe(';');
    expect(await exportBom.getValue()).toBe(true);
  });

  it('"Bulk export…" opens the export page', () => {
    const open = vi.fn();
    render(<ExportSection activity={ride} inTab={false} openBulkExport={open} />);
    fireEvent.click(screen.getByRole('button', { name: 'Bulk export…' }));
    expect(open).toHaveBeenCalledOnce();
  });
});

const listed = (id: string, type: string | null, restrictedBy: 'strava' | null = null): ActivitySummary => ({
  ...ride,
  id,
  name: `Activity ${id}`,
  type,
  restrictedBy,
});

describe('bulk export page', () => {
  async function findActivities() {
    render(<BulkExportPage today="2024-06-30" />);
    await waitFor(() => expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2024-04-01'));
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2024-06-30');
    fireEvent.click(screen.getByRole('button', { name: 'Find activities' }));
    await screen.findByText('4 activities found.');
  }

  it('lists the range, filters by sport, exports, and offers the zip', async () => {
    const saved = captureDownloads();
    const fetched: string[] = [];
    answer({
      getConnection: { connected: true, athlete: { id: 'i1', name: 'Ada' } },
      listActivitiesForExport: [
        listed('i1', 'Ride'),
        listed('i2', 'Run'),
        listed('i3', 'Ride'),
        listed('9', null, 'strava'),
      ],
      getExportData: ({ activityId }: { activityId: string }) => {
        fetched.push(activityId);
        return data(activityId);
      },
    });
    await findActivities();
    expect(send).toHaveBeenCalledWith('listActivitiesForExport', { oldest: '2024-04-01', newest: '2024-06-30' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Run (1)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export 3 activities' }));
    await screen.findByText('Export ready');
    expect(fetched.sort()).toEqual(['i1', 'i3']); // no Run, and the Strava import needs no request
    expect(screen.getByText(/2 activities exported, 1 skipped/)).toBeTruthy();
    await waitFor(() => expect(document.title).toMatch(/Export ready/));

    fireEvent.click(screen.getByRole('button', { name: 'Save zip' }));
    expect(saved.map((s) => s.name)).toEqual(['intervals-export_2024-04-01_2024-06-30.zip']);
    const { unzipSync, strFromU8 } = await import('fflate');
    const blob = saved[0]?.blob;
    if (!blob) throw new Error('no zip saved');
    const zip = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    expect(Object.keys(zip).sort()).toEqual([
      '2024-05-01_Ride_i1_laps.csv',
      '2024-05-01_Ride_i1_streams.csv',
      '2024-05-01_Ride_i3_laps.csv',
      '2024-05-01_Ride_i3_streams.csv',
      'activities.csv',
      'skipped.csv',
    ]);
    expect(strFromU8(zip['skipped.csv'] as Uint8Array)).toMatch(/^id,start_time,name,reason,detail\r\n9,.*,strava,/);
    expect(screen.getByRole('button', { name: 'Save zip again' })).toBeTruthy();
  });

  it('shows progress and cancels', async () => {
    const pending = deferred<ExportData>();
    answer({
      getConnection: { connected: true, athlete: { id: 'i1', name: 'Ada' } },
      listActivitiesForExport: [listed('i1', 'Ride'), listed('i2', 'Ride'), listed('i3', 'Ride'), listed('i4', 'Ride')],
      getExportData: ({ activityId }: { activityId: string }) => (activityId === 'i1' ? data('i1') : pending.promise),
    });
    await findActivities();
    fireEvent.click(screen.getByRole('button', { name: 'Export 4 activities' }));
    await screen.findByText(/^1 of 4 activities/);
    expect(screen.getByRole('progressbar', { name: 'Export progress' }).getAttribute('value')).toBe('1');
    await waitFor(() => expect(document.title).toMatch(/^25% · Exporting/));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Export cancelled');
    expect(screen.getByText('Stopped after 1 of 4 activities. Nothing was saved.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Save zip/ })).toBeNull();
  });

  it('says when not connected', async () => {
    answer({ getConnection: { connected: false } });
    render(<BulkExportPage today="2024-06-30" />);
    await screen.findByText('Not connected to intervals.icu');
  });

  it('progress text: count, skipped, time left', () => {
    expect(
      progressText({ total: 10, done: 4, exported: 3, skipped: 1, elapsedMs: 0, etaMs: 75_000, zipBytes: 0 }),
    ).toBe('4 of 10 activities · 1 skipped · about 1:15 left');
    expect(progressText({ total: 10, done: 0, exported: 0, skipped: 0, elapsedMs: 0, etaMs: null, zipBytes: 0 })).toBe(
      '0 of 10 activities · estimating time left…',
    );
  });
});

describe('in-page export button', () => {
  it('shows its progress, then "Saved"; a Strava import hides the buttons and says why once', async () => {
    const saved = captureDownloads();
    const gate = deferred<ExportData>();
    answer({ getExportData: () => gate.promise });
    const laps = createExportButton('i7', 'laps', 'Laps CSV', { title: 'laps', showStravaNote: true });
    const streams = createExportButton('i7', 'streams', 'Streams CSV', { title: 'streams', showStravaNote: false });
    document.body.append(laps.root, streams.root);

    laps.button.click();
    await waitFor(() => expect(laps.button.textContent).toBe('Laps CSV…'));
    expect(laps.button.disabled).toBe(true);
    expect(streams.button.disabled).toBe(false); // only its own export
    gate.resolve(data('i7'));
    await waitFor(() => expect(laps.root.querySelector('[role="status"]')?.textContent).toBe('Saved'));
    expect(laps.button.textContent).toBe('Laps CSV');
    expect(saved.map((s) => s.name)).toEqual(['2024-05-01_Ride_i7_laps.csv']);

    answer({ getExportData: new MessageError({ kind: 'strava', status: 422, message: 'Imported from Strava' }) });
    streams.button.click();
    await waitFor(() =>
      expect(laps.root.querySelector('[role="status"]')?.textContent).toBe(
        'CSV export unavailable: imported from Strava',
      ),
    );
    expect(laps.button.hidden).toBe(true);
    expect(streams.button.hidden).toBe(true);
    expect(streams.root.querySelector('[role="status"]')?.textContent).toBe('');
    laps.destroy();
    streams.destroy();
  });
});
