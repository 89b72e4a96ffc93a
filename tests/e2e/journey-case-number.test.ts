/**
 * Issue 15, defect 10, in Chromium: the case number is sixteen digits typed on the digit keypad alone
 * (no keyboard switch); a slip is caught by the check digit before any query, in plain words; "not
 * found" offers 返回 with the number kept, and 重新输入, instead of a bare 重试.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNumberParts, formatCaseNumber, issueCaseNumber } from '../../kernel/case-number';
import { caseNumberFromCode } from '../../renderer/src/session/case-code';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { checkScreen, Effort, openPage, screen, submitApplication } from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;
let submittedCase = '';

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo' });
  browser = await launchChromium();
  const page = await openPage(browser, kiosk.url, 'portrait');
  submittedCase = await submitApplication(page, 'sample-returning', 'gjj-tq-zf');
  await page.context().close();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function keypadForCaseNumber(page: Page): Promise<void> {
  await page.locator('[data-service="progress"]').click();
  await screen(page, 'waiting-for-card');
  await page.getByTestId('without-card-number').click();
  await screen(page, 'progress-number');
  await page.getByTestId('keyboard').waitFor();
}

/** The same number with one digit changed: the check digit must catch it. */
function withOneSlip(caseNumber: string, at: number): string {
  const wrong = (Number(caseNumber[at]) + 3) % 10;
  return `${caseNumber.slice(0, at)}${wrong}${caseNumber.slice(at + 1)}`;
}

describe('case numbers on the digit keypad', () => {
  it('the kiosk issues sixteen digits naming the day and itself; its QR address carries the same number', () => {
    expect(submittedCase).toMatch(/^\d{16}$/);
    expect(caseNumberParts(submittedCase)?.kioskNumber).toBe(1);
    expect(caseNumberFromCode(`http://hall.example/v1/progress/${submittedCase}`)).toBe(submittedCase);
  });

  it('a slip is caught by the check digit before any query; the right number finds the case (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await keypadForCaseNumber(page);
    // Digits only: one keypad, no letter keyboard, no dash key.
    expect(await page.locator('[data-keyboard-mode]').count()).toBe(0);
    expect(await page.locator('.hg-button[data-skbtn="-"]').count()).toBe(0);
    const effort = new Effort(page);
    await effort.type(withOneSlip(submittedCase, 9));
    expect(await page.locator('#case-number').inputValue()).toBe(
      formatCaseNumber(withOneSlip(submittedCase, 9)),
    );
    await page.getByTestId('query').click();
    const error = page.getByTestId('case-number-error');
    await expect.poll(() => error.textContent()).toContain('受理编号有误');
    // Nothing was looked up: still the keypad.
    expect(await page.locator('[data-screen-id="progress-number"]').count()).toBe(1);
    await checkScreen(page, 'case-number-01-check-digit-zh-Hans-portrait');

    // Too few digits: said as a count, not as an error of the number.
    const clear = page.locator('.keyboard-top .mode-button').first();
    await clear.click();
    await effort.type('2612');
    await page.getByTestId('query').click();
    await expect.poll(() => error.textContent()).toContain('已输入 4 位');

    await clear.click();
    await effort.type(submittedCase);
    expect(effort.keystrokes).toBe(16 + 4 + 16);
    await page.getByTestId('query').click();
    await screen(page, 'progress');
    await page.locator(`[data-case="${submittedCase}"]`).waitFor();
    expect(await page.getByTestId('case-number').first().textContent()).toBe(formatCaseNumber(submittedCase));
    await page.getByTestId('home').click();
    await screen(page, 'attract');
    await page.context().close();
  });

  it('"not found" offers Back with the number kept, and Enter again (English, landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await page.getByRole('button', { name: 'English' }).click();
    await keypadForCaseNumber(page);
    // A well-formed number (good check digit) that no case has.
    let unknown = '';
    for (let random = 1; unknown === '' || unknown === submittedCase; random += 7919) {
      const issued = issueCaseNumber('2026-12-07', 'K001', () => random);
      if (issued.ok) unknown = issued.value;
    }
    const effort = new Effort(page);
    await effort.type(unknown);
    await page.getByTestId('query').click();
    await page.getByTestId('not-found-back').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').first().textContent()).toContain(formatCaseNumber(unknown));
    expect(await page.getByTestId('problem-action').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await checkScreen(page, 'case-number-02-not-found-en-landscape');

    await page.getByTestId('not-found-back').click();
    await screen(page, 'progress-number');
    expect(await page.locator('#case-number').inputValue()).toBe(formatCaseNumber(unknown));

    await page.getByTestId('query').click();
    await page.getByTestId('not-found-reenter').click();
    await screen(page, 'progress-number');
    expect(await page.locator('#case-number').inputValue()).toBe('');
    await page.getByTestId('home').click();
    await screen(page, 'attract');
    await page.context().close();
  });
});
