/**
 * What an applicant does at the real renderer (Playwright), counted: taps, keystrokes on the on-screen
 * keyboard and signature strokes. One counter for the journey tests (tests/e2e/journey-kit.ts) and the
 * tap-count bench (tests/support/bundle-applicant.ts); no vitest here, because the bench runs outside it.
 */
import type { Locator, Page } from 'playwright-core';

export interface EffortCount {
  taps: number;
  keystrokes: number;
  strokes: number;
}

export class Effort {
  taps = 0;
  keystrokes = 0;
  strokes = 0;
  constructor(readonly page: Page) {}

  async tap(target: Locator): Promise<void> {
    await target.click();
    this.taps++;
  }

  /** Letters/digits on the on-screen keyboard, one tap per key. */
  async type(text: string): Promise<void> {
    for (const character of text) {
      const key = character === ' ' ? '{space}' : character;
      await this.page.locator(`.hg-button[data-skbtn="${key}"]`).first().click();
      this.keystrokes++;
    }
  }

  /** Chinese: the pinyin, then the candidate. */
  async typeChinese(pinyin: string, candidate: string): Promise<void> {
    await this.type(pinyin);
    await this.page.locator(`[data-candidate="${candidate}"]`).first().click();
    this.keystrokes++;
  }

  /** One finger stroke across the signature box. */
  async sign(): Promise<void> {
    const box = await this.page.getByTestId('signature').boundingBox();
    if (!box) throw new Error('no signature box');
    const mouse = this.page.mouse;
    await mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.6);
    await mouse.down();
    for (let step = 1; step <= 12; step++) {
      await mouse.move(
        box.x + box.width * (0.15 + step * 0.055),
        box.y + box.height * (0.6 - Math.sin(step / 2) * 0.25),
      );
    }
    await mouse.up();
    this.strokes++;
  }

  snapshot(): EffortCount {
    return { taps: this.taps, keystrokes: this.keystrokes, strokes: this.strokes };
  }
}
