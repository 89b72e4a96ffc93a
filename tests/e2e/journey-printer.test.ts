/**
 * A printer that cannot print: the applicant is told on the review screen, BEFORE confirming, and may go
 * on without a printed receipt; the ticket screen then says plainly that no receipt was printed.
 * The kiosk is configured with a CUPS queue that does not exist.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { api, checkScreen, Effort, openPage, placeCard, removeCard, screen } from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo', printer: { kind: 'cups', name: 'no-such-printer-queue' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('printer unavailable', () => {
  it('warns before confirming and submits without a receipt (繁體, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    const status = await api<{ ok: boolean; value: { ready: boolean; state: string } }>(
      page,
      'getPrinterStatus',
    );
    expect(status.value.ready).toBe(false);
    await page.getByRole('button', { name: '繁體' }).click();
    const effort = new Effort(page);
    await placeCard(page, 'sample-returning');
    await screen(page, 'menu');
    await page.locator('[data-service="apply"]').click();
    await page.locator('[data-item-id="gjj-tq-zf"]').click();
    await page.getByTestId('start-item').click();
    await screen(page, 'form');
    const unticked = page.locator(
      '.form-field:has(.required-mark)[data-provenance="empty"] .check-button[aria-pressed="false"]',
    );
    while ((await unticked.count()) > 0) await unticked.first().click();
    await page.getByTestId('next').click();
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
    // Told before confirming, in words, with the choice on the primary button.
    await page.getByTestId('printer-warning').waitFor();
    expect(await page.getByTestId('printer-warning').textContent()).toContain('印表機暫時無法列印回執');
    expect(await page.getByTestId('confirm').textContent()).toContain('不列印回執，繼續提交');
    await checkScreen(page, 'printer-01-review-warning-zh-Hant-portrait');
    await effort.sign();
    await page.getByTestId('confirm').click();
    await screen(page, 'ticket');
    await page.getByTestId('receipt-status').waitFor();
    expect(await page.getByTestId('receipt-status').textContent()).toMatch(/回執未能列印/);
    expect((await page.getByTestId('ticket-number').textContent())?.length).toBeGreaterThan(0);
    await checkScreen(page, 'printer-02-ticket-no-receipt-zh-Hant-portrait');
    await page.getByTestId('finish').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });
});
