/**
 * Issue 18's "Done when" for bundles, in Chromium on the real renderer: a returning applicant completes
 * 出生一件事 with one signature and one ticket, and the central staff page shows the per-department cases.
 * One kiosk process (demo devices) enrolled with a reference central server on loopback seeded with the
 * sample hall; the applicant's steps are those of tests/support/bundle-applicant.ts (taps counted).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentralServer } from '../../sync/central/server';
import type { Bundle } from '../../sync/protocol/catalogue';
import { sampleCatalogue } from '../../sync/sample-hall';
import { Effort } from '../support/applicant-effort';
import {
  catalogueOf,
  completeForm,
  finishVisit,
  layCard,
  onScreen,
  signAndConfirm,
  supplyMaterials,
} from '../support/bundle-applicant';
import { type BundleHall, startBundleHall } from '../support/bundle-hall';
import { launchChromium } from '../support/chromium';
import { checkScreen, openPage } from './journey-kit';

const cardId = 'sample-returning';
let hall: BundleHall;
let central: RunningCentralServer;
let browser: Browser;

/** The sample hall's 出生一件事 (sync/sample-hall). */
function birthBundle(): Bundle {
  const bundle = sampleCatalogue().bundles.find((entry) => entry.name['zh-Hans'] === '出生一件事');
  if (!bundle) throw new Error('the sample hall has no 出生一件事');
  return bundle;
}

beforeAll(async () => {
  [hall, browser] = await Promise.all([startBundleHall(), launchChromium()]);
  central = hall.central;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

async function submissionsAccepted(): Promise<number> {
  return (await central.storage.acceptedDeliveries()).filter((d) => d.kind === 'submission').length;
}

describe('一件事一次办 (issue 18, Done when)', () => {
  it('a returning applicant completes 出生一件事 with one signature and one ticket; the staff page shows the per-department cases', async () => {
    const bundle = birthBundle();
    const catalogue = sampleCatalogue();
    const page = await openPage(browser, hall.kiosk.url, 'portrait');
    const offered = await catalogueOf(page);
    expect(offered.bundles.map((entry) => entry.id)).toContain(bundle.id);
    const before = await submissionsAccepted();
    const count = new Effort(page);

    await layCard(page, cardId);
    // 按场景: the bundles first, each card with its items and one button for all of them.
    await count.tap(page.locator('[data-service="apply"]'));
    await onScreen(page, 'choose-item');
    await count.tap(page.locator('[data-tab="lifeEvent"]'));
    const choice = page.locator(`.bundle-choices [data-bundle-id="${bundle.id}"]`);
    await choice.waitFor();
    const listed = (await choice.locator('.bundle-card-items').textContent()) ?? '';
    for (const itemId of bundle.itemIds)
      expect(listed).toContain(catalogue.items.find((item) => item.id === itemId)!.name['zh-Hans']);
    await checkScreen(page, 'bundle-00-choose-zh-Hans-portrait');
    await count.tap(choice.getByTestId('start-bundle'));
    await onScreen(page, 'item-details');
    expect(await page.getByTestId('bundle-items').locator('li').count()).toBe(bundle.itemIds.length);
    await checkScreen(page, 'bundle-00-details-zh-Hans-portrait');
    await count.tap(page.getByTestId('start-item'));
    await onScreen(page, 'form');
    await checkScreen(page, 'bundle-01-form-zh-Hans-portrait');
    // One form for all the items: each item's sections are titled with its name, and the applicant's
    // name, which every item asks, is one field filled from the card.
    const titles = (await page.locator('.form-section h2').allTextContents()).join('\n');
    const itemNames = bundle.itemIds.map((id) => catalogue.items.find((item) => item.id === id)!.name);
    expect(itemNames.filter((name) => titles.includes(name['zh-Hans'])).length).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.form-field[data-field="name"]').count()).toBe(1);
    expect(await page.locator('.form-field[data-field="name"]').getAttribute('data-provenance')).toBe('card');
    await completeForm(page, count);

    await onScreen(page, 'materials');
    // Each material once, however many of the items need it.
    const codes = await page
      .locator('.material-card[data-material]')
      .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-material')));
    expect(new Set(codes).size).toBe(codes.length);
    await checkScreen(page, 'bundle-02-materials-zh-Hans-portrait');
    await supplyMaterials(page, count);

    await onScreen(page, 'review');
    // One signature for the whole bundle.
    expect(await page.getByTestId('signature').count()).toBe(1);
    const { caseNumber, ticketNumber } = await signAndConfirm(page, count);
    expect(ticketNumber).toMatch(/^[A-Z]{1,2}\d{3,}$/);
    expect(count.strokes).toBe(1);
    await checkScreen(page, 'bundle-03-ticket-zh-Hans-portrait');
    // The ticket is for the integrated window (综合窗口), whatever the items' departments.
    const windowText = (await page.getByTestId('ticket-window').textContent()) ?? '';
    expect(bundle.windowNumbers.some((number) => windowText.includes(String(number)))).toBe(true);
    console.info(`出生一件事, returning applicant: ${JSON.stringify(count.snapshot())}`);
    await finishVisit(page);

    // One submission reaches the central system, and it files one case per item.
    await expect.poll(submissionsAccepted, { timeout: 30_000 }).toBe(before + 1);
    const progress = await central.storage.caseProgress(caseNumber);
    expect(progress?.itemId).toBe(bundle.id);
    const parts = progress?.parts ?? [];
    expect(parts.map((part) => part.itemId)).toEqual(bundle.itemIds);
    expect(parts.map((part) => part.caseNumber)).toEqual(
      bundle.itemIds.map((_, n) => `${caseNumber}-${n + 1}`),
    );

    // The staff page: each department's case of the bundle, under the bundle's case.
    const staff = await browser.newPage();
    await staff.goto(`${central.url}/staff`);
    await staff.getByLabel(/Username/).fill('admin');
    await staff.getByLabel(/Password/).fill(central.adminSecret ?? '');
    await staff.getByRole('button', { name: /Sign in/ }).click();
    await staff.locator('section[data-window]').first().waitFor();
    // The case board loads with a signed-in session.
    await staff.reload();
    for (const [index, itemId] of bundle.itemIds.entries()) {
      const departmentId = catalogue.items.find((item) => item.id === itemId)!.departmentId;
      const row = staff.locator(`[data-testid="bundle-part"][data-case-number="${caseNumber}-${index + 1}"]`);
      await row.first().waitFor({ timeout: 30_000 });
      expect(await row.first().getAttribute('data-department-id')).toBe(departmentId);
    }
    await staff.close();

    // Back at the kiosk with the card: the progress screen lists the bundle's parts.
    await layCard(page, cardId);
    await page.locator('[data-service="progress"]').click();
    await onScreen(page, 'progress');
    const card = page.locator(`[data-case="${caseNumber}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.bundle-part').count()).toBe(bundle.itemIds.length);
    await checkScreen(page, 'bundle-04-progress-zh-Hans-portrait');
    await page.context().close();
  });
});
