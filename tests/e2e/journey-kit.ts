/**
 * Shared steps of the journey e2e tests (tests/e2e/journey-*.test.ts): one kiosk process per file,
 * one browser per file, a fresh context per scenario; taps and keystrokes counted; axe on every screen;
 * screenshots under tests/artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { Effort } from '../support/applicant-effort';

export { Effort };

export const screenshotDir = resolve(import.meta.dirname, '..', 'artifacts', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

export type Orientation = 'portrait' | 'landscape';
export const viewports: Record<Orientation, { width: number; height: number }> = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
};

export async function openPage(browser: Browser, url: string, orientation: Orientation): Promise<Page> {
  const context = await browser.newContext({ viewport: viewports[orientation], hasTouch: true });
  await context.grantPermissions(['camera']);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`page error: ${error.message}`);
  });
  await page.goto(url);
  await page.locator('.app').waitFor({ timeout: 30_000 });
  // A session an earlier scenario left open (a card may be taken back once read), and a card left on
  // the reader that would start one at once: both go.
  const held = await api<{ ok: boolean; value: { state: string; sessionId?: string } }>(
    page,
    'getSessionState',
  );
  if (held.ok && held.value.state === 'active')
    await api(page, 'endSession', { sessionId: held.value.sessionId, reason: 'home' });
  await api(page, 'demoRemoveCard');
  await page.locator('[data-screen-id="attract"]').waitFor({ timeout: 30_000 });
  return page;
}

export async function api<T = unknown>(page: Page, method: string, body: unknown = {}): Promise<T> {
  const response = await page.evaluate(
    async ([m, b]) => {
      const reply = await fetch(`/api/call/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      return reply.json();
    },
    [method, body] as const,
  );
  const envelope = response as { status: string; result?: unknown; message?: string };
  if (envelope.status !== 'ok') throw new Error(`${method}: ${envelope.status} ${envelope.message ?? ''}`);
  return envelope.result as T;
}

export async function placeCard(page: Page, cardId: string): Promise<void> {
  const result = await api<{ ok: boolean }>(page, 'demoPlaceCard', { cardId });
  expect(result.ok).toBe(true);
}

export async function removeCard(page: Page): Promise<void> {
  await api(page, 'demoRemoveCard');
}

export async function screen(page: Page, id: string, timeout = 30_000): Promise<void> {
  await page.locator(`[data-screen-id="${id}"]`).waitFor({ timeout });
}

/** axe-core on the screen as it is: no serious or critical violation. Also keeps a screenshot. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('.demo-panel')
    .analyze();
  const bad = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(bad, name).toEqual([]);
}

/** Where a person's data could linger in the page after a session. */
export async function personalTraces(page: Page, needles: readonly string[]): Promise<string[]> {
  return page.evaluate(async (wanted) => {
    const found: string[] = [];
    const html = document.documentElement.outerHTML;
    const values = [...document.querySelectorAll('input, textarea')].map(
      (element) => (element as HTMLInputElement).value,
    );
    for (const needle of wanted) {
      if (!needle) continue;
      if (html.includes(needle)) found.push(`DOM: ${needle.length} chars`);
      if (values.some((value) => value.includes(needle))) found.push('form field');
      for (const storage of [localStorage, sessionStorage]) {
        for (let i = 0; i < storage.length; i++) {
          const value = storage.getItem(storage.key(i)!) ?? '';
          if (value.includes(needle)) found.push('web storage');
        }
      }
    }
    const databases = (await indexedDB.databases?.()) ?? [];
    if (databases.length > 0) found.push(`IndexedDB: ${databases.length}`);
    return found;
  }, needles);
}

export interface Identity {
  name: string;
  idNumber: string;
  address: string | null;
}

/**
 * Who is on a test card: laid on the reader, read through the host API, then taken away, and the page
 * reloaded (it starts clean). Used only to know what must NOT remain after a session.
 */
export async function learnIdentity(page: Page, cardId: string): Promise<Identity> {
  await placeCard(page, cardId);
  await page.locator('[data-screen-id="menu"]').waitFor({ timeout: 30_000 });
  // The session the host opened for the card (the state a reconnecting renderer is given).
  const started = await api<{ ok: boolean; value: { state: string; sessionId: string; identity: Identity } }>(
    page,
    'getSessionState',
  );
  expect(started.value.state).toBe('active');
  await api(page, 'endSession', { sessionId: started.value.sessionId, reason: 'home' });
  await removeCard(page);
  await page.reload();
  await page.locator('[data-screen-id="attract"]').waitFor({ timeout: 30_000 });
  // Let the simulated reader's poll see the card gone before the test lays it down again.
  await page.waitForTimeout(700);
  const { name, idNumber, address } = started.value.identity;
  return { name, idNumber, address };
}

export function tracesOf(identity: Identity): string[] {
  return [identity.name, identity.idNumber, identity.address ?? ''].filter((entry) => entry.length > 0);
}

/**
 * A returning applicant's application for one item, straight through (to have a case to look up).
 * Returns the case number shown on the ticket screen. Leaves the page on the attract screen, card removed.
 */
export async function submitApplication(page: Page, cardId: string, itemId: string): Promise<string> {
  const effort = new Effort(page);
  await placeCard(page, cardId);
  await screen(page, 'menu');
  await page.locator('[data-service="apply"]').click();
  await screen(page, 'choose-item');
  await page.locator('[data-item-id]').first().waitFor();
  while ((await page.locator(`[data-item-id="${itemId}"]`).count()) === 0)
    await page.getByTestId('next-page').click();
  await page.locator(`[data-item-id="${itemId}"]`).click();
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
  await page.getByTestId('confirm').waitFor();
  await effort.sign();
  await page.getByTestId('confirm').click();
  await screen(page, 'ticket');
  const caseNumber = (await page.getByTestId('case-number').getAttribute('data-case-number')) ?? '';
  await page.getByTestId('finish').click();
  await screen(page, 'take-card');
  await removeCard(page);
  await screen(page, 'attract');
  await page.waitForTimeout(700);
  return caseNumber;
}
