/**
 * npm run bench -- bundle-taps: what an applicant does, card laid to ticket, for each 一件事 bundle of the
 * sample hall applied for as one, against the same items applied for one by one (issue 18, part 4).
 * The real renderer in Chromium, a kiosk process in demo mode and the reference central server; the
 * demo's returning applicant (sample-returning). Taps, keystrokes of the on-screen keyboard and
 * signature strokes are counted by tests/support/bundle-applicant.ts (what it counts is said there).
 * Each way starts in a fresh hall, so that neither profits from what the other stored; the items one by
 * one are separate visits in the same hall (a document kept at the first is offered at the next, as it
 * would be for this applicant).
 */
import type { Browser, Page } from 'playwright-core';
import type { Bundle } from '../../sync/protocol/catalogue';
import { sampleCatalogue } from '../../sync/sample-hall';
import type { EffortCount } from '../support/applicant-effort';
import {
  catalogueOf,
  finishVisit,
  openBundle,
  openItem,
  type VisitOutcome,
  visit,
} from '../support/bundle-applicant';
import { startBundleHall } from '../support/bundle-hall';
import { launchChromium } from '../support/chromium';
import type { BenchFigure, BenchReport } from './report';

const cardId = 'sample-returning';

async function inFreshHall<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const hall = await startBundleHall();
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  try {
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await page.goto(hall.kiosk.url);
    await page.locator('[data-screen-id="attract"]').waitFor({ timeout: 60_000 });
    // The catalogue with its bundles has arrived at the kiosk.
    for (let tries = 0; ; tries++) {
      const catalogue = await catalogueOf(page).catch(() => null);
      if (catalogue && catalogue.bundles.length > 0) break;
      if (tries > 120) throw new Error('the catalogue never arrived');
      await page.waitForTimeout(500);
    }
    return await run(page);
  } finally {
    await context.close();
    await hall.stop();
  }
}

function total(outcomes: readonly VisitOutcome[]): EffortCount {
  return outcomes.reduce(
    (sum, outcome) => ({
      taps: sum.taps + outcome.effort.taps,
      keystrokes: sum.keystrokes + outcome.effort.keystrokes,
      strokes: sum.strokes + outcome.effort.strokes,
    }),
    { taps: 0, keystrokes: 0, strokes: 0 },
  );
}

/** The bundle as one application, then its items one by one, each way in a fresh hall. */
async function measure(
  browser: Browser,
  bundle: Bundle,
): Promise<{ together: VisitOutcome; separately: VisitOutcome[] }> {
  const together = await inFreshHall(browser, async (page) => {
    const outcome = await visit(page, cardId, (count) => openBundle(page, count, bundle.id));
    await finishVisit(page);
    return outcome;
  });
  const separately = await inFreshHall(browser, async (page) => {
    const offered = await catalogueOf(page);
    const outcomes: VisitOutcome[] = [];
    for (const itemId of bundle.itemIds) {
      outcomes.push(await visit(page, cardId, (count) => openItem(page, count, offered, itemId)));
      await finishVisit(page);
    }
    return outcomes;
  });
  return { together, separately };
}

export default async function bundleTaps(): Promise<BenchReport> {
  const catalogue = sampleCatalogue();
  const browser = await launchChromium();
  const figures: BenchFigure[] = [];
  const failures: string[] = [];
  const rows: string[] = [
    '| bundle | items | as one bundle: taps / keys / signatures / tickets | one by one: taps / keys / signatures / tickets |',
    '|---|---|---|---|',
  ];
  try {
    // BUNDLE_TAPS_ONLY=yjs-birth measures one bundle (while changing a form, say).
    const only = process.env.BUNDLE_TAPS_ONLY;
    for (const bundle of catalogue.bundles.filter((entry) => !only || entry.id === only)) {
      const name = bundle.name['zh-Hans'];
      const measured = await measure(browser, bundle).catch((error: Error) => error);
      if (measured instanceof Error) {
        // One bundle that cannot be walked through is reported, and the others are still measured.
        failures.push(`${name}: not measured (${measured.message.split('\n')[0]})`);
        continue;
      }
      const { together, separately } = measured;
      process.stdout.write(`  measured ${name}\n`);
      const apart = total(separately);
      const one = together.effort;
      figures.push(
        { what: `${name}: taps, as one bundle`, unit: 'count', value: one.taps },
        { what: `${name}: keystrokes, as one bundle`, unit: 'count', value: one.keystrokes },
        { what: `${name}: signatures, as one bundle`, unit: 'count', value: one.strokes },
        { what: `${name}: taps, items one by one`, unit: 'count', value: apart.taps },
        { what: `${name}: keystrokes, items one by one`, unit: 'count', value: apart.keystrokes },
        { what: `${name}: signatures, items one by one`, unit: 'count', value: apart.strokes },
        {
          what: `${name}: taps + keystrokes + signatures, bundle / one by one`,
          unit: 'ratio',
          value:
            (one.taps + one.keystrokes + one.strokes) /
            Math.max(1, apart.taps + apart.keystrokes + apart.strokes),
          target: 'fewer than the items one by one (issue 18, part 4)',
          met: one.taps + one.keystrokes + one.strokes < apart.taps + apart.keystrokes + apart.strokes,
        },
      );
      rows.push(
        `| ${name} | ${bundle.itemIds.length} | ${one.taps} / ${one.keystrokes} / ${one.strokes} / 1 | ${apart.taps} / ${apart.keystrokes} / ${apart.strokes} / ${separately.length} |`,
      );
    }
  } finally {
    await browser.close();
  }
  return {
    name: 'bundle-taps',
    figures,
    notes: [
      'card laid -> ticket, demo returning applicant (sample-returning), portrait 1080x1920, 简体; a fresh hall for each way',
      'taps include choosing the item or bundle (paging counted), answering the form, photographing a document the store has no copy of (2 taps each), next/confirm; keystrokes are on-screen keyboard keys and candidates',
      ...rows,
      ...failures,
    ],
  };
}
