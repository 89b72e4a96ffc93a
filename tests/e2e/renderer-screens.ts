/**
 * Screenshots of every screen (tests/e2e/screen-tour.ts) in portrait 1080x1920 and landscape 1920x1080,
 * in each language and in elderly mode with high contrast, into tests/artifacts/screens/; then one
 * contact sheet of them all, docs/renderer-contact-sheet.png (sharp, palette PNG, under 2 MB).
 *
 *   npm run build:renderer && npm run screens            (about 8 minutes on 2 cores)
 *   npm run screens -- --sheet-only                      (compose the sheet from the shots already taken)
 *
 * Real host process in demo mode, embedded central server, Debian's Chromium.
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import sharp, { type OverlayOptions } from 'sharp';
import { launchChromium } from '../support/chromium';
import { startKioskProcess } from '../support/kiosk-process';
import { openPage } from './journey-kit';
import { type TourModes, tourIdleOverlay, tourScreens, type Visit } from './screen-tour';

const root = resolve(import.meta.dirname, '..', '..');
const shotsDir = join(root, 'tests', 'artifacts', 'screens');
const sheetPath = join(root, 'docs', 'renderer-contact-sheet.png');

type Orientation = 'portrait' | 'landscape';
interface Variant {
  /** Folder-safe name: the language, or elderly-contrast. */
  id: string;
  label: string;
  /** The language button's label on screen. */
  languageButton: string;
  elderlyContrast: boolean;
}

const variants: Variant[] = [
  { id: 'zh-Hans', label: '简体', languageButton: '简体', elderlyContrast: false },
  { id: 'zh-Hant', label: '繁體', languageButton: '繁體', elderlyContrast: false },
  { id: 'en', label: 'English', languageButton: 'English', elderlyContrast: false },
  { id: 'elderly-contrast', label: '长辈模式 + 高对比度', languageButton: '简体', elderlyContrast: true },
];
const orientations: Orientation[] = ['portrait', 'landscape'];

async function takeShots(): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  const [kiosk, idleKiosk] = await Promise.all([
    startKioskProcess({ mode: 'demo' }),
    startKioskProcess({ mode: 'demo', ui: { idleTimeoutSeconds: 30, idleWarningSeconds: 20 } }),
  ]);
  const browser = await launchChromium();
  try {
    for (const variant of variants) {
      for (const orientation of orientations) {
        for (const [target, walk] of [
          [
            kiosk,
            (page: Page, modes: TourModes, visit: Visit) => tourScreens(page, kiosk.dataDir, modes, visit),
          ],
          [idleKiosk, tourIdleOverlay],
        ] as const) {
          const page = await openPage(browser, target.url, orientation);
          const modes = {
            language: variant.languageButton,
            elderly: variant.elderlyContrast,
            highContrast: variant.elderlyContrast,
          };
          await walk(page, modes, async (screen) => {
            await page.screenshot({ path: join(shotsDir, `${variant.id}--${orientation}--${screen}.png`) });
          });
          await page.context().close();
          console.info(`${variant.id} ${orientation}: ${target === kiosk ? 'screens' : 'idle warning'} done`);
        }
      }
    }
  } finally {
    await browser.close();
    await Promise.all([kiosk.stop(), idleKiosk.stop()]);
  }
}

/** The order screens appear in on the sheet: the tour's own order. */
const screenOrder = [
  'attract',
  'waiting-for-card',
  'progress-number',
  'waiting-for-card-cardless',
  'menu',
  'choose-item',
  'choose-item-department',
  'item-details',
  'guide',
  'form',
  'form-keyboard',
  'form-errors',
  'confirm-home',
  'acting-for',
  'acting-for-number',
  'materials',
  'camera',
  'review',
  'ticket',
  'take-card',
  'appointments',
  'progress',
  'rating',
  'rating-thanks',
  'idle-overlay',
  'technician-pin',
];

function labelSvg(text: string, width: number, height: number, size: number): Buffer {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<text x="4" y="${Math.round(height * 0.72)}" font-family="Noto Sans CJK SC, sans-serif" font-size="${size}" fill="#1a1f2b">${escaped}</text></svg>`,
  );
}

/**
 * One image: a block per orientation; in each, a row per variant (language, elderly + contrast) and a
 * column per screen, each shot scaled down and captioned.
 */
async function composeSheet(): Promise<void> {
  const shots = new Set(readdirSync(shotsDir).filter((file) => file.endsWith('.png')));
  const screens = screenOrder.filter((screen) => [...shots].some((file) => file.endsWith(`--${screen}.png`)));
  const cell: Record<Orientation, { width: number; height: number }> = {
    portrait: { width: 144, height: 256 },
    landscape: { width: 208, height: 117 },
  };
  const caption = 22;
  const rowLabel = 150;
  const gap = 6;
  const composites: OverlayOptions[] = [];
  let top = 0;
  let width = 0;
  // Screens wrap after `perRow` columns, so the sheet stays near a page's proportions.
  const perRow = 11;
  const chunks: string[][] = [];
  for (let start = 0; start < screens.length; start += perRow)
    chunks.push(screens.slice(start, start + perRow));
  for (const orientation of orientations) {
    const size = cell[orientation];
    composites.push({ input: labelSvg(orientation, 400, 34, 26), left: 0, top });
    top += 34;
    for (const chunk of chunks) {
      chunk.forEach((screen, column) => {
        composites.push({
          input: labelSvg(screen, size.width, caption, 13),
          left: rowLabel + column * (size.width + gap),
          top,
        });
      });
      top += caption;
      for (const variant of variants) {
        composites.push({ input: labelSvg(variant.label, rowLabel, size.height, 16), left: 0, top });
        for (const [column, screen] of chunk.entries()) {
          const file = `${variant.id}--${orientation}--${screen}.png`;
          if (!shots.has(file)) continue;
          const thumb = await sharp(join(shotsDir, file)).resize(size.width, size.height).toBuffer();
          composites.push({ input: thumb, left: rowLabel + column * (size.width + gap), top });
        }
        top += size.height + gap;
      }
      top += 10;
    }
    width = Math.max(width, rowLabel + perRow * (size.width + gap));
    top += 16;
  }
  mkdirSync(join(root, 'docs'), { recursive: true });
  await sharp({ create: { width, height: top, channels: 3, background: '#ffffff' } })
    .composite(composites)
    .png({ palette: true, colours: 128, compressionLevel: 9, effort: 8 })
    .toFile(sheetPath);
  console.info(`${sheetPath}: ${width}x${top}, ${(statSync(sheetPath).size / 2 ** 20).toFixed(2)} MB`);
}

if (!process.argv.includes('--sheet-only')) await takeShots();
await composeSheet();
