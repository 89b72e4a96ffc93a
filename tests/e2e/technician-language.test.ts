/**
 * Issue 15, defect 14 (the rest), in Chromium: technician mode stays in the language it was opened in
 * after a test card read (the read starts and ends an applicant session, which used to reset the
 * language to the default); the update tab speaks one language; the log view shows readable lines
 * (time, level, message, fields), never raw JSON.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { api, openPage, removeCard } from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;
let pinSet = false;

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin)
    await page.locator('.tech-keypad').getByRole('button', { name: digit, exact: true }).click();
}

/** Five corner taps and the PIN; a demo kiosk asks its first technician to choose one. */
async function enter(page: Page, ok: string): Promise<void> {
  for (let i = 0; i < 5; i++) await page.mouse.click(12 + i, 14);
  await page.getByTestId('tech-pin').waitFor();
  await typePin(page, '975310');
  await page.getByRole('button', { name: ok, exact: true }).click();
  if (!pinSet) {
    for (const _ of [1, 2]) {
      await page.locator('.tech-keypad').waitFor();
      await typePin(page, '975310');
      await page.getByRole('button', { name: ok, exact: true }).click();
    }
    pinSet = true;
  }
  await page.getByTestId('technician-panel').waitFor({ timeout: 30_000 });
}

const tabLabel = (page: Page, tab: string) => page.locator(`[data-tab="${tab}"]`).textContent();

async function testRead(page: Page): Promise<void> {
  await page.getByTestId('test-read').click();
  const listed = await api<{ ok: boolean; value: { cards: { id: string }[] } }>(page, 'demoListCards');
  await api(page, 'demoPlaceCard', { cardId: listed.value.cards[0]!.id });
  await page.getByTestId('test-read-identity').waitFor({ timeout: 30_000 });
  // The card read behind the panel opens an applicant session; it ends (the applicant side resets to
  // the hall's default language) while the technician is still at work.
  const held = await api<{ ok: boolean; value: { state: string; sessionId?: string } }>(
    page,
    'getSessionState',
  );
  if (held.ok && held.value.state === 'active')
    await api(page, 'endSession', { sessionId: held.value.sessionId, reason: 'home' });
  await removeCard(page);
  await page.locator('[data-screen-id="attract"]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(500);
}

describe('technician mode, one language (defect 14)', () => {
  it('stays English after a test read; update tab and logs in English', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await page.getByRole('button', { name: 'English' }).click();
    await enter(page, 'OK');
    expect(await tabLabel(page, 'updates')).toBe('Updates');
    await testRead(page);
    expect(await tabLabel(page, 'updates')).toBe('Updates');
    expect(await tabLabel(page, 'logs')).toBe('Logs');
    expect(await page.getByTestId('technician-panel').textContent()).not.toMatch(/[\u4e00-\u9fff]{2,}/);
    await page.locator('[data-tab="updates"]').click();
    const update = (await page.getByTestId('update-state').textContent()) ?? '';
    expect(update.length).toBeGreaterThan(0);
    expect(update).not.toMatch(/[\u4e00-\u9fff]/);
    await page.locator('[data-tab="logs"]').click();
    await page.locator('.tech-log-line').first().waitFor({ timeout: 20_000 });
    const lines = await page.locator('.tech-log-line').allTextContents();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/[{}]"|"\s*:\s*[{"]|^\{/);
    expect(await page.getByTestId('log-field').count()).toBeGreaterThan(0);
    await page.getByTestId('tech-exit').click();
    await page.getByTestId('technician-panel').waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('stays 简体 after a test read; the update tab has no English words', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: '简体' }).click();
    await enter(page, '确定');
    await testRead(page);
    expect(await tabLabel(page, 'updates')).toBe('更新');
    await page.locator('[data-tab="updates"]').click();
    const update = (await page.getByTestId('update-state').textContent()) ?? '';
    expect(update).toMatch(/[\u4e00-\u9fff]/);
    expect(update).not.toMatch(/[A-Za-z]{3,}/);
    await page.locator('[data-tab="logs"]').click();
    await page.locator('.tech-log-line').first().waitFor({ timeout: 20_000 });
    const time = (await page.locator('.tech-log-time').first().textContent()) ?? '';
    expect(time).toMatch(/\d{4}\/\d{1,2}\/\d{1,2}|\d{1,2}:\d{2}:\d{2}/);
    await page.getByTestId('tech-exit').click();
    await page.getByTestId('technician-panel').waitFor({ state: 'detached' });
    await page.context().close();
  });
});
