/**
 * How a session ends: card removal, Home, and inactivity (the warning with its countdown, one touch to
 * extend, then the wipe). Uses the shortest idle settings the config allows (30 s, warning 20 s).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../kernel/id-checks';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { checkScreen, openPage, personalTraces, placeCard, removeCard, screen } from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;

const person = {
  cardId: 'resident',
  name: '林测试',
  idNumber: `35058319880315123${residentIdCheckCharacter('35058319880315123')}`,
  address: '福建省南安市溪美街道示例路1号',
};
const traces = [person.name, person.idNumber, person.address];
/** The holder of the simulator's expired test card (drivers/idcard/simulator/test-cards.ts). */
const expiredHolder = '黄过期';

beforeAll(async () => {
  kiosk = await startKioskProcess({
    mode: 'demo',
    ui: { idleTimeoutSeconds: 30, idleWarningSeconds: 20, cardPolicy: 'hold' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('the end of a session', () => {
  it('card removal mid-journey wipes the applicant (English, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await page.getByRole('button', { name: 'English' }).click();
    await placeCard(page, person.cardId);
    await screen(page, 'menu');
    expect(await page.getByTestId('greeting').textContent()).toBe(`Hello, ${person.name}`);
    await page.locator('[data-service="apply"]').click();
    await screen(page, 'choose-item');
    // Under the hall's "hold" policy every screen of the session says the card must stay.
    expect(await page.getByTestId('card-keep').textContent()).toContain('Keep your ID card on the reader');
    await removeCard(page);
    await screen(page, 'attract');
    // Issue 15, defect 1: the session ends with words, not silently, in the leaving applicant's language.
    expect(await page.getByTestId('attract-notice').textContent()).toMatch(/^You took your ID card away/);
    expect(await personalTraces(page, traces)).toEqual([]);
    // The next person starts in the default language.
    await page.getByRole('heading', { name: '请放置身份证' }).waitFor({ timeout: 45_000 });
    await page.context().close();
  });

  it('an expired card or a wrong check digit is turned away in words (简体, landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    // Everything the host pushes from here on (the event socket of the reloaded page) ...
    const frames: string[] = [];
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => frames.push(String(frame.payload))),
    );
    await page.reload();
    await screen(page, 'attract');
    // ... and every frame of the screen: the holder's name must appear in neither.
    await page.evaluate(`(() => {
      const name = ${JSON.stringify(expiredHolder)};
      window.sawName = false;
      new MutationObserver(() => {
        if (document.body.innerText.includes(name)) window.sawName = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    })()`);
    await placeCard(page, 'resident-expired');
    await page.getByRole('alert').filter({ hasText: '您的身份证已过期，请到 1 号窗口咨询' }).waitFor();
    await checkScreen(page, 'identify-01-expired-zh-Hans-landscape');
    expect(await page.getByTestId('greeting').count()).toBe(0);
    expect(await page.evaluate('window.sawName')).toBe(false);
    expect(frames.some((frame) => frame.includes('"cardRejected"'))).toBe(true);
    expect(frames.filter((frame) => frame.includes(expiredHolder))).toEqual([]);
    await removeCard(page);
    await screen(page, 'attract');
    await page.getByRole('alert').waitFor({ state: 'detached' });
    await page.waitForTimeout(700);
    await placeCard(page, 'resident-bad-check-digit');
    await page.getByRole('alert').filter({ hasText: '身份证号码校验未通过' }).waitFor();
    await removeCard(page);
    await page.context().close();
  });

  it('Home wipes the applicant (简体, landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await placeCard(page, person.cardId);
    await screen(page, 'menu');
    await page.locator('[data-service="progress"]').click();
    await screen(page, 'progress');
    await page.getByTestId('home').click();
    // Issue 15, defect 1: the card still lies on the reader, so the end of the session asks for it.
    await screen(page, 'take-card');
    await page.getByRole('heading', { name: '请取回您的身份证' }).waitFor();
    expect(await personalTraces(page, traces)).toEqual([]);
    await checkScreen(page, 'end-01-take-card-zh-Hans-landscape');
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });

  it('inactivity: a countdown, one touch extends, then everything is wiped (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await placeCard(page, person.cardId);
    await screen(page, 'menu');
    const overlay = page.getByTestId('idle-overlay');
    await overlay.waitFor({ timeout: 90_000 });
    await page.getByRole('heading', { name: '即将返回首页' }).waitFor();
    await checkScreen(page, 'timeout-01-warning-zh-Hans-portrait');
    await page.getByTestId('idle-continue').click();
    await overlay.waitFor({ state: 'detached' });
    await screen(page, 'menu');
    // Left alone again: warning, then the wipe.
    await overlay.waitFor({ timeout: 90_000 });
    await screen(page, 'take-card', 90_000);
    expect(await personalTraces(page, traces)).toEqual([]);
    expect(await overlay.count()).toBe(0);
    await removeCard(page);
    await screen(page, 'attract');
    await page.context().close();
  });
});
