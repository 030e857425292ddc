/**
 * Coaches in Firefox: the athlete switcher in the popup (a coached athlete chosen, the popup reloads on them, the
 * choice kept) and one wellness edit for that athlete, landing on their own today in their time zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATHLETE_ID, HONOLULU_ATHLETE_ID } from '../../dev/fake-icu';
import { todayIn } from '../../lib/dates';
import {
  clickButton,
  connect,
  type FirefoxHarness,
  fill,
  openPopup,
  startFirefoxHarness,
  until,
  waitForText,
} from './fixtures';

let h: FirefoxHarness;

beforeAll(async () => {
  h = await startFirefoxHarness();
  await connect(h.firefox);
});
afterAll(async () => {
  await h?.close();
});

const heading = (popup: Awaited<ReturnType<typeof openPopup>>) =>
  popup.$eval('h1', (el) => el.textContent ?? '').catch(() => '');

describe('coaching in Firefox', () => {
  it('switches to Leilani, then edits her wellness on her today in Honolulu', async () => {
    const leilani = h.standIn.seed.athletes.find((a) => a.id === HONOLULU_ATHLETE_ID);
    const date = todayIn(leilani?.timezone ?? null, new Date());
    const popup = await openPopup(h.firefox);
    await popup.waitForSelector('#athlete-switcher', { timeout: 15_000 });
    await popup.select('#athlete-switcher', HONOLULU_ATHLETE_ID);
    await until(async () => (await heading(popup)) === 'Leilani Kahale', 'the popup on Leilani', 20_000);
    expect(await popup.$eval('#athlete-switcher', (s) => (s as HTMLSelectElement).value)).toBe(HONOLULU_ATHLETE_ID);

    await clickButton(popup, 'Edit wellness · lock days');
    await popup.waitForSelector('.w-dates input[type="date"]');
    await until(
      async () => (await popup.$eval('.w-dates input[type="date"]', (i) => (i as HTMLInputElement).value)) === date,
      'her today in the form',
    );
    const alexBefore = structuredClone(h.standIn.state.athlete(ATHLETE_ID)?.wellness.get(date));
    await fill(popup, '#w-restingHR', '36');
    await popup.focus('#w-restingHR');
    await popup.keyboard.press('Enter');
    await waitForText(popup, 'Saved to intervals.icu');
    expect(h.standIn.state.athlete(HONOLULU_ATHLETE_ID)?.wellness.get(date)?.restingHR).toBe(36);
    expect(h.standIn.state.athlete(ATHLETE_ID)?.wellness.get(date)).toEqual(alexBefore);
    await popup.close();
  });
});
