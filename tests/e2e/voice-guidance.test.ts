/**
 * Issue 15, part 5: in elderly mode every screen speaks its prompt (its title and its one instruction,
 * the same words as on screen) in the screen's language. speechSynthesis.speak is wrapped before the
 * page loads, so what the renderer hands to the speech engine is recorded, screen by screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { api, Effort, placeCard, removeCard, screen, viewports } from './journey-kit';

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

interface Spoken {
  text: string;
  lang: string;
}

/** A page whose speechSynthesis.speak records each utterance (and still hands it on). */
async function openRecordingPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: viewports.portrait, hasTouch: true });
  await context.grantPermissions(['camera']);
  await context.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
    const original = window.speechSynthesis.speak.bind(window.speechSynthesis);
    window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
      spoken.push({ text: utterance.text, lang: utterance.voice?.lang || utterance.lang });
      original(utterance);
    };
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`page error: ${error.message}`);
  });
  await page.goto(kiosk.url);
  await page.locator('.app').waitFor({ timeout: 30_000 });
  const held = await api<{ ok: boolean; value: { state: string; sessionId?: string } }>(
    page,
    'getSessionState',
  );
  if (held.ok && held.value.state === 'active')
    await api(page, 'endSession', { sessionId: held.value.sessionId, reason: 'home' });
  await api(page, 'demoRemoveCard');
  await screen(page, 'attract');
  return page;
}

/** The prompt the screen shows: its heading and its instruction (the menu's greeting carries a name, never read aloud). */
async function shownPrompt(page: Page, id: string, language: string): Promise<string> {
  const frame = page.locator(`[data-screen-id="${id}"]`);
  const instruction = (
    await frame.locator('.screen-instruction, .attract-hint').first().textContent()
  )?.trim();
  if (id === 'menu') return instruction ?? '';
  const title = (await frame.locator('h1').first().textContent())?.trim() ?? '';
  if (!instruction) return title;
  return language === 'en' ? `${title}. ${instruction}` : `${title}。${instruction}`;
}

async function lastSpoken(page: Page): Promise<Spoken | null> {
  return page.evaluate(() => {
    const spoken = (window as unknown as { __spoken: Spoken[] }).__spoken;
    return spoken.at(-1) ?? null;
  });
}

/** Waits for the screen, then checks that what was spoken last is that screen's prompt in its language. */
async function expectSpoken(page: Page, id: string, language: string, heard: string[]): Promise<void> {
  await screen(page, id);
  const prompt = await shownPrompt(page, id, language);
  expect(prompt.length, id).toBeGreaterThan(0);
  await expect.poll(async () => (await lastSpoken(page))?.text, { message: id, timeout: 5000 }).toBe(prompt);
  const spoken = await lastSpoken(page);
  expect(spoken?.lang.slice(0, 2), id).toBe(language === 'en' ? 'en' : 'zh');
  heard.push(id);
}

const languages = [
  { language: 'zh-Hans', button: '简体' },
  { language: 'en', button: 'English' },
  { language: 'zh-Hant', button: '繁體' },
] as const;

describe('voice guidance in elderly mode (part 5)', () => {
  for (const { language, button } of languages) {
    it(`speaks every screen's prompt in ${language}`, async () => {
      const page = await openRecordingPage();
      await page.getByRole('button', { name: button }).click();
      // Nothing is spoken before elderly mode is on.
      expect(await lastSpoken(page)).toBeNull();
      await page.getByTestId('elderly-switch').click();
      const heard: string[] = [];
      await expectSpoken(page, 'attract', language, heard);
      await placeCard(page, 'sample-returning');
      await expectSpoken(page, 'menu', language, heard);
      // The other services' first screens, and back.
      for (const [service, id] of [
        ['checkIn', 'appointments'],
        ['progress', 'progress'],
        ['rate', 'rating-cases'],
      ] as const) {
        await page.locator(`[data-service="${service}"]`).click();
        await screen(page, id);
        await expectSpoken(page, id, language, heard);
        // Back once the service has loaded what it shows (a look-up in progress has no 返回).
        await page.locator('.busy').waitFor({ state: 'detached' });
        await page.getByTestId('back').first().click();
        await expectSpoken(page, 'menu', language, heard);
      }
      await page.locator('[data-service="apply"]').click();
      await expectSpoken(page, 'choose-item', language, heard);
      while ((await page.locator('[data-item-id="gjj-tq-zf"]').count()) === 0)
        await page.getByTestId('next-page').click();
      await page.locator('[data-item-id="gjj-tq-zf"]').click();
      await expectSpoken(page, 'item-details', language, heard);
      await page.getByTestId('start-item').click();
      await expectSpoken(page, 'form', language, heard);
      const unticked = page.locator(
        '.form-field:has(.required-mark)[data-provenance="empty"] .check-button[aria-pressed="false"]',
      );
      while ((await unticked.count()) > 0) await unticked.first().click();
      // Paged forms in elderly mode: 下一步 until the materials screen.
      while ((await page.locator('[data-screen-id="materials"]').count()) === 0)
        await page.getByTestId('next').click();
      await expectSpoken(page, 'materials', language, heard);
      await page.locator('[data-testid^="capture-"]').first().click();
      await expectSpoken(page, 'camera', language, heard);
      await page.getByTestId('back').click();
      await expectSpoken(page, 'materials', language, heard);
      const needsPhoto = page.locator('.material-card:has(.tag.required):not(:has(.archived))');
      for (let index = 0; index < (await needsPhoto.count()); index++) {
        await needsPhoto.nth(index).locator('[data-testid^="capture-"]').click();
        await page.getByTestId('take-photo').and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
        await page.getByTestId('take-photo').click();
        await screen(page, 'materials');
        await needsPhoto.nth(index).locator('.page').first().waitFor();
      }
      await page.getByTestId('use-all-archived').or(page.getByTestId('next')).first().click();
      await expectSpoken(page, 'review', language, heard);
      await page.getByTestId('confirm').waitFor();
      await new Effort(page).sign();
      await page.getByTestId('confirm').click();
      await expectSpoken(page, 'ticket', language, heard);
      await page.getByTestId('finish').click();
      await expectSpoken(page, 'take-card', language, heard);
      await removeCard(page);
      await screen(page, 'attract');
      expect(new Set(heard).size).toBeGreaterThanOrEqual(12);
      await page.context().close();
    });
  }
});
