/**
 * The window's case workflow and supervision in Chromium, on a real central server on loopback with
 * an injected clock: a case filed at one kiosk is called and accepted, returned for supplement (补正)
 * naming the missing item, answered from a second kiosk, and finished (办结) at the window; its
 * deadline card turns none -> yellow -> red as the clock moves forward; the supervisor's page shows the
 * counts and refuses a window account; every step is audited with the staff member.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import { launchChromium } from '../support/chromium';
import {
  commitTestSubmission,
  enrolledClient,
  keyedHashOf,
  materialBytes,
  openTestStore,
  silentLogger,
  tempDir,
  testDrainer,
} from '../sync/support/kiosk-harness';
import { testCatalogue } from '../sync/support/test-hall';

const dayMs = 86_400_000;
/** Monday 7 Dec 2026, 10:00 in Shanghai. */
const start = Date.parse('2026-12-07T02:00:00Z');
/** 营业执照 gets a 3-working-day limit here: received Monday, due Thursday. */
const catalogue = {
  ...testCatalogue,
  items: testCatalogue.items.map((i) => (i.id === 'business-licence' ? { ...i, timeLimitDays: 3 } : i)),
};

async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByLabel(/Username/).fill(username);
  await page.getByLabel(/Password/).fill(password);
  await page.getByRole('button', { name: /Sign in/ }).click();
}

