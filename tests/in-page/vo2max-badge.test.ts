// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { badgeText, renderBadge, vo2maxBadge } from '~/components/in-page/features/vo2max-badge';
import { sendMessage } from '~/lib/messages';
import { estimateVo2max } from '~/lib/power/vo2max';
import type { ActivityVo2max } from '~/lib/power/vo2max-views';

vi.mock('~/lib/messages', async (importOriginal) => ({
  ...(await importOriginal<typeof import('~/lib/messages')>()),
  sendMessage: vi.fn(),
}));
const send = vi.mocked(sendMessage);

const ride: ActivityVo2max = {
  activityId: 'i1',
  date: '2026-03-10',
  type: 'Ride',
  watts: 340,
  powerFrom: 'curve',
  weights: { wellness: 70, curve: 70.4, athlete: null },
  icuVo2max5m: 59.5,
  result: {
    ok: true,
    vo2max: estimateVo2max(340, 70),
    watts: 340,
    wattsPerKg: 340 / 70,
    weight: { kg: 70, source: 'wellness' },
    formula: 'sitko',
  },
};
const run: ActivityVo2max = { ...ride, type: 'Run', watts: null, result: { ok: false, reason: 'running' } };

beforeEach(() => {
  document.body.innerHTML = '';
  send.mockReset();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('vo2max badge', () => {
  it('reads "5-min 340 W · 4.86 W/kg · VO2max ≈ 59.7" with units', () => {
    expect(badgeText(ride)).toBe('5-min 340\u00a0W · 4.86\u00a0W/kg · VO2max ≈ 59.7');
  });

  it('says a weight is needed when there is power but no weight, and is hidden for the other reasons', () => {
    expect(badgeText({ ...ride, result: { ok: false, reason: 'no-weight' } })).toBe(
      '5-min 340\u00a0W · VO2max needs your weight',
    );
    for (const reason of ['running', 'ebike', 'no-power', 'too-short', 'strava', 'not-cycling'] as const) {
      expect(badgeText({ ...ride, watts: null, result: { ok: false, reason } })).toBeNull();
    }
  });

  it('opens its details with the button and closes them with Escape, focus back on the button', () => {
    const root = document.createElement('span');
    document.body.append(root);
    expect(renderBadge(root, ride)).toBe(true);
    const button = root.querySelector('button') as HTMLButtonElement;
    const details = root.querySelector('.vo2-details') as HTMLElement;
    expect(details.hidden).toBe(true);
    button.click();
    expect(details.hidden).toBe(false);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(details.textContent).toContain('70\u00a0kg (wellness,');
    expect(details.textContent).toContain('Sitko 2022');
    expect(details.textContent).toContain('intervals.icu59.5 ml/kg/min');
    details.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(details.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
  });

  it('mounts on activity pages only, asks once, renders nothing for a run, and cleans up', async () => {
    expect(vo2maxBadge.routes).toEqual(['activity']);
    send.mockResolvedValue(run);
    const slot = document.createElement('span');
    const unmount = vo2maxBadge.mount(slot, {
      route: { kind: 'activity', activityId: 'i2' },
      signal: new AbortController().signal,
    });
    await vi.waitFor(() => expect(send).toHaveBeenCalledWith('getActivityVo2max', { activityId: 'i2' }));
    await Promise.resolve();
    expect(slot.querySelector('button')).toBeNull();
    unmount();
    expect(slot.childElementCount).toBe(0);

    send.mockResolvedValue(ride);
    const controller = new AbortController();
    const other = document.createElement('span');
    vo2maxBadge.mount(other, { route: { kind: 'activity', activityId: 'i1' }, signal: controller.signal });
    await vi.waitFor(() => expect(other.querySelector('button')?.textContent).toMatch(/^5-min 340/));

    // An answer arriving after navigation is dropped.
    const late = document.createElement('span');
    const aborted = new AbortController();
    vo2maxBadge.mount(late, { route: { kind: 'activity', activityId: 'i1' }, signal: aborted.signal });
    aborted.abort();
    await new Promise((r) => setTimeout(r, 0));
    expect(late.querySelector('button')).toBeNull();
  });
});
