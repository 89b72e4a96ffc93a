import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import type { KioskDatabase } from '../../sync/store/kiosk-database';
import { launchChromium } from '../support/chromium';
import {
  commitTestSubmission,
  enrolledClient,
  materialBytes,
  openTestStore,
  silentLogger,
  tempDir,
  testDrainer,
} from '../sync/support/kiosk-harness';
import { testCatalogue } from '../sync/support/test-hall';

describe('staff page: a submission drained from a kiosk shows in its window queue and is called', () => {
  let server: RunningCentralServer;
  let db: KioskDatabase;
  let browser: Browser;
  beforeAll(async () => {
    // The loopback demo's one-time admin: the page signs in with it.
    server = await startCentralServer({ port: 0, dataDir: tempDir('central-staff') });
    await seedCatalogue(server.storage, testCatalogue);
    db = openTestStore(tempDir('kiosk-staff'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    db?.close();
    await server?.close();
  });

  it('shows the ticket under window 5, calls it, and the calling display says so', async () => {
    const serviceDate = serviceDateOf(Date.now(), 'Asia/Shanghai');
    const { client, enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode());
    const lease = new TicketBlockLease({
      store: db.ticketBlocks,
      client,
      logger: silentLogger,
      blockSize: 20,
      lowWaterMark: 5,
    });
    await lease.ensure('civil-general', serviceDate);
    const committed = await commitTestSubmission(db, {
      caseNumber: `${enrolment.kioskCode}-STAFF-1`,
      queueId: 'civil-general',
      departmentId: 'civil',
      itemId: 'marriage-certificate',
      serviceDate,
      materials: [materialBytes('staff-page', 1500)],
    });
    expect(await testDrainer(db, client).drainUntilIdle()).toEqual({ delivered: 1, parked: 0 });
    const display = committed.ticket!.display;

    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(`${server.url}/staff`);
    await page.getByLabel(/Username/).fill('admin');
    await page.getByLabel(/Password/).fill('not the secret');
    await page.getByRole('button', { name: /Sign in/ }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /Sign-in failed/ })
      .waitFor();
    await page.getByLabel(/Password/).fill(server.adminSecret ?? '');
    await page.getByRole('button', { name: /Sign in/ }).click();
    const windowFive = page.locator('section[data-window="5"]');
    await windowFive.locator(`li[data-ticket="${display}"]`).waitFor();
    await windowFive.getByRole('button', { name: /Call next/ }).click();
    await windowFive.locator(`[data-serving="${display}"]`).waitFor();

    const screen = await browser.newPage();
    await screen.goto(`${server.url}/display`);
    await screen
      .locator('#current-line')
      .filter({ hasText: `${display} 请到 5 号窗口` })
      .waitFor();
    expect(cspViolations).toEqual([]);
    const progress = await server.storage.caseProgress(`${enrolment.kioskCode}-STAFF-1`);
    expect(progress?.status).toBe('in_progress');
  });

  it('refuses the staff API without a signed-in session, and records who called', async () => {
    const response = await fetch(`${server.url}/v1/staff/overview`);
    expect(response.status).toBe(401);
    const audit = await server.storage.auditLog(0, 100);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'callNext', username: 'admin', status: 200 }),
    );
  });
});
