/**
 * Issue 13's "Done when", in Chromium on the real renderer: one kiosk process (demo devices) enrolled
 * with a reference central server on loopback. A first-time applicant types a fact (the current
 * address) and photographs the documents for 驾驶证换证, keeping them in the form-free store; the fact
 * fills the next item's form in the same session and a later one, and the photo is offered as an
 * archived copy next time. Then the same person's 结婚登记, filed at another kiosk, is finished (办结)
 * at the window through the staff API, and this kiosk fills the spouse on the next form after its store
 * delta.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHashOfIdNumber } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { SeededRandom, sampleIdNumber } from '../../sync/sample-hall';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { enrolledClient } from '../sync/support/kiosk-harness';
import { api, Effort, openPage, placeCard, removeCard, screen } from './journey-kit';

const root = resolve(import.meta.dirname, '..', '..');
let central: RunningCentralServer;
let kiosk: KioskProcess;
let browser: Browser;
const dirs: string[] = [];

const cardId = 'sample-first-time';
/** What the applicant types for the current address on the Chinese keyboard. */
const typedAddress = '南安市溪美街道';
/** 驾驶证换证 first; 护照申领 next (it asks for the same address and the same ID photo). */
const firstItem = 'cg-jsz-hz';
const nextItem = 'crj-hz-sl';
/** 住房公积金提取 (租房): asks for the marital status, and the spouse when married. */
const spouseItem = 'gjj-tq-zf';

beforeAll(async () => {
  const centralDir = mkdtempSync(join(tmpdir(), 'write-back-central-'));
  const kioskDir = mkdtempSync(join(tmpdir(), 'write-back-kiosk-'));
  dirs.push(centralDir, kioskDir);
  // A short pull interval: the kiosk's store delta follows the window's 办结 within seconds.
  [central, browser] = await Promise.all([
    startCentralServer({ port: 0, dataDir: centralDir, seed: 'sample', hall: { pullIntervalSeconds: 5 } }),
    launchChromium(),
  ]);
  const config = {
    dataDir: kioskDir,
    mode: 'demo',
    central: { url: central.url },
    idcard: { kind: 'simulator' },
    printer: { kind: 'simulator' },
  };
  const configPath = join(kioskDir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const code = await central.createEnrolmentCode();
  await new Promise<void>((resolveRun, reject) =>
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'scripts', 'provision.ts'),
        '--central',
        central.url,
        '--code',
        code,
        '--config',
        configPath,
      ],
      { cwd: root, timeout: 60_000 },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolveRun()),
    ),
  );
  kiosk = await startKioskProcess(config);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  await central?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function sessionId(page: Page): Promise<string> {
  const state = await api<{ ok: boolean; value: { state: string; sessionId: string } }>(
    page,
    'getSessionState',
  );
  expect(state.value.state).toBe('active');
  return state.value.sessionId;
}

type Prepared = {
  values: Record<string, unknown>;
  provenance: Record<string, string>;
  reusableMaterials: { code: string; sha256: string }[];
};

async function prepared(page: Page, itemId: string): Promise<Prepared> {
  const result = await api<{ ok: boolean; value: Prepared }>(page, 'prepareApplication', {
    sessionId: await sessionId(page),
    itemId,
  });
  expect(result.ok).toBe(true);
  return result.value;
}

/** From the menu to the item's form. */
async function openItem(page: Page, itemId: string): Promise<void> {
  await page.locator('[data-service="apply"]').click();
  await screen(page, 'choose-item');
  await page.locator('[data-item-id]').first().waitFor();
  while ((await page.locator(`[data-item-id="${itemId}"]`).count()) === 0)
    await page.getByTestId('next-page').click();
  await page.locator(`[data-item-id="${itemId}"]`).click();
  await page.getByTestId('start-item').click();
  await screen(page, 'form');
}

/** Answers whatever the form still flags, by what each field asks for, until the materials step. */
async function completeForm(page: Page, effort: Effort): Promise<string[]> {
  const typed: string[] = [];
  for (let round = 0; round < 30; round++) {
    await page.getByTestId('next').click();
    const moved = await page
      .locator('[data-screen-id="materials"]')
      .waitFor({ timeout: 1500 })
      .then(() => true)
      .catch(() => false);
    if (moved) return typed;
    const field = page.locator('.form-field.has-error').first();
    typed.push((await field.getAttribute('data-field')) ?? '');
    const options = field.locator('[data-option]');
    if ((await options.count()) > 0) {
      await options.first().click();
      continue;
    }
    if ((await field.locator('.check-button').count()) > 0) {
      await field.locator('.check-button').click();
      continue;
    }
    await field.locator('.text-input').click();
    const keyboard = page.getByTestId('keyboard');
    await page.getByTestId('keyboard-done').waitFor();
    const kind = (await keyboard.getAttribute('data-kind')) ?? '';
    if (kind === 'chinese') {
      await effort.typeChinese('nananshi', '南安市');
      await effort.typeChinese('ximeijiedao', '溪美街道');
    } else if (kind === 'phone') await effort.type('13800138000');
    else if (kind === 'date') await effort.type('20300101');
    else if (kind === 'number') await effort.type('1500');
    else if (kind === 'digits') await effort.type('123456789012');
    else await effort.type('abc');
    await page.getByTestId('keyboard-done').click();
  }
  throw new Error('the form did not complete');
}

