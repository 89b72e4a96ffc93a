/**
 * Applying for a service in browser mode (real host process, simulated reader and printer, Chromium with a
 * fake camera): a returning applicant with taps and keystrokes counted, a first-time applicant who types
 * only what the card and store cannot supply, hostile input, and nothing of either left afterwards.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../sync/protocol/id-checks';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import {
  api,
  checkScreen,
  Effort,
  openPage,
  personalTraces,
  placeCard,
  removeCard,
  screen,
} from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;

// The simulator's test cards (drivers/idcard/simulator/test-cards.ts).
const returning = {
  cardId: 'resident',
  name: '林测试',
  idNumber: `35058319880315123${residentIdCheckCharacter('35058319880315123')}`,
  address: '福建省南安市溪美街道示例路1号',
};
const firstTime = {
  cardId: 'resident-long-term',
  name: '陈样例',
  idNumber: `35058319560708246${residentIdCheckCharacter('35058319560708246')}`,
  address: '福建省南安市美林街道测试村3号',
};

interface CatalogueItem {
  id: string;
  common: boolean;
  formId: string | null;
}

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function firstCommonItem(page: Page): Promise<string> {
  const catalogue = await api<{ ok: boolean; value: { items: CatalogueItem[] } }>(page, 'getCatalogue');
  expect(catalogue.ok).toBe(true);
  const common = catalogue.value.items.filter((item) => item.common);
  const withForm = common.find((item) => item.formId !== null) ?? common[0];
  expect(withForm).toBeDefined();
  return withForm!.id;
}

/** Fills whatever the form still flags, by what each field asks for; returns when the form is done. */
async function completeForm(page: Page, effort: Effort): Promise<string[]> {
  const typedFields: string[] = [];
  for (let round = 0; round < 30; round++) {
    await effort.tap(page.getByTestId('next'));
    const moved = await page
      .locator('[data-screen-id="materials"]')
      .waitFor({ timeout: 1500 })
      .then(() => true)
      .catch(() => false);
    if (moved) return typedFields;
    const field = page.locator('.form-field.has-error').first();
    const fieldId = (await field.getAttribute('data-field')) ?? '';
    const provenance = (await field.getAttribute('data-provenance')) ?? '';
    typedFields.push(`${fieldId}:${provenance}`);
    const options = field.locator('[data-option]');
    if ((await options.count()) > 0) {
      await effort.tap(options.first());
      continue;
    }
    if ((await field.locator('.check-button').count()) > 0) {
      await effort.tap(field.locator('.check-button'));
      continue;
    }
    const input = field.locator('.text-input');
    await effort.tap(input);
    const keyboard = page.getByTestId('keyboard');
    await keyboard.waitFor();
    await page.getByTestId('keyboard-done').waitFor();
    const mode = (await keyboard.getAttribute('class')) ?? '';
    if (mode.includes('mode-chinese')) {
      await effort.typeChinese('nananshi', '南安市');
    } else if (mode.includes('mode-digits')) {
      const hint = `${fieldId} ${(await field.textContent()) ?? ''}`.toLowerCase();
      if (/date|日期/.test(hint)) await effort.type('20250101');
      else if (/id|身份证/.test(hint)) await effort.type(returning.idNumber);
      else await effort.type('13800138000');
    } else {
      await effort.type('abc');
    }
    await effort.tap(page.getByTestId('keyboard-done'));
  }
  throw new Error('the form did not complete');
}

