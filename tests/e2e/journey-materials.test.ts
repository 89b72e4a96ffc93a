/**
 * Issue 15, defect 9 / part 7, in Chromium: an archived copy is shown (thumbnail, tap to enlarge full
 * screen, close) BEFORE the applicant agrees to re-use it; its status words match ("有存档件…", never
 * "未提供" beside it); 用扫描仪扫描 is offered only on a kiosk with a scanner configured; the camera
 * screen has a framing guide and exactly one 返回.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { checkScreen, openPage, placeCard, removeCard, screen } from './journey-kit';

let plain: KioskProcess;
let withScanner: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  [plain, withScanner] = await Promise.all([
    startKioskProcess({ mode: 'demo' }),
    startKioskProcess({ mode: 'demo', scanner: { kind: 'sane', device: 'test' } }),
  ]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await plain?.stop();
  await withScanner?.stop();
});

/** A returning applicant (archived copies in the form-free store) on the housing-fund withdrawal's materials. */
async function toMaterials(page: Page): Promise<void> {
  await placeCard(page, 'sample-returning');
  await screen(page, 'menu');
  await page.locator('[data-service="apply"]').click();
  await screen(page, 'choose-item');
  await page.locator('[data-item-id]').first().waitFor();
  while ((await page.locator('[data-item-id="gjj-tq-zf"]').count()) === 0)
    await page.getByTestId('next-page').click();
  await page.locator('[data-item-id="gjj-tq-zf"]').click();
  await page.getByTestId('start-item').click();
  await screen(page, 'form');
  const unticked = page.locator(
    '.form-field:has(.required-mark)[data-provenance="empty"] .check-button[aria-pressed="false"]',
  );
  while ((await unticked.count()) > 0) await unticked.first().click();
  await page.getByTestId('next').click();
  await screen(page, 'materials');
}

async function leave(page: Page): Promise<void> {
  await page.getByTestId('home').click();
  await page.getByTestId('discard-and-home').click();
  await screen(page, 'take-card');
  await removeCard(page);
  await screen(page, 'attract');
  await page.context().close();
}

async function checkMaterials(
  page: Page,
  words: { available: string; inUse: string; notProvided: string; back: string; close: string },
  name: string,
): Promise<void> {
  const archived = page.locator('.material-card:has(.archived)').first();
  await archived.waitFor();
  const code = await archived.getAttribute('data-material');
  const status = page.getByTestId(`status-${code}`);
  // Before consent: the copy is shown and said to be available, never "not provided".
  expect(await status.textContent()).toBe(words.available);
  expect(await archived.textContent()).not.toContain(words.notProvided);
  expect(await archived.locator('img.thumb').count()).toBe(1);
  await checkScreen(page, `${name}-01-materials`);
  await page.getByTestId(`enlarge-archived-${code}`).click();
  await page.getByTestId('material-viewer').waitFor();
  await expect.poll(() => page.getByTestId('material-viewer-image').getAttribute('data-large')).toBe('yes');
  // Enlarged: the image takes most of the screen's height.
  const box = await page.getByTestId('material-viewer-image').boundingBox();
  const viewport = page.viewportSize();
  expect(box!.height).toBeGreaterThan(viewport!.height * 0.6);
  await checkScreen(page, `${name}-02-viewer`);
  expect(await page.getByTestId('viewer-close').textContent()).toBe(words.close);
  await page.getByTestId('viewer-close').click();
  await page.getByTestId('material-viewer').waitFor({ state: 'detached' });
  await page.getByTestId(`consent-${code}`).click();
  expect(await status.textContent()).toBe(words.inUse);
  // The camera: a framing guide and one 返回 (in the action bar).
  await page.locator('.material-card [data-testid^="capture-"]').first().click();
  await screen(page, 'camera');
  await page.getByTestId('framing-guide').waitFor();
  expect(await page.getByRole('button', { name: words.back, exact: true }).count()).toBe(1);
  await checkScreen(page, `${name}-03-camera`);
  await page.getByTestId('back').click();
  await screen(page, 'materials');
}

describe('materials (defect 9)', () => {
  it('shows, enlarges and names archived copies; no scanner offered without one; one 返回 (简体, portrait)', async () => {
    const page = await openPage(browser, plain.url, 'portrait');
    await toMaterials(page);
    expect(await page.locator('[data-testid^="scan-"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '用扫描仪扫描' }).count()).toBe(0);
    await checkMaterials(
      page,
      {
        available: '有存档件，请查看后确认使用',
        inUse: '已使用存档件',
        notProvided: '未提供',
        back: '返回',
        close: '关闭',
      },
      'materials-zh-Hans-portrait',
    );
    await leave(page);
  });

  it('offers the scanner when one is configured (English, landscape)', async () => {
    const page = await openPage(browser, withScanner.url, 'landscape');
    await page.getByRole('button', { name: 'English' }).click();
    await toMaterials(page);
    expect(await page.locator('[data-testid^="scan-"]').count()).toBeGreaterThan(0);
    await checkMaterials(
      page,
      {
        available: 'Archived copy available: look at it, then confirm',
        inUse: 'Archived copy in use',
        notProvided: 'Not provided',
        back: 'Back',
        close: 'Close',
      },
      'materials-en-landscape',
    );
    await leave(page);
  });
});
