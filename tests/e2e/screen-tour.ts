/**
 * A walk through every applicant screen of the renderer (renderer/src/screens/screen-map.tsx) and the
 * technician's PIN entry, calling `visit` on each one as it stands. Used by the size test
 * (screen-sizes.test.ts) and the screenshot test (screen-shots.test.ts) so both see the same screens.
 *
 * The walk needs a demo kiosk (default card policy, its data folder to reach the embedded central server):
 * the application it submits is served to the end by the window staff, so the rating screens have a case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { api, Effort, placeCard, removeCard, screen } from './journey-kit';

export type Visit = (name: string) => Promise<void>;

/** The language and modes the walk is in: the kiosk wipes them when a session ends, so they are re-applied. */
export interface TourModes {
  /** The language button's label: 简体, 繁體 or English. */
  language: string;
  elderly: boolean;
  highContrast: boolean;
}

async function applyModes(page: Page, modes: TourModes): Promise<void> {
  await page.getByRole('button', { name: modes.language, exact: true }).click();
  for (const [testId, wanted] of [
    ['elderly-switch', modes.elderly],
    ['contrast-switch', modes.highContrast],
  ] as const) {
    const on = (await page.getByTestId(testId).getAttribute('aria-pressed')) === 'true';
    if (on !== wanted) await page.getByTestId(testId).click();
  }
}

const returning = 'sample-returning';
const firstTime = 'sample-first-time';
const longItem = 'gjj-tq-zf';

/** The window staff call the case and finish it at the embedded central server (its staff API). */
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