describe('apply for a service', () => {
  it('returning applicant (简体, portrait): no keystrokes, at most 8 taps from card to ticket', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    const effort = new Effort(page);
    await checkScreen(page, 'apply-returning-01-attract-zh-Hans-portrait');
    const itemId = await firstCommonItem(page);

    await placeCard(page, returning.cardId);
    await screen(page, 'menu');
    await checkScreen(page, 'apply-returning-02-menu-zh-Hans-portrait');
    await effort.tap(page.locator('[data-service="apply"]'));
    await screen(page, 'choose-item');
    await page.locator(`[data-item-id="${itemId}"]`).waitFor();
    await checkScreen(page, 'apply-returning-03-choose-zh-Hans-portrait');
    await effort.tap(page.locator(`[data-item-id="${itemId}"]`));
    await screen(page, 'item-details');
    await checkScreen(page, 'apply-returning-04-item-zh-Hans-portrait');
    await effort.tap(page.getByTestId('start-item'));
    await page
      .locator('[data-screen-id="form"], [data-screen-id="materials"]')
      .first()
      .waitFor({ timeout: 30_000 });
    if (await page.locator('[data-screen-id="form"]').count()) {
      // Filled from the card and the store, with the source beside each field.
      expect(await page.locator('[data-provenance="card"]').count()).toBeGreaterThan(0);
      await checkScreen(page, 'apply-returning-05-form-zh-Hans-portrait');
      await effort.tap(page.getByTestId('next'));
      await screen(page, 'materials');
    }
    await checkScreen(page, 'apply-returning-06-materials-zh-Hans-portrait');
    const primary = page.getByTestId('use-all-archived').or(page.getByTestId('next'));
    await effort.tap(primary.first());
    await screen(page, 'review');
    await page.getByTestId('confirm').waitFor();
    expect(await page.getByTestId('review-id-number').textContent()).toBe(returning.idNumber);
    await checkScreen(page, 'apply-returning-07-review-zh-Hans-portrait');
    await effort.sign();
    await effort.tap(page.getByTestId('confirm'));
    await screen(page, 'ticket');
    const ticketNumber = (await page.getByTestId('ticket-number').textContent()) ?? '';
    expect(ticketNumber).toMatch(/^[A-Z]{1,2}\d{3,}$/);
    expect(await page.getByTestId('ticket-window').textContent()).toMatch(/^请到 .+ 号窗口$/);
    await page.getByTestId('receipt-status').waitFor();
    await checkScreen(page, 'apply-returning-08-ticket-zh-Hans-portrait');

    const report = { taps: effort.taps, signatureStrokes: effort.strokes, keystrokes: effort.keystrokes };
    console.info(`returning applicant effort: ${JSON.stringify(report)}`);
    expect(effort.keystrokes).toBe(0);
    expect(effort.taps + effort.strokes).toBeLessThanOrEqual(8);

    // Print the filled form too, then finish: nothing of the applicant is left.
    await page.getByTestId('print-form').click();
    await page.getByTestId('finish').click();
    await screen(page, 'attract');
    expect(await personalTraces(page, [returning.name, returning.idNumber, returning.address])).toEqual([]);
    await removeCard(page);
    await page.context().close();
  });

  it('first-time applicant (English, landscape): types only what is missing; hostile input stays text', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    const effort = new Effort(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Place your ID card on the reader' }).waitFor();
    const itemId = await firstCommonItem(page);
    await effort.tap(page.locator('[data-service="apply"]'));
    await screen(page, 'waiting-for-card');
    await checkScreen(page, 'apply-first-01-waiting-en-landscape');
    await placeCard(page, firstTime.cardId);
    await screen(page, 'choose-item');
    // Search by pinyin initials on the on-screen keyboard.
    await page.locator('[data-tab="search"]').click();
    await page.getByTestId('keyboard').waitFor();
    await checkScreen(page, 'apply-first-02-search-en-landscape');
    await page.locator('[data-tab="common"]').click();
    await effort.tap(page.locator(`[data-item-id="${itemId}"]`));
    await effort.tap(page.getByTestId('start-item'));
    await page
      .locator('[data-screen-id="form"], [data-screen-id="materials"]')
      .first()
      .waitFor({ timeout: 30_000 });

    if (await page.locator('[data-screen-id="form"]').count()) {
      await checkScreen(page, 'apply-first-03-form-en-landscape');
      // Hostile input into the first text field: markup, script, RTL override, emoji, 10,000 characters.
      const input = page.locator('.form-field input.text-input, .form-field textarea.text-input').first();
      const fieldBox = page.locator('.form-field').filter({ has: input });
      const before = await input.inputValue();
      const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>\u202Eevil😀${'长'.repeat(10_000)}`;
      await input.fill(hostile);
      await fieldBox.locator('.field-error').filter({ hasText: /\S/ }).waitFor();
      expect(await input.inputValue()).toBe(hostile);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      const layout = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        primary: document.querySelector('[data-testid="next"]')?.getBoundingClientRect().bottom ?? 0,
        height: window.innerHeight,
      }));
      expect(layout.width).toBeLessThanOrEqual(layout.viewport);
      expect(layout.primary).toBeLessThanOrEqual(layout.height);
      await checkScreen(page, 'apply-first-04-hostile-en-landscape');
      await input.fill(before);
      await page.getByTestId('keyboard-done').click();

      const typed = await completeForm(page, effort);
      console.info(
        `first-time applicant typed fields: ${JSON.stringify(typed)}, keystrokes ${effort.keystrokes}`,
      );
      // Only fields nothing could fill were typed: none the card or the store had supplied.
      for (const entry of typed) {
        expect(entry.split(':')[1], entry).toMatch(/^(empty|typed)$/);
      }
    }
    await screen(page, 'materials');
    await checkScreen(page, 'apply-first-05-materials-en-landscape');
    // Photograph every required document that has no archived copy, with the fake camera.
    for (let guard = 0; guard < 10; guard++) {
      await page.getByTestId('next').or(page.getByTestId('use-all-archived')).first().click();
      const moved = await page
        .locator('[data-screen-id="review"]')
        .waitFor({ timeout: 1500 })
        .then(() => true)
        .catch(() => false);
      if (moved) break;
      const missing = page.locator('.material-card.is-missing').first();
      await missing.locator('[data-testid^="capture-"]').click();
      await screen(page, 'camera');
      await page.getByTestId('take-photo').and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
      if (guard === 0) await checkScreen(page, 'apply-first-06-camera-en-landscape');
      await page.getByTestId('take-photo').click();
      await screen(page, 'materials');
      await page.locator('.material-card .page').first().waitFor();
    }
    await screen(page, 'review');
    await page.getByTestId('confirm').waitFor();
    await checkScreen(page, 'apply-first-07-review-en-landscape');
    await page.getByTestId('keep-in-store').click();
    await effort.sign();
    await page.getByTestId('confirm').click();
    await screen(page, 'ticket');
    expect(await page.getByTestId('ticket-window').textContent()).toMatch(/^Please go to window /);
    await checkScreen(page, 'apply-first-08-ticket-en-landscape');
    await page.getByTestId('finish').click();
    await screen(page, 'attract');
    expect(await personalTraces(page, [firstTime.name, firstTime.idNumber, firstTime.address])).toEqual([]);
    await removeCard(page);
    await page.context().close();
  });
});
