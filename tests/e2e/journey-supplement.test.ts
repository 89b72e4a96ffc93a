/**
 * 补正 answered at the kiosk, end to end: the window returns a case for supplement naming a missing
 * document (staff API, as the staff page calls it); the applicant places their card, finds the case in
 * the progress query with the document named, photographs it and sends it; the outbox delivers it once
 * and the window sees 补正已提交 with the new page, then finishes the case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { openPage, placeCard, removeCard, screen, submitApplication } from './journey-kit';
import { undersized } from './screen-size-check';

const personCard = 'sample-returning';

let kiosk: KioskProcess;
let browser: Browser;
let centralUrl = '';
let authorization = '';

async function staff(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${centralUrl}${path}`, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

type CaseFile = {
  stage: string;
  requiredMaterials: { materialId: string }[];
  materials: { materialId: string; supplement: boolean }[];
};

async function caseFile(caseNumber: string): Promise<CaseFile | null> {
  const response = await staff('GET', `/v1/staff/cases/${caseNumber}`);
  return response.status === 200 ? ((await response.json()) as { case: CaseFile }).case : null;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo', ui: { cardPolicy: 'hold' } });
  browser = await launchChromium();
  ({ centralUrl } = JSON.parse(readFileSync(join(kiosk.dataDir, 'enrolment.json'), 'utf8')) as {
    centralUrl: string;
  });
  const signIn = await fetch(`${centralUrl}/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'admin',
      password: readFileSync(join(kiosk.dataDir, 'central', 'admin-secret'), 'utf8').trim(),
    }),
  });
  authorization = `Bearer ${((await signIn.json()) as { token: string }).token}`;
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('补正 from the progress query', () => {
  it('names the missing document, takes its photo, and the window sees 补正已提交', async () => {
    const first = await openPage(browser, kiosk.url, 'portrait');
    const caseNumber = await submitApplication(first, personCard, 'gjj-tq-zf');
    await first.context().close();
    const filed = await waitFor('the case at the central', () => caseFile(caseNumber));
    const missing = filed.requiredMaterials[0]?.materialId;
    expect(missing).toBeTruthy();
    expect((await staff('POST', `/v1/staff/cases/${caseNumber}/steps`, { action: 'accept' })).status).toBe(
      200,
    );
    const asked = await staff('POST', `/v1/staff/cases/${caseNumber}/steps`, {
      action: 'request_supplement',
      missingItems: [{ materialId: missing, note: '需要清晰的原件照片' }],
    });
    expect(asked.status).toBe(200);

    const page = await openPage(browser, kiosk.url, 'portrait');
    await placeCard(page, personCard);
    await screen(page, 'menu');
    await page.locator('[data-service="progress"]').click();
    await screen(page, 'progress');
    const card = page.locator(`[data-case="${caseNumber}"]`);
    await card.locator('[data-testid="case-status"]').filter({ hasText: '需补充材料' }).waitFor();
    await card.locator(`[data-missing="${missing}"]`).filter({ hasText: '需要清晰的原件照片' }).waitFor();
    // Nothing to send before the photo is taken.
    expect(await card.getByTestId('supplement-send').isDisabled()).toBe(true);
    // The 补正 panel at UI.md's sizes, normal and elderly mode (the screen tour has no case in 补正).
    expect(await undersized(page)).toEqual([]);
    await page.getByTestId('elderly-switch').click();
    await page.locator('.app.elderly').waitFor();
    expect(await undersized(page)).toEqual([]);
    await page.getByTestId('elderly-switch').click();
    await page.locator('.app:not(.elderly)').waitFor();
    await card.getByTestId(`supplement-capture-${missing}`).click();
    await page.getByTestId('take-photo').and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    await page.getByTestId('take-photo').click();
    await card.locator(`[data-missing="${missing}"]`).filter({ hasText: '已拍 1 页' }).waitFor();
    await card.getByTestId('supplement-send').click();
    await card.getByTestId('supplement-sent').waitFor();
    await page.getByTestId('home').click();
    await screen(page, 'take-card').catch(() => undefined);
    await removeCard(page);
    await page.context().close();

    // Delivered by the outbox: the window sees 补正已提交 with the new page, and finishes the case.
    const answered = await waitFor('补正已提交 at the window', async () => {
      const file = await caseFile(caseNumber);
      return file?.stage === 'supplement_submitted' ? file : null;
    });
    expect(answered.materials.filter((m) => m.supplement).map((m) => m.materialId)).toEqual([missing]);
    expect(
      (await staff('POST', `/v1/staff/cases/${caseNumber}/steps`, { action: 'finish', result: '已办结' }))
        .status,
    ).toBe(200);
  });
});
