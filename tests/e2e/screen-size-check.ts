/**
 * The size check of shared/spec/UI.md, one for every test that shows a screen: every visible text at or
 * above 24 px (32 px in elderly mode) and every touch target at least 64 px (88 px), each shortfall named.
 * Used by the screen tour (screen-sizes.test.ts) and by the tests that alone reach a screen (the face
 * check, the 补正 panel).
 */
import type { Page } from 'playwright-core';

/** What on the screen is below the minimums, each named: `text|target <element> "<words>": <px>`. */
export async function undersized(page: Page): Promise<string[]> {
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