describe('case workflow and deadline cards on the staff and supervisor pages', () => {
  let now = start;
  let server: RunningCentralServer;
  let db: KioskDatabase;
  let browser: Browser;

  beforeAll(async () => {
    server = await startCentralServer({
      port: 0,
      dataDir: tempDir('central-workflow'),
      clock: () => now,
      supervision: { calendar: { holidays: [], makeUpWorkdays: [] }, yellowWithinWorkingDays: 1 },
    });
    await seedCatalogue(server.storage, catalogue);
    db = openTestStore(tempDir('kiosk-workflow'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    db?.close();
    await server?.close();
  });

  it('受理, 补正 answered at a second kiosk, 办结; the card goes none -> yellow -> red', async () => {
    const serviceDate = hallDateOf(now, 'Asia/Shanghai');
    const first = await enrolledClient(server.url, await server.createEnrolmentCode(), 'east kiosk');
    const second = await enrolledClient(server.url, await server.createEnrolmentCode(), 'west kiosk');
    const lease = new TicketBlockLease({
      store: db.ticketBlocks,
      client: first.client,
      logger: silentLogger,
      blockSize: 20,
      lowWaterMark: 5,
    });
    await lease.ensure('market-general', serviceDate);
    const caseNumber = `${first.enrolment.kioskCode}-FLOW-1`;
    await commitTestSubmission(db, {
      caseNumber,
      queueId: 'market-general',
      departmentId: 'market',
      itemId: 'business-licence',
      serviceDate,
      materials: [materialBytes('workflow-first', 1200)],
      applicant: 'applicant-flow',
    });
    expect(await testDrainer(db, first.client).drainUntilIdle()).toEqual({ delivered: 1, parked: 0 });

    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await signIn(page, `${server.url}/staff`, 'admin', server.adminSecret ?? '');
    const board = page.locator('#case-board');
    const boardCase = board.locator(`li[data-case="${caseNumber}"]`);
    await boardCase.and(page.locator('[data-card="none"]')).waitFor();

    // The window calls the ticket and opens the called applicant's case: form and materials.
    const windowOne = page.locator('section[data-window="1"]');
    await windowOne.getByRole('button', { name: /Call next/ }).click();
    await windowOne.getByRole('button', { name: /Handle case/ }).click();
    const file = page.locator(`article[data-case="${caseNumber}"]`);
    await file.locator('[data-stage="received"]').first().waitFor();
    await file.locator('li[data-material="ID_COPY"] img').waitFor();

    // 办结 before 受理 is refused with the server's own words, and nothing moves.
    await file.getByLabel(/result/).fill('准予许可');
    await file.locator('button[data-step="finish"]').click();
    await page
      .locator('#case-error')
      .filter({ hasText: /cannot be 办结/ })
      .waitFor();
    await file.locator('button[data-step="accept"]').click();
    await page.locator(`article[data-case="${caseNumber}"][data-stage="accepted"]`).waitFor();

    // 补正 naming the missing item; the kiosk's progress query shows it.
    await file.locator('input[name="missing"][value="ID_COPY"]').check();
    await file.locator('input[name="note-ID_COPY"]').fill('复印件不清晰');
    await file.locator('button[data-step="request_supplement"]').click();
    await page.locator(`article[data-case="${caseNumber}"][data-stage="supplement_requested"]`).waitFor();
    const progress = await second.client.caseProgress(caseNumber);
    expect(progress).toMatchObject({
      status: 'in_progress',
      stage: 'supplement_requested',
      missingItems: [{ materialId: 'ID_COPY', note: '复印件不清晰' }],
    });

    // The applicant answers at the second kiosk: the page first, then the supplement, exactly once.
    const page2 = materialBytes('workflow-supplement', 900);
    const sha = createHash('sha256').update(page2).digest('hex');
    await second.client.putMaterial(sha, page2);
    const supplement = {
      kind: 'supplement' as const,
      idempotencyKey: randomUUID(),
      kioskSeq: 1,
      payload: {
        caseNumber,
        applicant: { keyedHash: keyedHashOf('applicant-flow') },
        materials: [{ materialId: 'ID_COPY', page: 1, sha256: sha, mediaType: 'image/jpeg' }],
        submittedAtMs: now,
      },
    };
    const delivered = await second.client.deliverBatch([supplement]);
    expect(delivered.results[0]?.status).toBe(200);
    expect((await second.client.deliverBatch([supplement])).results[0]).toEqual(delivered.results[0]);
    await page.locator(`article[data-case="${caseNumber}"][data-stage="supplement_submitted"]`).waitFor();
    await file.locator('p.stage').filter({ hasText: '补正已提交' }).waitFor();
    await file.locator('li[data-material="ID_COPY"][data-supplement="true"] img').waitFor();

    // The clock moves: Wednesday leaves one working day (yellow), Friday is past Thursday (red). A
    // session lasts a working day, so the staff member signs in again each morning.
    await boardCase.and(page.locator('[data-card="none"]')).waitFor();
    now = start + 2 * dayMs;
    await signIn(page, `${server.url}/staff`, 'admin', server.adminSecret ?? '');
    await boardCase.and(page.locator('[data-card="yellow"]')).waitFor();
    now = start + 4 * dayMs;
    await signIn(page, `${server.url}/staff`, 'admin', server.adminSecret ?? '');
    await boardCase.and(page.locator('[data-card="red"]')).waitFor();
    await board
      .locator('tr[data-department="market"][data-window="1"] td.red')
      .filter({ hasText: '1' })
      .waitFor();

    // The supervisor's own page shows the red card; a window account is refused there.
    const supervisor = await fetch(`${server.url}/v1/admin/staff-accounts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenOf(server.url, 'admin', server.adminSecret ?? '')}`,
      },
      body: JSON.stringify({
        username: 'supervisor.one',
        password: 'a long supervisor secret',
        role: 'supervisor',
      }),
    });
    expect(supervisor.status).toBe(201);
    await fetch(`${server.url}/v1/admin/staff-accounts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenOf(server.url, 'admin', server.adminSecret ?? '')}`,
      },
      body: JSON.stringify({
        username: 'window.one',
        password: 'a long window secret',
        role: 'window_staff',
      }),
    });
    const supervisorPage = await browser.newPage();
    await signIn(supervisorPage, `${server.url}/supervisor`, 'supervisor.one', 'a long supervisor secret');
    await supervisorPage
      .locator('tr[data-department="market"][data-window="1"] td[data-count="red"]')
      .filter({ hasText: '1' })
      .waitFor();
    await supervisorPage.locator(`li[data-case="${caseNumber}"][data-card="red"]`).waitFor();
    const windowPage = await browser.newPage();
    await signIn(windowPage, `${server.url}/supervisor`, 'window.one', 'a long window secret');
    await windowPage
      .locator('#status')
      .filter({ hasText: /may not supervise/ })
      .waitFor();
    expect(await windowPage.locator('tr[data-department]').count()).toBe(0);

    // 办结 with the result: the case leaves the board, every step names who took it.
    await page.getByLabel(/Case number/).fill(caseNumber);
    await page.locator('#case-open button[type="submit"]').click();
    await file.getByLabel(/result/).fill('准予许可');
    await file.locator('button[data-step="finish"]').click();
    await page.locator(`article[data-case="${caseNumber}"][data-stage="finished"]`).waitFor();
    await boardCase.waitFor({ state: 'detached' });
    const steps = await file.locator('ol.steps li').allTextContents();
    expect(steps.map((s) => s.split(' · ')[1])).toEqual(['受理', '补正', '提交补正材料', '办结']);
    expect(steps.filter((s) => s.includes('admin'))).toHaveLength(3);
    expect(steps[2]).toContain('自助终端');
    const audit = await server.storage.auditLog(0, 500);
    expect(audit.filter((a) => a.action === 'takeCaseStep').map((a) => [a.username, a.status])).toEqual([
      ['admin', 409],
      ['admin', 200],
      ['admin', 200],
      ['admin', 200],
    ]);
    expect(await second.client.caseProgress(caseNumber)).toMatchObject({ status: 'done', stage: 'finished' });
    expect(cspViolations).toEqual([]);
  });
});

async function tokenOf(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await response.json()) as { token: string }).token;
}
