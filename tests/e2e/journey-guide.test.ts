/**
 * Issue 15, part 6, in Chromium: the item screen opens the full service guide (办事指南: conditions,
 * documents, fees, time limit, steps, legal basis, a filled-in sample form), and the guide prints the
 * 一次性告知单 on the receipt printer: here a real CUPS PDF queue, whose PDF is read back with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalogue } from '../../sync/sample-hall/catalogue';
import { launchChromium } from '../support/chromium';
import { type CupsPdfQueue, startCupsPdfQueue } from '../support/cups';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { checkScreen, openPage, placeCard, removeCard, screen } from './journey-kit';

let cups: CupsPdfQueue;
let kiosk: KioskProcess;
let browser: Browser;
const printed: string[] = [];

const item = sampleCatalogue().items.find((entry) => entry.id === 'gjj-tq-zf')!;

beforeAll(async () => {
  cups = await startCupsPdfQueue('PDF');
  kiosk = await startKioskProcess({
    mode: 'demo',
    printer: { kind: 'cups', name: cups.queue, paper: '80mm' },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  for (const file of printed) rmSync(file, { force: true });
  await cups?.stop();
});

const spoolDir = '/var/spool/cups';

/** PDFs in a folder written since `since`, newest first. */
function newPdfs(dir: string, since: number, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).mtimeMs >= since - 1000)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

/**
 * The printed notice's text. The job must come out of the cups-pdf queue as a new PDF; its words are
 * read from the document CUPS was given (its spool copy, d<job>-001): cups-pdf re-renders CJK text as
 * Type 3 glyphs that pdftotext cannot map back. Other tests print into the same queue, so the spool
 * copy is recognised by its content: the notice's heading and the item's code.
 */
async function printedText(since: number, heading: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  let text: string | null = null;
  while (Date.now() < deadline) {
    text ??=
      newPdfs(spoolDir, since, /^d\d+-001$/)
        .map(pdfText)
        .find((candidate) => candidate.includes(heading) && candidate.includes(item.code)) ?? null;
    const outputs = newPdfs(cups.outputDir, since, /\.pdf$/);
    if (text && outputs.length > 0) {
      printed.push(...outputs);
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the notice did not come out of ${cups.queue} (${text ? 'spooled' : 'not spooled'})`);
}

function pdfText(file: string): string {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } catch {
    // Still being written.
    return '';
  }
}

async function toGuide(page: Page): Promise<void> {
  await placeCard(page, 'sample-returning');
  await screen(page, 'menu');
  await page.locator('[data-service="apply"]').click();
  await screen(page, 'choose-item');
  await page.locator('[data-item-id]').first().waitFor();
  while ((await page.locator(`[data-item-id="${item.id}"]`).count()) === 0)
    await page.getByTestId('next-page').click();
  await page.locator(`[data-item-id="${item.id}"]`).click();
  await screen(page, 'item-details');
  await page.getByTestId('open-guide').click();
  await screen(page, 'item-guide');
}

async function printAndRead(page: Page, heading: string): Promise<string> {
  const since = Date.now();
  await page.getByTestId('print-guide').click();
  await page.getByTestId('guide-printed').waitFor({ timeout: 30_000 });
  return printedText(since, heading);
}

async function leave(page: Page): Promise<void> {
  await page.getByTestId('back').click();
  await screen(page, 'item-details');
  await page.getByTestId('home').click();
  await screen(page, 'take-card');
  await removeCard(page);
  await screen(page, 'attract');
  await page.context().close();
}

describe('service guide and 一次性告知单 (part 6)', () => {
  it('shows the whole guide and prints the notice (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await toGuide(page);
    const guide = (await page.getByTestId('guide').textContent()) ?? '';
    for (const words of ['申请条件', '收费标准', '办理时限', '办理流程', '设立依据', '填写样表'])
      expect(guide).toContain(words);
    expect(await page.getByTestId('guide-fee').textContent()).toBe('不收费');
    expect(await page.getByTestId('guide-legal-basis').textContent()).toContain('《住房公积金管理条例》');
    expect(await page.locator('[data-testid="guide-sample-form"] dd').count()).toBeGreaterThan(2);
    for (const material of item.materials)
      expect(await page.getByTestId('guide-materials').textContent()).toContain(material.name['zh-Hans']);
    await checkScreen(page, 'guide-01-zh-Hans-portrait');
    const text = await printAndRead(page, '一次性告知单');
    expect(text).toContain(item.name['zh-Hans'].replace(/\s+/g, ''));
    for (const material of item.materials)
      expect(text).toContain(material.name['zh-Hans'].replace(/\s+/g, ''));
    expect(text).toContain('《住房公积金管理条例》');
    expect(text).toContain('不收费');
    await leave(page);
  });

  it('the same guide and notice in English (landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await page.getByRole('button', { name: 'English' }).click();
    await toGuide(page);
    const guide = (await page.getByTestId('guide').textContent()) ?? '';
    for (const words of [
      'Who can apply',
      'Fees',
      'Time limit',
      'Steps',
      'Legal basis',
      'Filled-in sample form',
    ])
      expect(guide).toContain(words);
    expect(await page.getByTestId('guide-fee').textContent()).toBe('Free of charge');
    await checkScreen(page, 'guide-02-en-landscape');
    const text = await printAndRead(page, 'Checklistforyourapplication');
    expect(text).toContain(item.name.en.replace(/\s+/g, ''));
    expect(text).toContain('RegulationsontheAdministrationofHousingProvidentFunds');
    await leave(page);
  });
});
