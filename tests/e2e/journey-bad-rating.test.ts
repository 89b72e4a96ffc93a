/**
 * 好差评 as the national scheme asks, end to end: a case finished at the window (受理, 办结 through the
 * staff API) is rated 非常不满意 at the kiosk; a 差评 asks for reasons from a fixed list (refused without
 * one) and offers a comment; the central flags it for follow-up on the staff board, and a staff member
 * marks it followed up, once, audited.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { openPage, placeCard, removeCard, screen, submitApplication } from './journey-kit';

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

describe('a 差评 at the kiosk reaches the staff board with its reasons', () => {
  it('asks for reasons, keeps the comment field, and is flagged until followed up', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    const caseNumber = await submitApplication(page, personCard, 'gjj-tq-zf');
    await page.context().close();

    // The window accepts and finishes the case once the kiosk has delivered it.
    const deadline = Date.now() + 30_000;
    while ((await staff('GET', `/v1/staff/cases/${caseNumber}`)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`case ${caseNumber} never reached the central`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await staff('POST', `/v1/staff/cases/${caseNumber}/steps`, { action: 'accept' })).status).toBe(
      200,
    );
    expect(
      (await staff('POST', `/v1/staff/cases/${caseNumber}/steps`, { action: 'finish', result: '已提取' }))
        .status,
    ).toBe(200);

    const rating = await openPage(browser, kiosk.url, 'portrait');
    await rating.locator('[data-service="rate"]').click();
    await screen(rating, 'waiting-for-card');
    await placeCard(rating, personCard);
    await screen(rating, 'rating-cases');
    await rating.locator(`[data-case="${caseNumber}"]`).click();
    await screen(rating, 'rating');
    // A good grade shows the ordinary reasons and no comment field.
    await rating.locator('[data-grade="4"]').click();
    await rating.locator('[data-reasons="good"]').waitFor();
    expect(await rating.locator('#rating-comment').count()).toBe(0);
    // 非常不满意: the fixed list of 差评 reasons and the comment; none chosen is refused.
    await rating.locator('[data-grade="1"]').click();
    await rating.locator('[data-reasons="bad"]').waitFor();
    await rating.locator('#rating-comment').waitFor();
    await rating.getByTestId('submit-rating').click();
    await rating.getByRole('alert').filter({ hasText: '请至少选择一项不满意的原因' }).waitFor();
    await rating.locator('[data-reason="waiting"]').click();
    await rating.locator('[data-reason="notToldOnce"]').click();
    await rating.getByTestId('submit-rating').click();
    await screen(rating, 'rating-thanks');
    await rating.getByTestId('finish').or(rating.getByTestId('home')).first().click();
    await screen(rating, 'take-card').catch(() => undefined);
    await removeCard(rating);
    await rating.context().close();

    // Delivered through the outbox: the staff board lists it until someone follows it up.
    type Board = { flaggedRatings: { caseNumber: string; grade: number; reasons: string[] }[] };
    let flagged: Board['flaggedRatings'][number] | undefined;
    const until = Date.now() + 30_000;
    while (!flagged && Date.now() < until) {
      flagged = ((await (await staff('GET', '/v1/staff/cases')).json()) as Board).flaggedRatings.find(
        (r) => r.caseNumber === caseNumber,
      );
      if (!flagged) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(flagged).toEqual(expect.objectContaining({ grade: 1, reasons: ['waiting', 'notToldOnce'] }));
    expect((await staff('POST', `/v1/staff/ratings/${caseNumber}/follow-up`, {})).status).toBe(200);
    expect((await staff('POST', `/v1/staff/ratings/${caseNumber}/follow-up`, {})).status).toBe(409);
    const board = (await (await staff('GET', '/v1/staff/cases')).json()) as Board;
    expect(board.flaggedRatings.map((r) => r.caseNumber)).not.toContain(caseNumber);
    const audit = (await (await staff('GET', '/v1/admin/audit?limit=500')).json()) as {
      entries: { action: string; username: string | null; status: number; target: string | null }[];
    };
    expect(audit.entries.filter((e) => e.action === 'followUpRating')).toEqual([
      expect.objectContaining({ username: 'admin', status: 200, target: caseNumber }),
      expect.objectContaining({ username: 'admin', status: 409, target: caseNumber }),
    ]);
  });
});
