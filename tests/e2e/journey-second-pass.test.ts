/**
 * Issue 15, defects 4 and 8, in Chromium: a long form's 向上/向下 stay where the finger is, 下一步 with
 * something missing brings the first such field into view and says how many are "not filled in"; a 60+
 * card holder is offered elderly mode in one tap.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { checkScreen, openPage, placeCard, removeCard, screen } from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
    });
}

describe('the journey, second pass', () => {
  it('offers elderly mode to a 60+ card holder in one tap (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await placeCard(page, 'sample-elderly');
    await screen(page, 'menu');
    await page.getByTestId('offer-elderly').waitFor();
    await checkScreen(page, 'elderly-00-offer-zh-Hans-portrait');
    await page.getByTestId('offer-elderly').click();
    await page.getByTestId('offer-elderly').waitFor({ state: 'detached' });
    expect(await page.getByTestId('elderly-switch').getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: '完成' }).click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });

  it('a long form: the scroll buttons stay put, and 下一步 shows the first unfilled field and counts them (English then 简体, landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await page.getByRole('button', { name: 'English' }).click();
    await placeCard(page, 'sample-first-time');
    await screen(page, 'menu');
    await page.locator('[data-service="apply"]').click();
    await screen(page, 'choose-item');
    await page.locator('[data-item-id]').first().waitFor();
    while ((await page.locator('[data-item-id="gjj-tq-zf"]').count()) === 0)
      await page.getByTestId('next-page').click();
    await page.locator('[data-item-id="gjj-tq-zf"]').click();
    await page.getByTestId('start-item').click();
    await screen(page, 'form');
    const down = page
      .getByRole('button', { name: 'Scroll down' })
      .or(page.getByRole('button', { name: 'Down' }));
    const before = await down.first().boundingBox();
    await down.first().click();
    await page.waitForTimeout(600);
    const after = await down.first().boundingBox();
    expect(after?.y).toBe(before?.y);
    await page.getByTestId('next').click();
    await page.getByTestId('form-summary').waitFor();
    expect(await page.getByTestId('form-summary').textContent()).toMatch(
      /fields? (is|are) not filled in yet/,
    );
    await page.waitForTimeout(300);
    expect(await inViewport(page, '.form-field.has-error')).toBe(true);
    await page.getByRole('button', { name: '简体' }).click();
    expect(await page.getByTestId('form-summary').textContent()).toMatch(/^还有 \d+ 项未填写/);
    await page.getByTestId('home').click();
    await page.getByTestId('discard-and-home').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });
});
