/**
 * Issue 15, defect 7: every screen, in normal and elderly mode, reads the computed font size of every
 * visible text and the box of every touch target, and fails below shared/spec/UI.md (text 24 px, 32 px in
 * elderly mode; targets 64 px, 88 px in elderly mode), naming the element. axe still finds no serious or
 * critical violation on any of them. Real host process, embedded central server, Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { checkScreen, openPage } from './journey-kit';
import { undersized } from './screen-size-check';
import { tourIdleOverlay, tourScreens } from './screen-tour';

let kiosk: KioskProcess;
let idleKiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  [kiosk, idleKiosk] = await Promise.all([
    startKioskProcess({ mode: 'demo' }),
    startKioskProcess({ mode: 'demo', ui: { idleTimeoutSeconds: 30, idleWarningSeconds: 20 } }),
  ]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([kiosk?.stop(), idleKiosk?.stop()]);
});

/**
 * Defect 12's layout: a portrait screen's content starts near the top of its band (at most 15% of the
 * screen empty above it, not 45-60%); a landscape screen with an aside fills it with more than one line (the journey's steps).
 */
async function layoutProblems(page: Page, orientation: 'portrait' | 'landscape'): Promise<string[]> {
  return page.evaluate((wide) => {
    const found: string[] = [];
    const content = document.querySelector('main.frame-content');
    if (!content || document.querySelector('[aria-modal="true"]')) return found;
    const first = [...content.children].find((child) => child.getBoundingClientRect().height > 0);
    // The empty band between the header (and steps) and the first thing on the screen.
    const empty = (first?.getBoundingClientRect().top ?? 0) - content.getBoundingClientRect().top;
    if (!wide && empty > window.innerHeight * 0.15)
      found.push(`${Math.round((empty / window.innerHeight) * 100)}% of the screen empty above the content`);
    const aside = document.querySelector('.frame-aside');
    if (wide && aside) {
      const lines =
        aside.getBoundingClientRect().height > 0 ? aside.querySelectorAll('.steps-aside .step') : [];
      if ([...lines].filter((step) => step.getBoundingClientRect().height > 0).length === 0)
        found.push('the aside shows no steps');
    }
    return found;
  }, orientation === 'landscape');
}

describe('every screen meets the sizes of shared/spec/UI.md, normal and elderly mode', () => {
  for (const elderly of [false, true]) {
    const mode = elderly ? 'elderly' : 'normal';
    // Both orientations in normal mode; elderly mode (larger still) in portrait, the kiosk's usual stance,
    // to keep the suite's time down.
    const tours = elderly
      ? ([['portrait', '简体']] as const)
      : ([
          ['portrait', '简体'],
          ['landscape', 'English'],
        ] as const);
    it(`${mode} mode, ${elderly ? 'portrait (简体)' : 'portrait (简体), then landscape (English)'}: text and targets at or above the minimums; axe clean`, async () => {
      const problems: string[] = [];
      for (const [orientation, language] of tours) {
        const page = await openPage(browser, kiosk.url, orientation);
        const visit = async (screen: string) => {
          // The mode is the one asked for on every screen (the kiosk wipes it after each session).
          expect(await page.locator('.app.elderly').count(), screen).toBe(elderly ? 1 : 0);
          for (const problem of await undersized(page)) problems.push(`${orientation} ${screen}: ${problem}`);
          for (const problem of await layoutProblems(page, orientation))
            problems.push(`${orientation} ${screen}: ${problem}`);
          if (screen === 'rating-thanks') {
            const thanks = language === 'English' ? 'Thank you for your rating' : '感谢您的评价';
            const said = ((await page.locator('body').textContent()) ?? '').split(thanks).length - 1;
            if (said !== 1) problems.push(`${orientation} ${screen}: "${thanks}" said ${said} times`);
          }
          if (orientation === 'portrait') await checkScreen(page, `sizes-${mode}-${screen}`);
        };
        await tourScreens(page, kiosk.dataDir, { language, elderly, highContrast: false }, visit);
        await page.context().close();
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }

  it('the idle warning, both modes', async () => {
    const problems: string[] = [];
    for (const elderly of [false, true]) {
      const page = await openPage(browser, idleKiosk.url, 'portrait');
      await tourIdleOverlay(page, { language: '简体', elderly, highContrast: false }, async (screen) => {
        for (const problem of await undersized(page))
          problems.push(`${elderly ? 'elderly' : 'normal'} ${screen}: ${problem}`);
        await checkScreen(page, `sizes-${elderly ? 'elderly' : 'normal'}-${screen}`);
      });
      await page.context().close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
