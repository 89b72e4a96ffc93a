/**
 * 一件事 on the central staff page, in Chromium against a real central server on loopback: a bundle
 * submission's part cases are listed under their departments, each marked "一件事: <name> (n/N)"; the
 * mark opens the bundle case, whose file lists its parts with their stages and takes no steps itself;
 * a part taken through 受理 shows its new stage in the bundle's file; the agent is shown by how the
 * principal was identified, never by number. No Content Security Policy violation on the way.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCaseNumber } from '../../kernel/case-number';
import { hallDateOf } from '../../kernel/hall-time';
import { catalogueEntries } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { launchChromium } from '../support/chromium';
import { agent, bundleHallCatalogue, bundleSubmission, pages, sha256 } from '../sync/support/bundle-hall';
import { enrolledClient, tempDir } from '../sync/support/kiosk-harness';

async function signIn(page: Page, url: string) {
  await page.goto(`${url}/staff`);
  await page.getByLabel(/Username/).fill('admin');
  await page.getByLabel(/Password/).fill(server.adminSecret ?? '');
  await page.getByRole('button', { name: /Sign in/ }).click();
}

let server: RunningCentralServer;
let browser: Browser;

describe('一件事 on the central staff page', () => {
  beforeAll(async () => {
    server = await startCentralServer({ port: 0, dataDir: tempDir('central-bundle-page') });
    await server.storage.putCatalogueEntries(catalogueEntries(bundleHallCatalogue));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the parts under their departments and opens the bundle case with its parts', async () => {
    const { client, enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode());
    for (const bytes of Object.values(pages)) await client.putMaterial(sha256(bytes), bytes);
    const issued = issueCaseNumber(hallDateOf(Date.now(), 'Asia/Shanghai'), enrolment.kioskCode, () => 31415);
    if (!issued.ok) throw new Error(issued.error.message);
    const caseNumber = issued.value;
    const delivered = await client.deliverBatch([
      {
        kind: 'submission',
        idempotencyKey: randomUUID(),
        kioskSeq: 1,
        payload: bundleSubmission(caseNumber),
      },
    ]);
    expect(delivered.results[0]?.status).toBe(200);

    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await signIn(page, server.url);

    // Each part under its own department, marked with its bundle; the bundle case itself is not listed.
    const parts = page.getByTestId('bundle-part');
    await parts.nth(2).waitFor();
    const listed = await parts.evaluateAll((rows) =>
      rows.map((row) => [
        row.getAttribute('data-case-number'),
        row.getAttribute('data-department-id'),
        row.closest('section')?.getAttribute('data-department'),
      ]),
    );
    expect(listed.sort()).toEqual([
      [`${caseNumber}-1`, 'market', 'market'],
      [`${caseNumber}-2`, 'tax', 'tax'],
      [`${caseNumber}-3`, 'civil', 'civil'],
    ]);
    const taxSection = page.locator('#case-board section[data-department="tax"]');
    await taxSection.locator('h4').filter({ hasText: '税务局' }).waitFor();
    const taxPart = taxSection.locator(`[data-testid="bundle-part"][data-case-number="${caseNumber}-2"]`);
    await taxPart.locator('.bundle-mark').filter({ hasText: '一件事: 开办个体户一件事 (2/3)' }).waitFor();
    expect(await page.locator(`#case-board li[data-case="${caseNumber}"]`).count()).toBe(0);

    // The mark opens the bundle case: its parts with their stages, the agent in words, no steps.
    await taxPart.locator('.bundle-mark').click();
    const bundleFile = page.locator(`article[data-case="${caseNumber}"]`);
    await bundleFile.getByTestId('bundle-file-part').nth(2).waitFor();
    expect(
      await bundleFile
        .getByTestId('bundle-file-part')
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.getAttribute('data-case-number'),
            row.getAttribute('data-department-id'),
            row.getAttribute('data-stage'),
          ]),
        ),
    ).toEqual([
      [`${caseNumber}-1`, 'market', 'received'],
      [`${caseNumber}-2`, 'tax', 'received'],
      [`${caseNumber}-3`, 'civil', 'received'],
    ]);
    await bundleFile.getByTestId('case-agent').filter({ hasText: '代办人：凭授权委托书代办' }).waitFor();
    expect(await bundleFile.textContent()).not.toContain(agent);
    expect(await bundleFile.locator('button[data-step]').count()).toBe(0);

    // A part opened from the bundle's file takes its own steps; the bundle's file then shows the stage.
    await bundleFile.locator(`[data-case-number="${caseNumber}-2"] button`).click();
    const partFile = page.locator(`article[data-case="${caseNumber}-2"]`);
    await partFile.locator('.part-of .bundle-mark').filter({ hasText: '(2/3)' }).waitFor();
    await partFile.getByTestId('case-agent').waitFor();
    await partFile.locator('button[data-step="accept"]').click();
    await page.locator(`article[data-case="${caseNumber}-2"][data-stage="accepted"]`).waitFor();
    await partFile.locator('.part-of .bundle-mark').click();
    await bundleFile
      .locator(`[data-testid="bundle-file-part"][data-case-number="${caseNumber}-2"][data-stage="accepted"]`)
      .waitFor();
    expect(cspViolations).toEqual([]);
  });
});
