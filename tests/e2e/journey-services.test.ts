/**
 * Appointment check-in, progress query (by card and by case number on the keypad), rating, and the
 * elderly and high-contrast modes, in browser mode against the demo kiosk.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCaseNumber } from '../../kernel/case-number';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import {
  checkScreen,
  Effort,
  type Identity,
  learnIdentity,
  openPage,
  personalTraces,
  placeCard,
  removeCard,
  screen,
  submitApplication,
  tracesOf,
} from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;
/** A case number of the test person, learnt from the progress query by card. */
let knownCaseNumber: string | null = null;
let submittedCase = '';

/** A Y4M clip for Chromium's fake camera: a receipt's QR code, held still, on white. */
function qrVideo(text: string, path: string): void {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.data[row * size + col]) continue;
      for (let y = 0; y < scale; y++)
        luma.fill(
          16,
          (top + row * scale + y) * width + left + col * scale,
          (top + row * scale + y) * width + left + (col + 1) * scale,
        );
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}

const personCard = 'sample-returning';
let person: Identity;

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo', ui: { cardPolicy: 'hold' } });
  browser = await launchChromium();
  const page = await openPage(browser, kiosk.url, 'portrait');
  person = await learnIdentity(page, personCard);
  // A case to look up: the sample store's person applies once (the demo store starts with none).
  submittedCase = await submitApplication(page, personCard, 'gjj-tq-zf');
  await page.context().close();
  await finishCase(kiosk.dataDir, submittedCase);
});

/**
 * The window staff serve the case at the embedded central server (its staff API, as the staff page
 * uses it): called, then the next call finishes it, so the applicant can rate it.
 */
async function finishCase(dataDir: string, caseNumber: string): Promise<void> {
  const { centralUrl } = JSON.parse(readFileSync(join(dataDir, 'enrolment.json'), 'utf8')) as {
    centralUrl: string;
  };
  type Overview = {
    windows: {
      windowId: string;
      serving: { caseNumber: string | null } | null;
      waiting: { caseNumber: string | null }[];
    }[];
  };
  // The embedded demo central's one-time admin, whose secret it leaves in its data folder.
  const signIn = await fetch(`${centralUrl}/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'admin',
      password: readFileSync(join(dataDir, 'central', 'admin-secret'), 'utf8').trim(),
    }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const authorization = `Bearer ${token}`;
  const overview = async () =>
    (await (
      await fetch(`${centralUrl}/v1/staff/overview`, { headers: { authorization } })
    ).json()) as Overview;
  const callNext = (windowId: string) =>
    fetch(`${centralUrl}/v1/staff/windows/${windowId}/call-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: '{}',
    });
  const deadline = Date.now() + 30_000;
  let windowId: string | undefined;
  while (!windowId && Date.now() < deadline) {
    windowId = (await overview()).windows.find((w) =>
      w.waiting.some((t) => t.caseNumber === caseNumber),
    )?.windowId;
    if (!windowId) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!windowId) throw new Error(`case ${caseNumber} never reached a window's queue`);
  for (let calls = 0; calls < 20; calls++) {
    await callNext(windowId);
    const serving = (await overview()).windows.find((w) => w.windowId === windowId)?.serving;
    if (serving?.caseNumber === caseNumber) {
      await callNext(windowId);
      return;
    }
  }
  throw new Error(`case ${caseNumber} was never called`);
}

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

async function minTargetHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const heights = [...document.querySelectorAll('button, .hg-button')]
      .filter((element) => !element.closest('.demo-panel'))
      .map((element) => element.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0)
      .map((box) => box.height);
    return Math.min(...heights);
  });
}

async function minFontSize(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sizes: number[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.closest('.demo-panel, .visually-hidden')) continue;
      const box = parent.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      sizes.push(Number.parseFloat(getComputedStyle(parent).fontSize));
    }
    return Math.min(...sizes);
  });
}

