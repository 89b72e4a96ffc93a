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

/** What on the screen is below the minimums, each named: `text|target <element> "<words>": <px>`. */
async function undersized(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const elderly = document.querySelector('.app')?.classList.contains('elderly') ?? false;
    // The technician's screens are the staff's: the applicant's elderly mode does not apply to them.
    const staff = (element: Element) => element.closest('.tech-overlay') !== null;
    const minTextOf = (element: Element) => (elderly && !staff(element) ? 32 : 24);
    const minTargetOf = (element: Element) => (elderly && !staff(element) ? 88 : 64);
    const skip = '.demo-panel, .visually-hidden, svg, [aria-hidden="true"]';
    const name = (element: Element) => {
      const testId = element.getAttribute('data-testid');
      const classes = [...element.classList].slice(0, 2).join('.');
      return `<${element.tagName.toLowerCase()}${testId ? `#${testId}` : ''}${classes ? `.${classes}` : ''}>`;
    };
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.opacity !== '0';
    };
    const found = new Set<string>();
    // An open dialog covers the screen: only what is in it can be seen.
    const root = document.querySelector('[aria-modal="true"]') ?? document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const words = node.textContent?.trim() ?? '';
      if (!parent || !words || parent.closest(skip) || !shown(parent)) continue;
      const size = Number.parseFloat(getComputedStyle(parent).fontSize);
      const minText = minTextOf(parent);
      if (size < minText) found.add(`text ${name(parent)} "${words.slice(0, 24)}": ${size}px < ${minText}px`);
    }
    const targets = root.querySelectorAll(
      'button, a[href], input, textarea, select, summary, [role="button"], [role="tab"], .hg-button',
    );
    for (const target of targets) {
      if (target.closest('.demo-panel') || !shown(target)) continue;
      const box = target.getBoundingClientRect();
      const words = (target.textContent ?? '').trim().slice(0, 24);
      const minTarget = minTargetOf(target);
      if (box.height < minTarget - 0.5 || box.width < minTarget - 0.5)
        found.add(
          `target ${name(target)} "${words}": ${Math.round(box.width)}x${Math.round(box.height)}px < ${minTarget}px`,
        );
    }
    return [...found];
  });
}

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