/** Photographs every document still missing (the fake camera), until the review screen. */
async function photographMissing(page: Page): Promise<void> {
  for (let guard = 0; guard < 12; guard++) {
    await page.getByTestId('next').or(page.getByTestId('use-all-archived')).first().click();
    const moved = await page
      .locator('[data-screen-id="review"]')
      .waitFor({ timeout: 1500 })
      .then(() => true)
      .catch(() => false);
    if (moved) return;
    const missing = page.locator('.material-card.is-missing').first();
    // Cards come a few to a screen: turn to the one still missing.
    for (let turn = 0; (await missing.count()) === 0 && turn < 5; turn++)
      await page.getByTestId('next-page').click();
    await missing.locator('[data-testid^="capture-"]').click();
    await screen(page, 'camera');
    await page.getByTestId('take-photo').and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
    await page.getByTestId('take-photo').click();
    await screen(page, 'materials');
  }
  throw new Error('the materials step did not complete');
}

async function leave(page: Page): Promise<void> {
  await page.getByTestId('home').click();
  await page.getByTestId('discard-and-home').click();
  await screen(page, 'take-card');
  await removeCard(page);
  await screen(page, 'attract');
  await page.waitForTimeout(700);
}

describe('the form-free store remembers what the applicant confirmed (issue 13, Done when)', () => {
  let idNumber = '';

  it('a fact typed on one item fills the next item’s form in the same and a later session; a photographed page is offered next time', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    const effort = new Effort(page);
    await placeCard(page, cardId);
    await screen(page, 'menu');
    await openItem(page, firstItem);
    const typed = await completeForm(page, effort);
    expect(typed).toContain('currentAddress');
    await photographMissing(page);
    await page.getByTestId('keep-in-store').click();
    await effort.sign();
    await page.getByTestId('confirm').click();
    await screen(page, 'ticket');

    // The same session (the card still on the reader): the next item's form has the address from the
    // store, and the photo just taken is an archived copy.
    const same = await prepared(page, nextItem);
    expect(same.values.currentAddress).toBe(typedAddress);
    expect(same.provenance.currentAddress).toBe('store');
    expect(same.reusableMaterials.map((m) => m.code)).toContain('ID_PHOTO');
    const session = await api<{ value: { identity: { idNumber: string } } }>(page, 'getSessionState');
    idNumber = session.value.identity.idNumber;
    await page.getByTestId('finish').click();
    await screen(page, 'take-card');
    await removeCard(page);
    await screen(page, 'attract');
    await page.waitForTimeout(700);

    // A later session, on screen: the address is filled from the store and the photo offered.
    await placeCard(page, cardId);
    await screen(page, 'menu');
    await openItem(page, nextItem);
    const address = page.locator('.form-field[data-field="currentAddress"]');
    expect(await address.getAttribute('data-provenance')).toBe('store');
    expect(await address.locator('.text-input').inputValue()).toBe(typedAddress);
    const unticked = page.locator(
      '.form-field:has(.required-mark)[data-provenance="empty"] .check-button[aria-pressed="false"]',
    );
    while ((await unticked.count()) > 0) await unticked.first().click();
    await completeForm(page, effort);
    await page.locator('.material-card[data-material="ID_PHOTO"]:has(.archived) img.thumb').waitFor();
    await leave(page);
    await page.context().close();
  });

  it('a marriage finished at the window fills the spouse on the next form at this kiosk', async () => {
    expect(idNumber).not.toBe('');
    // The 结婚登记 is filed at another kiosk of the hall (its outbox speaks the same central API).
    const other = await enrolledClient(central.url, await central.createEnrolmentCode(), 'marriage kiosk');
    const caseNumber = `${other.enrolment.kioskCode}-MARRY-1`;
    const spouse = {
      name: '林美华',
      idNumber: sampleIdNumber(new SeededRandom(1313), '1992-05-17', 'female'),
    };
    const delivered = await other.client.deliverBatch([
      {
        kind: 'submission',
        idempotencyKey: randomUUID(),
        kioskSeq: 1,
        payload: {
          caseNumber,
          itemId: 'mz-jhdj',
          departmentId: 'civil-affairs',
          queueId: 'civil-affairs-regular',
          ticket: null,
          applicant: {
            keyedHash: keyedHashOfIdNumber(central.hall.lookupKey, idNumber),
            priorityReasons: [],
          },
          formValues: { partnerName: spouse.name, partnerIdNumber: spouse.idNumber },
          materials: [],
          consentToStore: false,
          submittedAtMs: Date.now(),
        },
      },
    ]);
    expect(delivered.results[0]?.status).toBe(200);

    // The window accepts (受理) and finishes (办结) it through the staff API.
    const signIn = await fetch(`${central.url}/v1/staff/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: central.adminSecret ?? '' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    for (const step of [{ action: 'accept' }, { action: 'finish', result: '准予登记' }]) {
      const taken = await fetch(`${central.url}/v1/staff/cases/${caseNumber}/steps`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(step),
      });
      expect(taken.status).toBe(200);
    }

    // This kiosk learns it from its store delta; the form shows the spouse, filled from the store.
    const page = await openPage(browser, kiosk.url, 'portrait');
    await placeCard(page, cardId);
    await screen(page, 'menu');
    await expect
      .poll(async () => (await prepared(page, spouseItem)).values.spouseName, { timeout: 30_000 })
      .toBe(spouse.name);
    await openItem(page, spouseItem);
    const spouseName = page.locator('.form-field[data-field="spouseName"]');
    expect(await spouseName.getAttribute('data-provenance')).toBe('store');
    expect(await spouseName.locator('.text-input').inputValue()).toBe(spouse.name);
    await leave(page);
    await page.context().close();
  });
});
