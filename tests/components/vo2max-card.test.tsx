// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Vo2maxCard } from '~/components/vo2max/Vo2maxCard';
import { MessageError, type MessageType, sendMessage } from '~/lib/messages';
import { estimateVo2max } from '~/lib/power/vo2max';
import type { WindowSummary } from '~/lib/power/vo2max-rules';
import type { ActivityVo2max, Vo2maxOverview, Vo2maxTrendData } from '~/lib/power/vo2max-views';
import { vo2maxFormula, vo2maxWeightOverride, vo2maxWindow } from '~/lib/settings';

vi.mock('~/lib/messages', async (importOriginal) => ({
  ...(await importOriginal<typeof import('~/lib/messages')>()),
  sendMessage: vi.fn(),
}));
// uPlot needs a real canvas; the card's part is to load the chart module on demand and hand it the data.
vi.mock('~/components/vo2max/TrendChart', () => ({
  TrendChart: (props: { data: Vo2maxTrendData; formula: string }) => (
    <p data-testid="trend-chart">
      {props.data.efforts.length} efforts, {props.formula}
    </p>
  ),
}));

const send = vi.mocked(sendMessage);
const NOW = new Date('2026-03-15T10:00:00');

function win(id: string, label: string, watts: number | null, extra: Partial<WindowSummary> = {}): WindowSummary {
  return {
    id,
    label,
    effort:
      watts === null
        ? null
        : { watts, activityId: 'i77', activityName: 'Hill repeats', activityType: 'Ride', date: '2026-03-10' },
    excluded: null,
    curveWeight: 70.4,
    icuVo2max5m: 58.9,
    wellnessWeight: 70.2,
    ...extra,
  };
}

function overview(windows?: WindowSummary[]): Vo2maxOverview {
  return {
    windows: windows ?? [
      win('42d', '42 days', 340),
      win('90d', '90 days', 352, { icuVo2max5m: null }),
      win('s0', 'This season', 352),
      win('1y', '1 year', 371),
      win('all', 'All time', 371),
    ],
    athleteWeight: null,
    today: '2026-03-15',
    fetchedAt: NOW.getTime(),
  };
}

type Answers = Partial<Record<MessageType | 'cache' | 'network', unknown>>;
function answer(answers: Answers) {
  send.mockImplementation((async (type: MessageType, data: { source?: string } | undefined) => {
    const key = type === 'getVo2max' && data?.source ? data.source : type;
    const value = await answers[key as keyof Answers];
    if (value instanceof Error) throw value;
    if (typeof value === 'function') return value(data);
    return value;
  }) as typeof sendMessage);
}

const figure = () => document.querySelector('.vo2-figure')?.textContent;
const sitko = (w: number, kg: number) => estimateVo2max(w, kg, 'sitko').toFixed(1);

beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
});
afterEach(() => {
  cleanup();
});

