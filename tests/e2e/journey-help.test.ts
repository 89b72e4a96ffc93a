/**
 * Issue 15 part 3 in Chromium: 呼叫工作人员 is in every screen's header; pressing it puts a help request
 * (the kiosk's name, the time, the screen; nothing about the person) on the staff page, and the applicant
 * is told someone is coming. Also defect 2 (iii): with no card-less way allowed (the default), 办理业务
 * and 预约取号 say which window to go to. The offline queue: tests/host/help-offline.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { checkScreen, openPage, placeCard, screen } from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

/** The staff page of the kiosk's (embedded) central system, signed in as the demo admin. */
async function staffPage(): Promise<Page> {
  const { centralUrl } = JSON.parse(readFileSync(join(kiosk.dataDir, 'enrolment.json'), 'utf8')) as {
    centralUrl: string;
  };
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${centralUrl}/staff`);
  await page.locator('#login input[name="username"]').fill('admin');
  await page
    .locator('#login input[name="password"]')
    .fill(readFileSync(join(kiosk.dataDir, 'central', 'admin-secret'), 'utf8').trim());
  await page.locator('#login button[type="submit"]').click();
  await page.locator('#help-requests').waitFor();
  return page;
}

async function callStaff(page: Page): Promise<string | null> {
  await page.getByTestId('call-staff').first().click();
  const status = page.getByTestId('call-staff-status');
  await status.waitFor();
  return status.getAttribute('data-delivery');
}

describe('呼叫工作人员', () => {
  it('from the attract screen and from a service screen, each reaches the staff page with the screen (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    expect(await callStaff(page)).toBe('sent');
    expect(await page.getByTestId('call-staff-status').textContent()).toContain('工作人员马上就来');
    await checkScreen(page, 'help-01-sent-zh-Hans-portrait');
    await page.getByTestId('call-staff-close').click();

    await placeCard(page, 'sample-returning');
    await screen(page, 'menu');
    await page.locator('[data-service="progress"]').click();
    await screen(page, 'progress');
    expect(await callStaff(page)).toBe('sent');
    await page.getByTestId('call-staff-close').click();

    const staff = await staffPage();
    const rows = staff.locator('#help-request-list .help-request');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const listed = (await staff.locator('#help-request-list').textContent()) ?? '';
    expect(listed).toContain('attract');
    expect(listed).toContain('progress');
    expect(listed).toMatch(/kiosk-\d+/);
    // Nothing about the person who was at the kiosk.
    const identity = await page.evaluate(async () => {
      const reply = await fetch('/api/call/getSessionState', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return (await reply.json()).result.value.identity as { name: string; idNumber: string };
    });
    expect(listed).not.toContain(identity.name);
    expect(listed).not.toContain(identity.idNumber);
    // Answered: it leaves the list.
    const before = await rows.count();
    await rows.first().locator('button').click();
    await expect.poll(() => rows.count()).toBe(before - 1);
    await staff.context().close();
    await page.getByTestId('home').click();
    await page.context().close();
  });

  it('the button is in the header of the card prompt too, in English (landscape)', async () => {
    const page = await openPage(browser, kiosk.url, 'landscape');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('[data-service="apply"]').click();
    await screen(page, 'waiting-for-card');
    expect(await callStaff(page)).toBe('sent');
    expect(await page.getByTestId('call-staff-status').textContent()).toContain('Someone is coming');
    await page.getByTestId('call-staff-close').click();
    await page.context().close();
  });
});

describe('no card-less way allowed (the default): where to go instead', () => {
  it('办理业务 and 预约取号 name the window (简体 and English)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    await page.locator('[data-service="apply"]').click();
    await screen(page, 'waiting-for-card');
    expect(await page.getByTestId('cardless-directions').textContent()).toContain('1 号综合窗口');
    expect(await page.getByTestId('cardless-sms').count()).toBe(0);
    expect(await page.getByTestId('cardless-qr').count()).toBe(0);
    await checkScreen(page, 'cardless-00-directions-zh-Hans-portrait');
    await page.getByTestId('back').click();
    await screen(page, 'attract');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('[data-service="checkIn"]').click();
    await screen(page, 'waiting-for-card');
    expect(await page.getByTestId('cardless-directions').textContent()).toContain('window 1');
    await page.context().close();
  });
});
