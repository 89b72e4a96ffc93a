/**
 * Issue 15 part 4 and defect 12, in Chromium against a real host process: the hall's identity comes
 * from its config (name, emblem, colours) and shows in the header; the attract screen's upper half shows
 * how to start, today's queues as the central system reports them (issue 16 part 6's queue board) and
 * the green channel; the card-placement picture moves, and lies still with prefers-reduced-motion.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { api, checkScreen, openPage, submitApplication } from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;
const emblemSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#c00"/></svg>';

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'hall-emblem-'));
  const emblemFile = join(folder, 'emblem.svg');
  writeFileSync(emblemFile, emblemSvg);
  kiosk = await startKioskProcess({
    mode: 'demo',
    hall: {
      name: {
        'zh-Hans': '试验市政务服务中心',
        'zh-Hant': '試驗市政務服務中心',
        en: 'Test City Service Centre',
      },
      emblemFile,
      colours: { primary: '#5a1e6e', accent: '#1d5e3a' },
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('the screens as one system', () => {
  it('the header shows the hall’s name, emblem and colours from the config (简体 and English, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    expect(await page.locator('.hall-name').textContent()).toBe('试验市政务服务中心');
    const emblem = page.locator('img.hall-emblem');
    expect(await emblem.getAttribute('src')).toBe(
      `data:image/svg+xml;base64,${Buffer.from(emblemSvg).toString('base64')}`,
    );
    expect(await emblem.getAttribute('alt')).toBe('政务服务中心徽标');
    const header = await page
      .locator('.frame-header')
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(header).toBe('rgb(90, 30, 110)');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    expect(await page.locator('.hall-name').textContent()).toBe('Test City Service Centre');
    // The high-contrast theme keeps its own colours whatever the hall's are.
    await page.getByTestId('contrast-switch').click();
    expect(
      await page.locator('.frame-header').evaluate((element) => getComputedStyle(element).backgroundColor),
    ).toBe('rgb(0, 0, 0)');
    await page.context().close();
  });

  it('the attract screen’s upper half: how to start, today’s queues from the central system, the green channel (繁體 portrait, English landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await page.getByRole('button', { name: '繁體', exact: true }).click();
    const guide = page.getByTestId('attract-guide');
    await guide.waitFor();
    await page.locator('[data-testid="queue-board"] tr[data-queue-id]').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('green-channel').textContent()).toContain('年滿 60 歲的老年人');
    expect(await guide.textContent()).toContain('放置身份證');
    // The upper half of a portrait screen: the guide starts under the header, above the middle.
    const box = await guide.boundingBox();
    expect(box!.y).toBeLessThan(1920 * 0.2);
    await checkScreen(page, 'design-attract-zh-Hant-portrait');

    // An application puts a person in a queue: the board shows it once the kiosk has pulled the state.
    const board = await api<{ ok: boolean; value: { queues: { queueId: string; waiting: number }[] } }>(
      page,
      'getQueueBoard',
    );
    expect(board.ok).toBe(true);
    const waitingBefore = board.value.queues.reduce((sum, queue) => sum + queue.waiting, 0);
    await submitApplication(page, 'sample-returning', 'gjj-tq-zf');
    await expect
      .poll(
        async () => {
          const now = await api<{ ok: boolean; value: { queues: { waiting: number }[] } }>(
            page,
            'getQueueBoard',
          );
          return now.value.queues.reduce((sum, queue) => sum + queue.waiting, 0);
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(waitingBefore);
    await page.context().close();

    const wide = await openPage(browser, kiosk.url, 'landscape');
    await wide.getByRole('button', { name: 'English', exact: true }).click();
    const rows = wide.locator('[data-testid="queue-board"] tr[data-queue-id]');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await wide.locator('[data-testid="queue-waiting"]').allTextContents()).toContainEqual(
      expect.stringMatching(/^[1-9]\d* (person|people) waiting$/),
    );
    // Landscape uses the width: the guide sits beside the card and the services, not under them.
    const guideBox = await wide.getByTestId('attract-guide').boundingBox();
    const services = await wide.locator('.service-grid').boundingBox();
    expect(guideBox!.x).toBeGreaterThan(services!.x + services!.width - 1);
    await checkScreen(wide, 'design-attract-en-landscape');
    await wide.context().close();
  });

  it('the card-placement picture moves, and lies on the reader with prefers-reduced-motion', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    const moving = await page
      .locator('[data-testid="card-placement"] .id-card')
      .evaluate((card) => card.getAnimations().map((animation) => (animation as CSSAnimation).animationName));
    expect(moving).toEqual(['card-onto-reader']);
    await page.context().close();

    const context = await browser.newContext({
      viewport: { width: 1080, height: 1920 },
      reducedMotion: 'reduce',
    });
    const still = await context.newPage();
    await still.goto(kiosk.url);
    const card = still.locator('[data-testid="card-placement"] .id-card');
    await card.waitFor();
    expect(await card.evaluate((element) => element.getAnimations().length)).toBe(0);
    expect(await card.evaluate((element) => getComputedStyle(element).transform)).not.toBe('none');
    await context.close();
  });
});