describe('Vo2maxCard', () => {
  it('shows the 42-day estimate with power, W/kg, weight and source, formula, date, link and intervals.icu’s figure', async () => {
    answer({ cache: null, network: overview() });
    render(<Vo2maxCard now={NOW} />);
    await waitFor(() => expect(figure()).toBe(`VO2max ≈ ${sitko(340, 70.2)} ml/kg/min`));
    const inputs = document.querySelector('.vo2-inputs')?.textContent ?? '';
    expect(inputs).toContain('5-min 340\u00a0W');
    expect(inputs).toContain(`${(340 / 70.2).toFixed(2)}\u00a0W/kg`);
    expect(inputs).toContain('70.2\u00a0kg (wellness)');
    expect(inputs).toContain('Sitko 2022');
    expect(inputs).toMatch(/10 Mar|Mar 10/);
    const link = screen.getByRole('link', { name: /Hill repeats/ });
    expect(link.getAttribute('href')).toBe('https://intervals.icu/activities/i77');
    expect(document.querySelector('.vo2-icu')?.textContent).toBe('intervals.icu’s own: 58.9 ml/kg/min');
    expect(send).toHaveBeenCalledWith('getVo2max', { source: 'cache' });
    expect(send).toHaveBeenCalledWith('getVo2max', { source: 'network' });
  });

  it('changes window and formula at once, without a request, and stores both', async () => {
    answer({ cache: overview(), network: overview() });
    render(<Vo2maxCard now={NOW} />);
    await waitFor(() => expect(figure()).toBe(`VO2max ≈ ${sitko(340, 70.2)} ml/kg/min`));
    const calls = send.mock.calls.length;

    fireEvent.click(screen.getByRole('radio', { name: '1 y' }));
    await waitFor(() => expect(figure()).toBe(`VO2max ≈ ${sitko(371, 70.2)} ml/kg/min`));
    fireEvent.click(screen.getByRole('radio', { name: 'ACSM' }));
    await waitFor(() => expect(figure()).toBe(`VO2max ≈ ${estimateVo2max(371, 70.2, 'acsm').toFixed(1)} ml/kg/min`));
    expect(document.querySelector('.vo2-inputs')?.textContent).toContain('ACSM');
    // 90 days: intervals.icu sent no vo2max_5m for it, so none is shown.
    fireEvent.click(screen.getByRole('radio', { name: '90 d' }));
    await waitFor(() => expect(document.querySelector('.vo2-icu')).toBeNull());

    expect(send.mock.calls.length).toBe(calls);
    expect(await vo2maxWindow.getValue()).toBe('90d');
    expect(await vo2maxFormula.getValue()).toBe('acsm');
  });

  it('opens with the stored window and formula', async () => {
    await vo2maxWindow.setValue('all');
    await vo2maxFormula.setValue('acsm');
    answer({ cache: null, network: overview() });
    render(<Vo2maxCard now={NOW} />);
    await waitFor(() => expect(figure()).toBe(`VO2max ≈ ${estimateVo2max(371, 70.2, 'acsm').toFixed(1)} ml/kg/min`));
    expect((screen.getByRole('radio', { name: 'All' }) as HTMLInputElement).checked).toBe(true);
  });

  it('no weight anywhere: says what to enter, shows no number, and takes a typed weight', async () => {
    answer({
      cache: null,
      network: overview([win('42d', '42 days', 340, { curveWeight: null, wellnessWeight: null })]),
    });
    render(<Vo2maxCard now={NOW} />);
    await screen.findByText(/Enter your weight to get an estimate/);
    expect(figure()).toBeUndefined();
    const input = screen.getByLabelText('Your weight (kg)');
    expect(input.closest('details')?.open).toBe(true);

    fireEvent.input(input, { target: { value: '150 lb' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    expect(screen.getByRole('alert').textContent).toMatch(/not a number of kilograms/);
    expect(input.getAttribute('aria-invalid')).toBe('true');

    fireEvent.input(input, { target: { value: '68,5' } });
    fireEvent.submit(input.closest('form') as HTMLFormElement);
    await waitFor(() => expect(figure()).toBe(`VO2max ≈ ${sitko(340, 68.5)} ml/kg/min`));
    expect(document.querySelector('.vo2-inputs')?.textContent).toContain('68.5\u00a0kg (your entry)');
    expect(await vo2maxWeightOverride.getValue()).toBe(68.5);

    fireEvent.click(screen.getByRole('button', { name: 'Use recorded weight' }));
    await screen.findByText(/Enter your weight to get an estimate/);
    expect(await vo2maxWeightOverride.getValue()).toBeNull();
  });

  it('uses the athlete profile weight when the curve and wellness have none', async () => {
    answer({
      cache: null,
      network: {
        ...overview([win('42d', '42 days', 340, { curveWeight: null, wellnessWeight: null })]),
        athleteWeight: 72,
      },
    });
    render(<Vo2maxCard now={NOW} />);
    await waitFor(() => expect(figure()).toBe(`VO2max ≈ ${sitko(340, 72)} ml/kg/min`));
    expect(document.querySelector('.vo2-inputs')?.textContent).toContain('72\u00a0kg (athlete profile)');
  });

  it('a window whose best effort is an e-bike ride, or with no ride: the reason, no number', async () => {
    answer({
      cache: null,
      network: overview([
        win('42d', '42 days', 390, { excluded: 'ebike' }),
        win('90d', '90 days', null),
        win('s0', 'This season', null),
        win('1y', '1 year', null),
        win('all', 'All time', null),
      ]),
    });
    render(<Vo2maxCard now={NOW} />);
    await screen.findByText(/e-bike rides: the recorded power may include the motor/);
    expect(figure()).toBeUndefined();
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));
    await screen.findByText('No ride with at least 5 minutes of power in this window.');
  });

  it('explains a failure with nothing cached, and retries', async () => {
    answer({ cache: null, network: new MessageError({ kind: 'offline', message: 'offline' }) });
    render(<Vo2maxCard now={NOW} />);
    const alert = await screen.findByRole('alert');
    answer({ cache: null, network: overview() });
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(figure()).toBe(`VO2max ≈ ${sitko(340, 70.2)} ml/kg/min`));
  });

  it('loads the trend only when asked, and closes it again', async () => {
    const trend: Vo2maxTrendData = { today: '2026-03-15', efforts: [], excluded: 0, athleteWeight: null, fetchedAt: 0 };
    answer({ cache: overview(), network: overview(), getVo2maxTrend: trend });
    render(<Vo2maxCard now={NOW} />);
    await waitFor(() => expect(figure()).toBeTruthy());
    expect(send).not.toHaveBeenCalledWith('getVo2maxTrend', undefined);
    const button = screen.getByRole('button', { name: 'Trend' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect((await screen.findByTestId('trend-chart')).textContent).toBe('0 efforts, sitko');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('region', { name: 'VO2max trend, 12 months' })).toBeTruthy();
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByTestId('trend-chart')).toBeNull());
  });

  it('saves the rounded estimate to the chosen day, locking it when asked', async () => {
    answer({
      cache: null,
      network: overview(),
      saveWellness: { status: 'saved', unconfirmed: [] },
    });
    render(<Vo2maxCard now={NOW} />);
    await waitFor(() => expect(figure()).toBeTruthy());
    const expected = Math.round(estimateVo2max(340, 70.2) * 10) / 10;
    fireEvent.click(screen.getByText('Save to wellness'));
    const day = screen.getByLabelText('Day', { exact: true }) as HTMLInputElement;
    expect(day.value).toBe('2026-03-15');
    fireEvent.input(day, { target: { value: '2026-03-14' } });
    fireEvent.click(screen.getByLabelText(/Lock the day/));
    fireEvent.click(screen.getByRole('button', { name: `Save VO2max ${expected.toFixed(1)} to wellness` }));
    await screen.findByText(/^Saved .* ml\/kg\/min to .*, day locked\.$/);
    expect(send).toHaveBeenCalledWith('saveWellness', {
      date: '2026-03-14',
      patch: { vo2max: expected, locked: true },
    });

    // A day ahead is refused before any request; a queued write says so.
    answer({ cache: null, network: overview(), saveWellness: { status: 'pending', unconfirmed: [] } });
    fireEvent.input(day, { target: { value: '2026-03-16' } });
    fireEvent.click(screen.getByRole('button', { name: /^Save VO2max/ }));
    await screen.findByText(/Choose today or an earlier day/);
    fireEvent.input(day, { target: { value: '2026-03-13' } });
    fireEvent.click(screen.getByLabelText(/Lock the day/));
    fireEvent.click(screen.getByRole('button', { name: /^Save VO2max/ }));
    await screen.findByText(/^Queued for .*: it will be sent as soon as intervals\.icu answers\.$/);
    expect(send).toHaveBeenLastCalledWith('saveWellness', { date: '2026-03-13', patch: { vo2max: expected } });
  });

  it('says what the activity in the tab gives, or why it gives nothing', async () => {
    const ride: ActivityVo2max = {
      activityId: 'i5',
      date: '2026-03-12',
      type: 'Ride',
      watts: 302,
      powerFrom: 'curve',
      weights: { wellness: null, curve: 71, athlete: null },
      icuVo2max5m: null,
      result: { ok: false, reason: 'no-weight' }, // as stored; the card applies its own formula and override
    };
    answer({ cache: null, network: overview(), getActivityVo2max: ride });
    const { unmount } = render(<Vo2maxCard activityId="i5" now={NOW} />);
    const line = await screen.findByTestId('vo2max-this-activity');
    await waitFor(() => expect(line.textContent).toContain(`VO2max ≈ ${sitko(302, 71)}`));
    expect(line.textContent).toContain('5-min 302\u00a0W');
    unmount();

    const run: ActivityVo2max = { ...ride, type: 'Run', watts: null, result: { ok: false, reason: 'running' } };
    answer({ cache: null, network: overview(), getActivityVo2max: run });
    render(<Vo2maxCard activityId="i6" now={NOW} />);
    await waitFor(() => expect(screen.getByTestId('vo2max-this-activity').textContent).toMatch(/Not offered for runs/));
  });
});

