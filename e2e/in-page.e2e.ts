/**
 * The in-page companion on (the stand-in for) intervals.icu: the toolbar sits in the activity header's actions area,
 * follows the single-page app without duplicates, disappears elsewhere, falls back to a floating toolbar when the
 * anchor is missing, keeps keys away from the site's shortcuts, and the popup opens on the tab's activity.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Harness, startHarness } from './fixtures';

const HOST = 'icu-companion-toolbar';
const RIDE = 'i9001005'; // Edge 810 ride with 8 laps, not the latest activity

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  await connect(h.browser);
  page = await h.browser.context.newPage();
});
afterAll(async () => {
  await h?.close();
});

const hosts = () => page.locator(HOST).count();
const slots = () =>
  page.evaluate((tag) => {
    const host = document.querySelector(tag);
    return host
      ? [...(host.shadowRoot?.querySelectorAll('[data-feature]') ?? [])].map((s) => (s as HTMLElement).dataset.feature)
      : [];
  }, HOST);
const clickSiteLink = (name: string) => page.getByRole('link', { name, exact: true }).first().click();

describe('in-page toolbar', () => {
  it('sits in the activity header’s action area, next to the site’s own links', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await page.locator(`.gutter8 > :last-child > :last-child > ${HOST}`).waitFor();
    expect(await hosts()).toBe(1);
    expect((await slots()).length).toBeGreaterThan(0);
  });

  it('stays single across tabs and re-renders, and moves to the next activity', async () => {
    const before = await slots();
    await clickSiteLink('Data');
    await page.waitForURL(/\/data$/);
    await page.locator(`.gutter8 ${HOST}`).waitFor(); // the site re-rendered its header: the toolbar came back
    expect(await hosts()).toBe(1);
    expect(await slots()).toEqual(before);

    await clickSiteLink('Calendar');
    await page.getByRole('link', { name: 'Ardennes loop' }).click();
    await page.waitForURL(/i9001001$/);
    await page.locator(`.gutter8 ${HOST}`).waitFor();
    expect(await hosts()).toBe(1);
  });

  it('vanishes on pages no feature serves, without a reload', async () => {
    await clickSiteLink('Settings');
    await page.waitForURL(/\/settings$/);
    await expect.poll(hosts, { timeout: 5000 }).toBe(0);
    await page.goBack();
    await page.locator(`.gutter8 ${HOST}`).waitFor();
    expect(await hosts()).toBe(1);
  });

  it('falls back to a floating toolbar when the header anchor is missing', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}?layout=noanchor`);
    const floating = page.locator(`body > ${HOST}[data-placement="floating"]`);
    await floating.waitFor({ timeout: 10_000 });
    expect(await hosts()).toBe(1);
    const box = await floating.boundingBox();
    expect(box && box.width > 0 && box.height > 0).toBe(true);
  });

  it('keeps keys typed in its UI away from the site’s shortcuts', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await page.locator(`.gutter8 ${HOST}`).waitFor();
    await page.getByRole('textbox', { name: 'Note' }).press('a');
    const siteSaw = await page.evaluate(() => (window as unknown as { __siteShortcuts: number }).__siteShortcuts);
    expect(siteSaw).toBeGreaterThan(0); // the site's handler is live
    const button = page.locator(HOST).locator('button').first();
    await button.focus();
    await button.press('e');
    expect(await page.evaluate(() => (window as unknown as { __siteShortcuts: number }).__siteShortcuts)).toBe(siteSaw);
  });
});

describe('popup on an activity page', () => {
  it('opens focused on the tab’s activity', async () => {
    await page.goto(`https://intervals.icu/activities/${RIDE}`);
    await page.bringToFront();
    await page.locator(`.gutter8 ${HOST}`).waitFor();
    const name = h.standIn.seed.activities.find((a) => a.id === RIDE)?.name as string;
    const popup = await h.browser.openToolbarPopup();
    const section = popup.getByRole('region', { name: 'This activity' });
    await section.getByRole('heading', { name }).waitFor({ timeout: 15_000 });
    expect(await section.getByRole('link', { name: /Open on intervals.icu/ }).getAttribute('href')).toBe(
      `https://intervals.icu/activities/${RIDE}`,
    );
    await popup.close();
  });
});