describe('services beside applying', () => {
  it('appointment check-in (繁體, landscape): today’s appointments; a priority ticket in at most 2 taps', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await page.getByRole('button', { name: '繁體' }).click();
    await page.getByRole('heading', { name: '請放置身份證' }).waitFor();
    const effort = new Effort(page);
    await placeCard(page, personCard);
    await screen(page, 'menu');
    await effort.tap(page.locator('[data-service="checkIn"]'));
    await screen(page, 'appointments');
    await page.locator('[data-testid="check-in"], .empty-words').first().waitFor({ timeout: 30_000 });
    await checkScreen(page, 'checkin-01-list-zh-Hant-landscape');
    // Demo mode books today's appointment for this card at the embedded central server.
    expect(await page.getByTestId('check-in').count()).toBeGreaterThan(0);
    await effort.tap(page.getByTestId('check-in').first());
    await screen(page, 'ticket');
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-window').textContent()).toMatch(/^請到 .+ 號窗口$/);
    await checkScreen(page, 'checkin-02-ticket-zh-Hant-landscape');
    console.info(`appointment check-in effort: ${effort.taps} taps, ${effort.keystrokes} keystrokes`);
    expect(effort.taps).toBeLessThanOrEqual(2);
    await page.getByTestId('finish').click();
    await screen(page, 'take-card');
    expect(await personalTraces(page, tracesOf(person))).toEqual([]);
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });

  it('progress by card, then by case number on the keypad; a rating when the case is finished (English, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await page.getByRole('button', { name: 'English' }).click();
    await placeCard(page, personCard);
    await screen(page, 'menu');
    await page.locator('[data-service="progress"]').click();
    await screen(page, 'progress');
    await page.locator('[data-case]').first().waitFor({ timeout: 30_000 });
    await checkScreen(page, 'progress-01-by-card-en-portrait');
    const caseNumber = (await page.locator('[data-case]').first().getAttribute('data-case')) ?? '';
    expect(caseNumber).toBe(submittedCase);
    knownCaseNumber = caseNumber;
    await page.getByTestId('home').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');

    // Without the card: the case number on the keypad.
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('[data-service="progress"]').click();
    await screen(page, 'waiting-for-card');
    await page.getByTestId('without-card-number').click();
    await screen(page, 'progress-number');
    await page.getByTestId('keyboard').waitFor();
    await checkScreen(page, 'progress-02-keypad-en-portrait');
    const effort = new Effort(page);
    // Digits only, on the keypad alone (issue 15, defect 10): no keyboard switch.
    expect(caseNumber).toMatch(/^\d{16}$/);
    await effort.type(caseNumber);
    expect(await page.locator('#case-number').inputValue()).toBe(formatCaseNumber(caseNumber));
    await page.getByTestId('query').click();
    await screen(page, 'progress');
    await page.locator(`[data-case="${caseNumber}"]`).waitFor();
    await checkScreen(page, 'progress-03-by-number-en-portrait');

    // The window finished this case (beforeAll), so it can be rated.
    const rateable = page.getByTestId('rate-case').first();
    await rateable.waitFor();
    await rateable.click();
    await screen(page, 'rating');
    await checkScreen(page, 'rating-01-grades-en-portrait');
    await page.getByTestId('submit-rating').click();
    await page.getByRole('alert').filter({ hasText: 'Please choose a rating first' }).waitFor();
    await page.locator('[data-grade="5"]').click();
    await page.locator('[data-reason="fast"]').click();
    await page.getByTestId('submit-rating').click();
    await screen(page, 'rating-thanks');
    await checkScreen(page, 'rating-02-result-en-portrait');
    await page.getByTestId('finish').or(page.getByTestId('home')).first().click();
    await screen(page, 'attract');
    await page.context().close();
  });

  it('progress by the receipt’s QR code held to the camera (简体, portrait)', async () => {
    const caseNumber = knownCaseNumber ?? 'NA-0000-0001';
    const video = join(kiosk.dataDir, 'receipt-qr.y4m');
    qrVideo(`http://127.0.0.1:8080/progress/${encodeURIComponent(caseNumber)}`, video);
    const qrBrowser = await launchChromium([`--use-file-for-fake-video-capture=${video}`]);
    try {
      const page = await openPage(qrBrowser, kiosk.url, 'portrait');
      await page.locator('[data-service="progress"]').click();
      await page.getByTestId('without-card-number').click();
      await screen(page, 'progress-number');
      await page.getByTestId('by-qr').click();
      await screen(page, 'progress-qr');
      await checkScreen(page, 'progress-04-qr-zh-Hans-portrait');
      // The code is decoded in the page (jsQR) and the case looked up by its number.
      await screen(page, 'progress');
      await page.locator(`[data-case="${caseNumber}"], .problem-box`).first().waitFor({ timeout: 30_000 });
      if (knownCaseNumber) await page.locator(`[data-case="${caseNumber}"]`).waitFor();
      await page.getByTestId('home').click();
      await screen(page, 'attract');
    } finally {
      await qrBrowser.close();
    }
  });

  it('rating a finished case of the card holder (简体, landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await page.locator('[data-service="rate"]').click();
    await screen(page, 'waiting-for-card');
    await placeCard(page, personCard);
    await screen(page, 'rating-cases');
    await page.locator('[data-case], .empty-words').first().waitFor({ timeout: 30_000 });
    await checkScreen(page, 'rating-03-cases-zh-Hans-landscape');
    await page.getByTestId('home').click();
    await screen(page, 'take-card');
    expect(await personalTraces(page, tracesOf(person))).toEqual([]);
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });

  it('elderly mode and the high-contrast theme: larger type and targets, still accessible', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    expect(await minTargetHeight(page)).toBeGreaterThanOrEqual(64);
    expect(await minFontSize(page)).toBeGreaterThanOrEqual(20);
    await page.getByTestId('elderly-switch').click();
    await placeCard(page, personCard);
    await screen(page, 'menu');
    expect(await minTargetHeight(page)).toBeGreaterThanOrEqual(88);
    expect(await minFontSize(page)).toBeGreaterThanOrEqual(28);
    await checkScreen(page, 'elderly-01-menu-zh-Hans-portrait');
    await page.locator('[data-service="apply"]').click();
    await screen(page, 'choose-item');
    await page.locator('[data-item-id]').first().waitFor({ timeout: 30_000 });
    // Four choices at most in elderly mode, with paging buttons instead of scrolling.
    expect(await page.locator('[data-item-id]').count()).toBeLessThanOrEqual(4);
    await checkScreen(page, 'elderly-02-choose-zh-Hans-portrait');
    await page.getByTestId('contrast-switch').click();
    await checkScreen(page, 'contrast-01-choose-zh-Hans-portrait');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await checkScreen(page, 'contrast-02-choose-zh-Hans-landscape');
    await page.getByTestId('home').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    // A new person starts in the hall's default mode (the attract screen can show for a moment while the
    // ending session is still being wiped, so the switch is read until it settles).
    await expect
      .poll(() => page.getByTestId('elderly-switch').getAttribute('aria-pressed'), { timeout: 10_000 })
      .toBe('false');
    await page.context().close();
  });
});
