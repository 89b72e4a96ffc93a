/**
 * Issue 15, defect 8 / part 5, in Chromium: the green channel is shown on the attract screen and asked
 * on the item screen BEFORE the form (no boxes at the bottom of the review); the ticket explains it
 * ("您已享受残疾人优先服务"); a 60+ card holder is told it applies without ticking anything.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { checkScreen, Effort, openPage, placeCard, removeCard, screen } from './journey-kit';

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

/** An item without a form, of a department with a green-channel queue: 有限责任公司注销登记. */
const itemId = 'scjg-yxgs-zx';

/** From the menu to the item's screen, through the departments tab. */
async function toItem(page: Page): Promise<void> {
  await page.locator('[data-service="apply"]').click();
  await screen(page, 'choose-item');
  await page.locator('[data-tab="department"]').click();
  await page.locator('[data-department-id]').first().waitFor();
  while ((await page.locator('[data-department-id="market"]').count()) === 0)
    await page.getByTestId('next-page').click();
  await page.locator('[data-department-id="market"]').click();
  await page.locator('[data-item-id]').first().waitFor();
  while ((await page.locator(`[data-item-id="${itemId}"]`).count()) === 0)
    await page.getByTestId('next-page').click();
  await page.locator(`[data-item-id="${itemId}"]`).click();
  await screen(page, 'item-details');
}

/** From the item's screen through form, materials and review to the ticket. */
async function itemToTicket(page: Page): Promise<void> {
  await page.getByTestId('start-item').click();
  await screen(page, 'materials');
  const needsPhoto = page.locator('.material-card:has(.tag.required):not(:has(.archived))');
  for (let index = 0; index < (await needsPhoto.count()); index++) {
    await needsPhoto.nth(index).locator('[data-testid^="capture-"]').click();
    await page.getByTestId('take-photo').and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    await page.getByTestId('take-photo').click();
    await screen(page, 'materials');
    await needsPhoto.nth(index).locator('.page').first().waitFor();
  }
  await page.getByTestId('use-all-archived').or(page.getByTestId('next')).first().click();
  await screen(page, 'review');
  await page.getByTestId('confirm').waitFor();
  await new Effort(page).sign();
}

describe('green channel up front (defect 8)', () => {
  it('asks before the form and explains the priority on the ticket (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await page.getByTestId('green-channel-panel').waitFor();
    expect(await page.getByTestId('green-channel-panel').textContent()).toContain('残疾人');
    await placeCard(page, 'sample-returning');
    await screen(page, 'menu');
    await toItem(page);
    // Asked on the item's screen, before the form.
    await page.getByTestId('green-channel-choice').waitFor();
    expect(await page.getByTestId('green-channel-elderly').count()).toBe(0);
    await page.getByTestId('green-disabled').click();
    expect(await page.getByTestId('green-disabled').getAttribute('aria-pressed')).toBe('true');
    await checkScreen(page, 'green-01-item-zh-Hans-portrait');
    await itemToTicket(page);
    // The review repeats the answer once and has no boxes for it at the bottom.
    expect(await page.getByTestId('review-green-channel').textContent()).toBe('残疾人');
    expect(await page.locator('fieldset.priority, [data-testid^="green-"] button').count()).toBe(0);
    await page.getByTestId('confirm').click();
    await screen(page, 'ticket');
    await page.getByTestId('priority-explained').waitFor();
    expect(await page.getByTestId('priority-explained').textContent()).toContain('您已享受残疾人优先服务');
    await checkScreen(page, 'green-02-ticket-zh-Hans-portrait');
    await page.getByTestId('finish').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });

  it('tells a 60+ holder it applies and explains it on the ticket (English, landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getByTestId('green-channel-panel').textContent()).toContain('aged 60 and over');
    await placeCard(page, 'sample-elderly');
    await screen(page, 'menu');
    await toItem(page);
    await page.getByTestId('green-channel-elderly').waitFor();
    expect(await page.getByTestId('green-channel-elderly').textContent()).toContain('60 or over');
    await checkScreen(page, 'green-03-item-elderly-en-landscape');
    await itemToTicket(page);
    expect(await page.getByTestId('review-green-channel').textContent()).toBe('Aged 60 and over');
    await page.getByTestId('confirm').click();
    await screen(page, 'ticket');
    await page.getByTestId('priority-explained').waitFor();
    expect(await page.getByTestId('priority-explained').textContent()).toContain(
      'You receive priority service for senior citizens',
    );
    await page.getByTestId('finish').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });

  it('an applicant under 60 who ticks nothing gets no priority explanation (简体)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await placeCard(page, 'sample-returning');
    await screen(page, 'menu');
    await toItem(page);
    await itemToTicket(page);
    expect(await page.getByTestId('review-green-channel').count()).toBe(0);
    await page.getByTestId('confirm').click();
    await screen(page, 'ticket');
    expect(await page.getByTestId('priority-explained').count()).toBe(0);
    await page.getByTestId('finish').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });
});