/** Lets animations settle and fonts load before a screen is measured or photographed. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(250);
}

async function endSession(page: Page, modes: TourModes): Promise<void> {
  await screen(page, 'take-card');
  await removeCard(page);
  await screen(page, 'attract');
  // The simulated reader polls: let it see the card gone before the next one is laid down.
  await page.waitForTimeout(700);
  await applyModes(page, modes);
}

async function openItem(page: Page, itemId: string): Promise<void> {
  await page.locator('[data-service="apply"]').click();
  await screen(page, 'choose-item');
  await page.locator('[data-item-id]').first().waitFor();
  while ((await page.locator(`[data-item-id="${itemId}"]`).count()) === 0)
    await page.getByTestId('next-page').click();
  await page.locator(`[data-item-id="${itemId}"]`).click();
  await screen(page, 'item-details');
}

/** Every screen, in the page's current language and modes. Starts and ends on the attract screen. */
export async function tourScreens(
  page: Page,
  dataDir: string,
  modes: TourModes,
  visit: Visit,
): Promise<void> {
  const at = async (name: string) => {
    await settle(page);
    await visit(name);
  };
  await screen(page, 'attract');
  await applyModes(page, modes);
  await at('attract');

  // The technician's PIN entry behind the hidden corner gesture.
  for (let tap = 0; tap < 5; tap++) await page.mouse.click(12 + tap, 14);
  await page.getByTestId('tech-pin').waitFor();
  await at('technician-pin');
  await page
    .locator('[data-testid="tech-pin"] button')
    .filter({ hasText: /取消|Cancel/ })
    .first()
    .click();
  await page.getByTestId('tech-pin').waitFor({ state: 'detached' });

  // A service chosen before the card: "place your card", and the case number on the keypad.
  await page.locator('[data-service="progress"]').click();
  await screen(page, 'waiting-for-card');
  await at('waiting-for-card');
  await page.getByTestId('without-card-number').click();
  await screen(page, 'progress-number');
  await page.getByTestId('keyboard').waitFor();
  await at('progress-number');
  await page.getByTestId('home').click();
  await screen(page, 'attract');
  await applyModes(page, modes);

  // A first-time applicant: the item list, an item's details, the form with its errors, Home asked.
  await placeCard(page, firstTime);
  await screen(page, 'menu');
  await at('menu');
  await page.locator('[data-service="apply"]').click();
  await screen(page, 'choose-item');
  await page.locator('[data-item-id]').first().waitFor();
  await at('choose-item');
  await page.locator('[data-tab="department"]').click();
  await at('choose-item-department');
  await page.getByTestId('back').click();
  await screen(page, 'menu');
  await openItem(page, longItem);
  await at('item-details');
  await page.getByTestId('start-item').click();
  await screen(page, 'form');
  await page.locator('.form-field').first().waitFor();
  await at('form');
  await page.locator('.form-field .text-input').first().click();
  await page.getByTestId('keyboard').waitFor();
  await at('form-keyboard');
  await page.getByTestId('next').click();
  await page.getByTestId('form-summary').waitFor();
  await at('form-errors');
  await page.getByTestId('home').click();
  await page.getByTestId('discard-and-home').waitFor();
  await at('confirm-home');
  await page.getByTestId('discard-and-home').click();
  await screen(page, 'take-card');
  await at('take-card');
  await endSession(page, modes);

  // 为他人办理 (issue 18): the ways to identify the principal (wards by masked name), the ID-number keypad.
  await placeCard(page, 'sample-guardian');
  await screen(page, 'menu');
  await page.getByTestId('act-for-other').click();
  await screen(page, 'acting-for');
  await page.getByTestId('act-for-ward').first().waitFor();
  await at('acting-for');
  await page.getByTestId('act-by-number').click();
  await page.getByTestId('keyboard').waitFor();
  await at('acting-for-number');
  await page.getByTestId('home').click();
  await endSession(page, modes);

  // A returning applicant: materials, the camera, the review, the ticket.
  await placeCard(page, returning);
  await screen(page, 'menu');
  await openItem(page, longItem);
  await page.getByTestId('start-item').click();
  await screen(page, 'form');
  const unticked = page.locator(
    '.form-field:has(.required-mark)[data-provenance="empty"] .check-button[aria-pressed="false"]',
  );
  while ((await unticked.count()) > 0) await unticked.first().click();
  await page.getByTestId('next').click();
  await screen(page, 'materials');
  await at('materials');
  const needsPhoto = page.locator('.material-card:has(.tag.required):not(:has(.archived))');
  const photos = await needsPhoto.count();
  for (let index = 0; index < photos; index++) {
    await needsPhoto.nth(index).locator('[data-testid^="capture-"]').click();
    await page.getByTestId('take-photo').and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    if (index === 0) await at('camera');
    await page.getByTestId('take-photo').click();
    await screen(page, 'materials');
    await needsPhoto.nth(index).locator('.page').first().waitFor();
  }
  if (photos === 0) {
    await page.locator('[data-testid^="capture-"]').first().click();
    await page.getByTestId('take-photo').and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    await at('camera');
    await page.getByTestId('back').click();
    await screen(page, 'materials');
  }
  await page.getByTestId('use-all-archived').or(page.getByTestId('next')).first().click();
  await screen(page, 'review');
  await page.getByTestId('confirm').waitFor();
  await at('review');
  // The signature box may sit below the fold (elderly mode, landscape): a finger scrolls to it first.
  await page.getByTestId('signature').scrollIntoViewIfNeeded();
  await new Effort(page).sign();
  await page.getByTestId('confirm').click();
  await screen(page, 'ticket');
  await page.getByTestId('case-number').waitFor();
  await at('ticket');
  const caseNumber = (await page.getByTestId('case-number').getAttribute('data-case-number')) ?? '';
  await page.getByTestId('finish').click();
  await endSession(page, modes);
  await finishCase(dataDir, caseNumber);

  // The other services with the card: appointments, progress, rating with its thanks.
  await placeCard(page, returning);
  await screen(page, 'menu');
  await page.locator('[data-service="checkIn"]').click();
  await screen(page, 'appointments');
  await page.locator('[data-testid="check-in"], .empty-words').first().waitFor({ timeout: 30_000 });
  await at('appointments');
  await page.getByTestId('back').click();
  await screen(page, 'menu');
  await page.locator('[data-service="progress"]').click();
  await screen(page, 'progress');
  await page.locator('[data-case]').first().waitFor({ timeout: 30_000 });
  await at('progress');
  await page
    .locator(`[data-case="${caseNumber}"] [data-testid="rate-case"]`)
    .or(page.getByTestId('rate-case'))
    .first()
    .click();
  await screen(page, 'rating');
  await at('rating');
  await page.locator('[data-grade="5"]').click();
  await page.getByTestId('submit-rating').click();
  await screen(page, 'rating-thanks');
  await at('rating-thanks');
  await page.getByTestId('finish').click();
  await endSession(page, modes);
}

/** The idle warning over a session: needs a kiosk with the shortest idle settings (30 s, warning 20 s). */
export async function tourIdleOverlay(page: Page, modes: TourModes, visit: Visit): Promise<void> {
  await applyModes(page, modes);
  await placeCard(page, returning);
  await screen(page, 'menu');
  await page.getByTestId('idle-overlay').waitFor({ timeout: 30_000 });
  await settle(page);
  await visit('idle-overlay');
  await api(page, 'demoRemoveCard');
  await page.getByTestId('idle-continue').click();
  await page.getByTestId('home').click();
  await screen(page, 'attract');
  await page.waitForTimeout(700);
}
