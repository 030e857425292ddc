// @vitest-environment happy-dom
/**
 * The popup's Plan card: the days and workouts, the default format's note, one-click and menu downloads, the week
 * zip (opened back), "nothing to zip", failures in plain words, and the shortcut's "save today's workout".
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PlanCard } from '~/components/plan/PlanCard';
import { bytesToBase64 } from '~/lib/base64';
import { MessageError, type MessageType, sendMessage } from '~/lib/messages';
import { targetsOf } from '~/lib/plan/targets';
import type { PlannedWorkoutView, PlanView } from '~/lib/plan/views';
import { today } from './fixtures';

vi.mock('~/lib/messages', async (importOriginal) => ({
  ...(await importOriginal<typeof import('~/lib/messages')>()),
  sendMessage: vi.fn(),
}));
const send = vi.mocked(sendMessage);

const ride: PlannedWorkoutView = {
  id: 71001,
  date: today,
  time: '06:30',
  name: 'VO2max 5×3 min',
  sport: 'VirtualRide',
  movingTimeSecs: 3300,
  load: 54,
  descriptionLines: ['- Warmup 12m ramp 50-75%', '- 3m 65%'],
  targets: targetsOf({
    steps: [
      { duration: 720, ramp: true, power: { start: 50, end: 75, units: '%ftp' } },
      {
        reps: 5,
        steps: [
          { duration: 180, power: { value: 115, units: '%ftp' }, cadence: { start: 95, end: 105, units: 'rpm' } },
        ],
      },
    ],
  }),
};
const hrRide: PlannedWorkoutView = {
  ...ride,
  id: 70005,
  time: null,
  name: 'Easy by heart rate',
  date: today,
  targets: targetsOf({ steps: [{ duration: 2700, hr: { start: 70, end: 80, units: '%lthr' } }] }),
};
const note: PlannedWorkoutView = { ...ride, id: 70009, name: 'Rest day notes', targets: targetsOf(undefined) };

const plan = (workouts = [ride, hrRide, note]): PlanView => ({
  today,
  newest: today,
  workouts,
  fetchedAt: Date.now(),
});

const saved: { name: string; blob: Blob }[] = [];

beforeEach(() => {
  fakeBrowser.reset();
  saved.length = 0;
  send.mockReset();
  // Capture what the card saves: the object URL's Blob and the anchor's file name.
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href) as Blob });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function answer(replies: Partial<Record<MessageType, unknown>>) {
  send.mockImplementation((async (type: MessageType, data?: unknown) => {
    const reply = replies[type];
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return (reply as (d: unknown) => unknown)(data);
    return reply;
  }) as typeof sendMessage);
}

const file = (text: string) => bytesToBase64(new TextEncoder().encode(text));

describe('PlanCard', () => {
  it('shows each workout with its facts and the default format’s note, and nothing to download without steps', async () => {
    answer({ getPlan: plan() });
    render(<PlanCard />);
    const row = (await screen.findByText('VO2max 5×3 min')).closest('li') as HTMLElement;
    expect(row.textContent).toMatch(/Virtual ride · 55\smin · load 54/);
    expect(within(row).getByText('- Warmup 12m ramp 50-75%')).toBeTruthy();
    expect(within(row).getByText(/ZWO keeps power, ramps and cadence\./)).toBeTruthy();
    const hr = screen.getByText('Easy by heart rate').closest('li') as HTMLElement;
    expect(
      within(hr).getByText(/ZWO keeps none of its targets: 1 heart-rate step becomes free ride\. Choose FIT/),
    ).toBeTruthy();
    const rest = screen.getByText('Rest day notes').closest('li') as HTMLElement;
    expect(within(rest).getByText('No structured steps: nothing to download.')).toBeTruthy();
    expect(within(rest).queryByRole('button')).toBeNull();
  });

  it('saves in the default format in one click, and in any format from the menu, with the note beside each', async () => {
    answer({
      getPlan: plan(),
      downloadWorkout: ({ format }: { format: string }) => ({
        fileName: `${today}_VO2max-5×3-min.${format}`,
        base64: file(`<${format}/>`),
        workout: ride,
      }),
    });
    render(<PlanCard />);
    const row = (await screen.findByText('VO2max 5×3 min')).closest('li') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Download .zwo' }));
    await screen.findByText(`Saved ${today}_VO2max-5×3-min.zwo`);
    expect(saved.map((s) => s.name)).toEqual([`${today}_VO2max-5×3-min.zwo`]);
    expect(await saved[0]?.blob.text()).toBe('<zwo/>');

    fireEvent.click(within(row).getByRole('button', { name: 'Other formats…' }));
    const menu = within(row).getByRole('list', { name: 'Formats for VO2max 5×3 min' });
    expect(within(menu).getByText('ERG keeps power and ramps; cadence targets are dropped.')).toBeTruthy();
    fireEvent.click(within(menu).getByRole('button', { name: '.mrc' }));
    await screen.findByText(`Saved ${today}_VO2max-5×3-min.mrc`);
    expect(send).toHaveBeenCalledWith('downloadWorkout', { eventId: 71001, format: 'mrc' });
  });

  it('keeps the chosen format as the default, and zips the week in it', async () => {
    answer({
      getPlan: plan(),
      downloadPlanFiles: {
        today,
        newest: today,
        files: [
          { fileName: `${today}_A.fit`, base64: file('a') },
          { fileName: `${today}_A.fit`, base64: file('b') },
        ],
        skipped: ['Rest day notes'],
      },
    });
    render(<PlanCard />);
    await screen.findByText('VO2max 5×3 min');
    fireEvent.change(screen.getByLabelText('Download as'), { target: { value: 'fit' } });
    await waitFor(async () =>
      expect(await fakeBrowser.storage.local.get('workoutFormat')).toEqual({ workoutFormat: 'fit' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Download week (.zip, FIT)' }));
    await screen.findByText(/Saved .*_workouts_fit\.zip: 2 workouts \(1 without steps left out\)/);
    const zip = unzipSync(new Uint8Array(await (saved[0] as { blob: Blob }).blob.arrayBuffer()));
    // Two workouts with the same name on one day keep both files.
    expect(Object.keys(zip)).toEqual([`${today}_A.fit`, `${today}_A-2.fit`]);
  });

  it('says when the week has nothing to zip, and explains a failed download in plain words', async () => {
    answer({
      getPlan: plan([note]),
      downloadPlanFiles: { today, newest: today, files: [], skipped: ['Rest day notes'] },
    });
    render(<PlanCard />);
    await screen.findByText('Rest day notes');
    fireEvent.click(screen.getByRole('button', { name: /Download week/ }));
    await screen.findByText('No structured workout in the next 8 days: nothing to zip.');
    expect(saved).toEqual([]);
    cleanup();

    answer({
      getPlan: plan(),
      downloadWorkout: new MessageError({ kind: 'not-found', status: 404, message: 'Not found' }),
    });
    render(<PlanCard />);
    const row = (await screen.findByText('VO2max 5×3 min')).closest('li') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Download .zwo' }));
    await screen.findByText(/^VO2max 5×3 min not downloaded: /);
  });

  it('opened by the shortcut, saves today’s first structured workout once, and says how many more today has', async () => {
    answer({
      getPlan: plan(),
      downloadWorkout: { fileName: `${today}_VO2max-5×3-min.zwo`, base64: file('x'), workout: ride },
    });
    render(<PlanCard saveToday />);
    await screen.findByText(`Saved ${today}_VO2max-5×3-min.zwo. 1 more today: use its Download button.`);
    expect(send.mock.calls.filter(([type]) => type === 'downloadWorkout')).toEqual([
      ['downloadWorkout', { eventId: 71001, format: 'zwo' }],
    ]);
  });

  it('opened by the shortcut on a day without a structured workout, says so', async () => {
    answer({ getPlan: plan([note]) });
    render(<PlanCard saveToday />);
    await screen.findByText('No structured workout is planned for today.');
  });
});
