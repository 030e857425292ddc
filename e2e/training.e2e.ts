/**
 * Training settings in Chromium with the built extension against the stand-in: the Ride and Run settings in their
 * units, an FTP write read back, "Use eFTP", undo, a refused value, a 422 with the server's text, and the season line
 * with the VO2max card's Season window starting on the same day.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Harness, openPopup, startHarness } from './fixtures';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await connect(h.browser);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.standIn.faults.clear();
});

const ride = () => h.standIn.state.sportSettings.find((s) => s.types.includes('Ride'));

async function trainingCard(): Promise<{ popup: Page; card: ReturnType<Page['locator']> }> {
  const popup = await openPopup(h.browser);
  const card = popup.getByRole('region', { name: 'Training' });
  await card.getByLabel('Ride settings').waitFor();
  return { popup, card };
}

describe('training settings in the popup', () => {
  it('shows the Ride and Run settings in their own units, and the season', async () => {
    const { popup, card } = await trainingCard();
    await expect
      .poll(() => card.getByLabel('Ride settings').textContent())
      .toMatch(/FTP\s*290\s*W[\s\S]*W′\s*19\.5\s*kJ/);
    await card.getByRole('radio', { name: 'Run' }).check();
    await expect.poll(() => card.getByLabel('Run settings').textContent()).toMatch(/Threshold pace\s*4:20\s*\/km/);
    const season = await card.locator('#training-season').textContent();
    expect(season).toMatch(/^Season 2 · since .+ · week \d+/);
    expect(season).toMatch(/next: Season 3 on/);
    await popup.close();
  });

  it('sets FTP, reads it back, and Undo puts it back', async () => {
    const { popup, card } = await trainingCard();
    await card.getByRole('button', { name: 'Edit Ride settings' }).click();
    const form = card.getByRole('form', { name: 'Edit Ride settings' });
    await form.locator('#t-ftp').fill('305');
    await form.locator('#t-ftp').press('Enter');
    await card.getByText('Saved to intervals.icu ✓').waitFor();
    expect(ride()?.ftp).toBe(305);
    expect(ride()?.indoor_ftp).toBe(280);
    await expect.poll(() => card.getByLabel('Ride settings').textContent()).toMatch(/FTP\s*305\s*W/);

    await card.getByText('History and undo').click();
    await card.getByRole('button', { name: 'Undo: Ride · FTP 290 W → 305 W' }).click();
    await card.getByText('Undone on intervals.icu ✓').waitFor();
    expect(ride()?.ftp).toBe(290);
    await popup.close();
  });

  it('uses eFTP as FTP in one click, with the value on the button', async () => {
    const { popup, card } = await trainingCard();
    const use = card.getByRole('button', { name: /^Use eFTP as FTP: \d+ W$/ });
    const eftp = Number((await use.textContent())?.match(/(\d+) W/)?.[1]);
    expect(eftp).toBeGreaterThan(250);
    await use.click();
    await card.getByText(`FTP set to eFTP, ${eftp} W ✓`).waitFor();
    expect(ride()?.ftp).toBe(eftp);
    await popup.close();
  });

  it('refuses an out-of-range value before sending, and shows a 422 with the server’s text', async () => {
    const { popup, card } = await trainingCard();
    const puts = () => h.standIn.state.snapshot().requests['PUT /api/v1/athlete/i424242/sport-settings/1101'] ?? 0;
    const before = puts();
    await card.getByRole('button', { name: 'Edit Ride settings' }).click();
    const form = card.getByRole('form', { name: 'Edit Ride settings' });
    await form.locator('#t-lthr').fill('250');
    await form.locator('#t-lthr').press('Enter');
    await form.getByText('LTHR must be between 60 and 240 bpm').waitFor();
    expect(await form.locator('#t-lthr').getAttribute('aria-invalid')).toBe('true');
    expect(puts()).toBe(before);

    h.standIn.faults.add({
      kind: 'status',
      status: 422,
      method: 'PUT',
      path: '/athlete/*/sport-settings/*',
      body: { status: 422, error: 'LTHR is higher than 98% of max HR' },
      times: 1,
    });
    await form.locator('#t-lthr').fill('187');
    await form.locator('#t-lthr').press('Enter');
    await card.getByText(/Not saved: .*LTHR is higher than 98% of max HR/).waitFor();
    expect(ride()?.lthr).toBe(168);
    await popup.close();
  });

  it('the VO2max card’s Season window starts on the season line’s day', async () => {
    const { popup, card } = await trainingCard();
    const season = await card.locator('#training-season').textContent();
    const since = season?.match(/since (.+?) ·/)?.[1];
    expect(since).toBeTruthy();
    const vo2 = popup.getByRole('region', { name: 'VO2max' });
    await vo2.getByRole('radio', { name: 'Season' }).check();
    await expect.poll(() => vo2.locator('#vo2max-season-since').textContent()).toBe(`This season: since ${since}`);
    await popup.close();
  });
});
