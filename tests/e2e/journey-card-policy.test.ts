/**
 * Issue 15, defect 1, under the default card policy ("read once"): the card may be taken back once it
 * was read and the session goes on; the end of a session asks for a card still lying on the reader (in
 * words, a picture and a chime); and a card already lying there counts as laid when a service is chosen.
 */
import type { Browser } from 'playwright-core';
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

describe('the card policy "read once" (the default)', () => {
  it('says the card may be taken back; lifting it keeps the session until 完成 (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    expect(await page.getByTestId('card-policy').textContent()).toBe(
      '读卡后即可取回身份证，办理结束前可随时继续。',
    );
    await placeCard(page, 'resident');
    await screen(page, 'menu');
    const greeting = (await page.getByTestId('greeting').textContent()) ?? '';
    await removeCard(page);
    // Well past the moment the old behaviour wiped the session (within a second).
    await page.waitForTimeout(1500);
    await screen(page, 'menu');
    expect(await page.getByTestId('greeting').textContent()).toBe(greeting);
    await page.locator('[data-service="apply"]').click();
    await screen(page, 'choose-item');
    expect(await page.getByTestId('card-keep').count()).toBe(0);
    await page.getByTestId('home').click();
    // The card is already gone: nothing to ask for.
    await screen(page, 'attract');
    await page.context().close();
  });

  it('asks for a card left on the reader after 完成, and a card lying there counts as laid (English, landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await page.getByRole('button', { name: 'English' }).click();
    await placeCard(page, 'resident');
    await screen(page, 'menu');
    await page.getByRole('button', { name: 'Finish' }).click();
    await screen(page, 'take-card');
    await page.getByRole('heading', { name: 'Please take your ID card' }).waitFor();
    await checkScreen(page, 'end-02-take-card-en-landscape');
    // Asked again by a renderer that reconnects: the host holds the state.
    await page.reload();
    await screen(page, 'take-card');
    // Back to the start with the card still there: choosing a service opens its session at once.
    await page.getByTestId('home').click();
    await screen(page, 'attract');
    await page.locator('[data-service="apply"]').click();
    await screen(page, 'choose-item');
    await page.getByTestId('home').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });

  it('keeps what was typed over 返回 and 开始办理, and 首页 asks before discarding it (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
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
    const field = page.locator('.form-field[data-provenance="empty"]:has(.text-input)').first();
    const fieldId = await field.getAttribute('data-field');
    const input = page.locator(`.form-field[data-field="${fieldId}"] .text-input`);
    await input.fill('6217000010001234567');
    await page.getByTestId('back').click();
    await screen(page, 'item-details');
    await page.getByTestId('start-item').click();
    await screen(page, 'form');
    expect(await input.inputValue()).toBe('6217000010001234567');
    // One tap on 首页 does not throw it away: it asks first.
    await page.getByTestId('home').click();
    await page.getByRole('alertdialog').waitFor();
    await checkScreen(page, 'end-03-confirm-home-zh-Hans-portrait');
    await page.getByTestId('keep-filling').click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await input.inputValue()).toBe('6217000010001234567');
    await page.getByTestId('home').click();
    await page.getByTestId('discard-and-home').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });
});
