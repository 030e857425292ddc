/**
 * Planned workouts in Firefox: today's workout saved from the popup's Plan section (a file written from a moz-extension:
 * page), and the calendar's "Download week", whose zip writer is an on-demand script the content script imports from
 * moz-extension:. Each file is read back.
 */
import { Decoder, Stream } from '@garmin/fitsdk';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type FirefoxHarness, openPopup, saved, startFirefoxHarness, waitForText } from './fixtures';

const HOST = 'icu-companion-toolbar';
let h: FirefoxHarness;
let today: string;

beforeAll(async () => {
  h = await startFirefoxHarness();
  await connect(h.firefox);
  today = h.standIn.state.snapshot().today;
});
afterAll(async () => {
  await h?.close();
});

/** The first button with exactly this text inside the Plan row of `workout`. */
async function clickInRow(popup: Page, workout: string, label: string): Promise<void> {
  await popup.waitForFunction(
    (workout) =>
      [...document.querySelectorAll('li[data-event-id]')]
        .find((li) => li.querySelector('strong')?.textContent === workout)
        ?.querySelectorAll('button').length,
    { timeout: 15_000 },
    workout,
  );
  await popup.evaluate(
    (workout, label) => {
      const row = [...document.querySelectorAll('li[data-event-id]')].find(
        (li) => li.querySelector('strong')?.textContent === workout,
      );
      ([...(row?.querySelectorAll('button') ?? [])].find((b) => b.textContent === label) as HTMLElement)?.click();
    },
    workout,
    label,
  );
}

describe('Plan in Firefox', () => {
  it('saves today’s workout from the popup as .zwo, named <date>_<name>', async () => {
    const popup = await openPopup(h.firefox);
    await waitForText(popup, 'VO2max 5×3 min');
    await waitForText(popup, 'ZWO keeps power, ramps and cadence.');
    const file = await saved(h.firefox.downloadDir, () => clickInRow(popup, 'VO2max 5×3 min', 'Download .zwo'));
    expect(file.name).toBe(`${today}_VO2max-5×3-min.zwo`);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(file.bytes.toString('utf8'));
    expect(xml.workout_file.name).toBe('VO2max 5×3 min');
    await waitForText(popup, `Saved ${today}_VO2max-5×3-min.zwo`);
    await popup.close();
  });

  it('saves the week’s zip from the calendar page, every FIT file decoding', async () => {
    const popup = await openPopup(h.firefox);
    await waitForText(popup, 'VO2max 5×3 min');
    await popup.select('#plan-format', 'fit');
    await popup.close();

    const page = await h.firefox.newPage();
    await page.goto('https://intervals.icu/calendar');
    const download = await page.waitForSelector(`${HOST} >>> ::-p-aria("Download week")`, { timeout: 15_000 });
    const file = await saved(h.firefox.downloadDir, async () => download?.click());
    expect(file.name).toMatch(new RegExp(`^${today}_to_\\d{4}-\\d{2}-\\d{2}_workouts_fit\\.zip$`));
    const entries = unzipSync(new Uint8Array(file.bytes));
    expect(Object.keys(entries).length).toBeGreaterThanOrEqual(4);
    for (const [name, bytes] of Object.entries(entries)) {
      expect(name).toMatch(/^\d{4}-\d{2}-\d{2}_.+\.fit$/);
      const { messages, errors } = new Decoder(Stream.fromByteArray([...bytes])).read();
      expect(errors).toEqual([]);
      expect(messages.fileIdMesgs?.[0]?.type).toBe('workout');
    }
    await page.close();
  });
});
