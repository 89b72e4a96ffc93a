/**
 * The form format's new parts on the real form screen in Chromium, by touch only (issue 13 part 7):
 * a repeatable group's rows added and removed with large buttons within its bounds, a problem shown
 * beside the cell of its row, a computed total and age shown read-only, a cross-field rule's message, a read-only fact.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckCharacter } from '../../drivers/idcard/simulator/test-cards';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { checkScreen, Effort, openPage, placeCard, screen } from './journey-kit';

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

async function openForm(page: Page, cardId: string, itemId: string): Promise<void> {
  await page.locator('[data-service="apply"]').click();
  await screen(page, 'waiting-for-card');
  await placeCard(page, cardId);
  await screen(page, 'choose-item');
  while ((await page.locator(`[data-item-id="${itemId}"]`).count()) === 0)
    await page.getByTestId('next-page').click();
  await page.locator(`[data-item-id="${itemId}"]`).click();
  await page.getByTestId('start-item').click();
  await screen(page, 'form');
}

describe('the form screen’s repeatable groups (issue 13 part 7)', () => {
  it('adds and removes shareholders with large buttons, keeps at least one, and names the row of a problem', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    const effort = new Effort(page);
    await openForm(page, 'sample-first-time', 'scjg-yxgs-sl');
    const group = page.locator('.form-field[data-field="shareholders"]');
    const rows = group.locator('.group-row');
    // One row to fill from the start (a company has at least one shareholder), and it cannot be removed.
    await expect.poll(() => rows.count()).toBe(1);
    expect(await group.locator('.remove-row').count()).toBe(0);
    await effort.tap(page.getByTestId('add-row-shareholders'));
    await expect.poll(() => rows.count()).toBe(2);
    expect(await group.locator('.remove-row').count()).toBe(2);
    // Large enough for a finger: at least the kiosk's touch target.
    const addBox = await page.getByTestId('add-row-shareholders').boundingBox();
    const removeBox = await page.getByTestId('remove-row-shareholders-2').boundingBox();
    expect(addBox!.height).toBeGreaterThanOrEqual(60);
    expect(removeBox!.height).toBeGreaterThanOrEqual(60);

    // A wrong ID number typed in row 2 on the on-screen keypad: the message names row 2 and the column.
    const second = rows.nth(1);
    await effort.tap(second.locator('[data-column="idNumber"] .text-input'));
    await page.getByTestId('keyboard').waitFor();
    const good = withCheckCharacter('35058319850505234');
    const wrong = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    await effort.type(wrong);
    expect(await second.locator('[data-column="idNumber"] .text-input').inputValue()).toBe(wrong);
    await expect
      .poll(() => second.locator('[data-column="idNumber"] .field-error').textContent())
      .toBe('第 2 位股东的“身份号码”：身份证号码有误，请逐位核对');
    expect(await rows.nth(0).locator('.field-error[role="alert"]').count()).toBe(0);
    await checkScreen(page, 'form-format-01-group-rows');

    await effort.tap(page.getByTestId('remove-row-shareholders-2'));
    await expect.poll(() => rows.count()).toBe(1);
    expect(await group.locator('.remove-row').count()).toBe(0);

    // The total of the shares is worked out as shares are typed, shown as text, never typed.
    const total = page.locator('.form-field[data-field="totalShare"]');
    expect(await total.locator('input').count()).toBe(0);
    const first = rows.nth(0);
    await effort.tap(first.locator('[data-column="share"] .text-input'));
    await effort.type('60');
    await expect.poll(() => page.getByTestId('card-value-totalShare').textContent()).toBe('60 %');
    expect(await page.getByTestId('provenance-totalShare').textContent()).toBe('自动计算');

    // With the row complete, the cross-field rule speaks beside the total: shares add up to 100%.
    await effort.tap(first.locator('[data-column="name"] .text-input'));
    await effort.typeChinese('chen', '陈');
    await effort.tap(first.locator('[data-column="idNumber"] .text-input'));
    await effort.type(good);
    await effort.tap(first.locator('[data-column="contribution"] .text-input'));
    await effort.type('60');
    await expect
      .poll(() => total.locator('.field-error').textContent())
      .toBe('各股东的出资比例合计应为 100%');
    await effort.tap(first.locator('[data-column="share"] .text-input'));
    await page.locator('.keyboard-top .mode-button', { hasText: '清空' }).click();
    await effort.type('100');
    await expect.poll(() => page.getByTestId('card-value-totalShare').textContent()).toBe('100 %');
    expect(await total.locator('.field-error').textContent()).toBe('');
    await checkScreen(page, 'form-format-02-total-share');
    await page.context().close();
  });

  it('shows the age the pension form works out from the card, read-only', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await openForm(page, 'sample-first-time', 'rs-cxjm-yl');
    const age = page.locator('.form-field[data-field="age"]');
    await age.waitFor();
    expect(await age.locator('input').count()).toBe(0);
    const birth = await page.getByTestId('card-value-birthDate').textContent();
    const shown = await page.getByTestId('card-value-age').textContent();
    expect(shown).toMatch(/^\d+ 岁$/);
    const born = /(\d{4})/.exec(birth ?? '')?.[1];
    const years = new Date().getFullYear() - Number(born);
    expect([years - 1, years]).toContain(Number.parseInt(shown!, 10));
    await checkScreen(page, 'form-format-03-computed-age');
    await page.context().close();
  });

  it('shows the household head from the register as text a returning applicant cannot change', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await openForm(page, 'sample-returning', 'hz-cs-dj');
    const head = page.locator('.form-field[data-field="householdHead"]');
    await head.waitFor();
    expect(await head.getAttribute('data-provenance')).toBe('store');
    expect(await head.locator('input').count()).toBe(0);
    expect((await page.getByTestId('card-value-householdHead').textContent())?.length).toBeGreaterThan(1);
    expect(await head.locator('[aria-label="不可修改"]').count()).toBe(1);
    // A fact that is not read-only stays editable.
    expect(await page.locator('.form-field[data-field="householdAddress"] .text-input').count()).toBe(1);
    await head.scrollIntoViewIfNeeded();
    await checkScreen(page, 'form-format-04-read-only');
    await page.context().close();
  });
});
