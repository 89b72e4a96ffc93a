/**
 * 人证核验 timings (npm run bench -- face): the real built renderer in Chromium (run `npm run
 * build:renderer` first), a demo kiosk with faceCheck on, the fake camera playing person A coming
 * closer (tests/support/face-media.ts), the card photo of A. Figures from the renderer's performance
 * entries (face-check.ts): model load (once per page), the card photo's descriptor, the liveness wait
 * (mostly the clip: the face must grow 15 %), the comparison (landmarks + aligned descriptor of one
 * frame), the whole check; and card-on-reader to the menu as the applicant sees it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { cardPhotoOf, personA, writeCameraVideo } from '../support/face-media';
import { startKioskProcess } from '../support/kiosk-process';
import { type BenchFigure, type BenchReport, summarise } from './report';

const CHECKS = Number(process.env.FACE_BENCH_CHECKS ?? 5);

async function call(page: Page, method: string, body: unknown = {}): Promise<unknown> {
  return page.evaluate(
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
}

async function measures(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(() => {
    const out: Record<string, number[]> = {};
    for (const entry of performance.getEntriesByType('measure')) {
      if (!entry.name.startsWith('face-check:')) continue;
      const key = entry.name.slice('face-check:'.length);
      out[key] = [...(out[key] ?? []), entry.duration];
    }
    return out;
  });
}

export default async function faceBench(): Promise<BenchReport> {
  const media = mkdtempSync(join(tmpdir(), 'face-bench-'));
  const photos = join(media, 'photos');
  mkdirSync(photos);
  writeFileSync(join(photos, 'resident.jpg'), await cardPhotoOf(personA));
  await writeCameraVideo(personA, join(media, 'a.y4m'), { moving: true });
  const kiosk = await startKioskProcess({
    mode: 'demo',
    idcard: { kind: 'simulator', simulatorPhotoDir: photos },
    faceCheck: { enabled: true, livenessSeconds: 60 },
  });
  const browser = await launchChromium([`--use-file-for-fake-video-capture=${join(media, 'a.y4m')}`]);
  const toMenu: number[] = [];
  const load = loadavg()[0]!;
  try {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await page.goto(kiosk.url);
    await page.locator('[data-screen-id="attract"]').waitFor({ timeout: 60_000 });
    for (let i = 0; i < CHECKS; i++) {
      const started = performance.now();
      await call(page, 'demoPlaceCard', { cardId: 'resident' });
      await page.locator('[data-screen-id="menu"]').waitFor({ timeout: 120_000 });
      toMenu.push(performance.now() - started);
      const state = (await call(page, 'getSessionState')) as { result: { value: { sessionId: string } } };
      await call(page, 'endSession', { sessionId: state.result.value.sessionId, reason: 'home' });
      await call(page, 'demoRemoveCard');
      await page.locator('[data-screen-id="attract"]').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(800);
    }
    const found = await measures(page);
    const figure = (key: string, what: string): BenchFigure => ({
      what,
      unit: 'ms',
      ...summarise(found[key] ?? []),
    });
    const figures: BenchFigure[] = [
      {
        what: 'model load (first check in a page: fetch + tfjs CPU backend)',
        unit: 'ms',
        value: found['model-load']?.[0] ?? Number.NaN,
      },
      figure('card-photo', 'card photo 102 x 126: detect, landmarks, aligned descriptor'),
      figure('liveness', 'liveness wait (the clip: face grows 15 %), detector every frame'),
      figure('compare', 'compare one frame: detect + landmarks (224) and aligned descriptor'),
      {
        what: 'whole check, first in the page (with model load)',
        unit: 'ms',
        value: found.total?.[0] ?? Number.NaN,
      },
      figure('total', 'whole check (all)'),
      { what: 'card laid to menu, as the applicant sees it', unit: 'ms', ...summarise(toMenu) },
    ];
    return {
      name: 'face',
      figures,
      notes: [
        `${CHECKS} checks in one page, tfjs CPU backend (headless Chromium has only SwiftShader WebGL)`,
        `load average at start: ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`,
      ],
    };
  } finally {
    await browser.close();
    await kiosk.stop();
    rmSync(media, { recursive: true, force: true });
  }
}