describe('Vo2maxSettings (options page)', () => {
  it('offers both formulas with equation and source, Sitko by default, and stores the choice', async () => {
    const { Vo2maxSettings } = await import('~/components/vo2max/Vo2maxSettings');
    await vo2maxWeightOverride.setValue(64);
    render(<Vo2maxSettings />);
    const group = screen.getByRole('radiogroup', { name: 'VO2max formula' });
    const sitkoRadio = within(group).getByRole('radio', { name: /Sitko et al\. 2022 \(default\)/ }) as HTMLInputElement;
    await waitFor(() => expect(sitkoRadio.checked).toBe(true));
    expect(group.textContent).toContain('VO2max = 16.6 + 8.87 × 5-min W/kg');
    expect(group.textContent).toContain('Int J Sports Physiol Perform. 2022;17(1):9–15');
    expect(group.textContent).toContain('VO2max = 10.8 × 5-min W/kg + 7');
    fireEvent.click(within(group).getByRole('radio', { name: /ACSM leg cycling/ }));
    await waitFor(async () => expect(await vo2maxFormula.getValue()).toBe('acsm'));
    await waitFor(() =>
      expect(document.querySelector('.vo2-settings .vo2-hint')?.textContent).toContain('You entered 64\u00a0kg'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Use recorded weight' }));
    await waitFor(async () => expect(await vo2maxWeightOverride.getValue()).toBeNull());
  });
});
