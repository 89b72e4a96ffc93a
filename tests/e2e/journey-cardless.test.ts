/**
 * Issue 15, defect 2, in Chromium: 办理业务 and 预约取号 go on without an ID card where the hall allows
 * it. The ID number and name on the keypad with a code sent to the phone the form-free store holds (the
 * demo gateway shows it on the operator panel), and a provincial app / electronic ID QR code shown to the
 * camera and verified by the central system (once: shown again, it is refused). A QR session does not
 * reach archived document copies; an SMS-checked one does. (With no way allowed, the screen says where
 * to go: journey-help.test.ts, on a kiosk with the defaults.)
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDemoIdentityQr } from '../../sync/central/identity-qr';
import { demoEidPrivateKeyPem } from '../../sync/sample-hall/demo-eid';
import { launchChromium } from '../support/chromium';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';
import { api, checkScreen, Effort, type Identity, learnIdentity, openPage, screen } from './journey-kit';

let kiosk: KioskProcess;
let browser: Browser;
let person: Identity;

beforeAll(async () => {
  kiosk = await startKioskProcess({ mode: 'demo', ui: { cardless: { smsCode: true, provincialQr: true } } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

/** A fake camera showing one QR code (Chromium plays a y4m file as the camera). */
function qrVideo(text: string, path: string): void {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'L' });
  const size = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) {
      if (!qr.modules.data[row * size + col]) continue;
      for (let y = 0; y < scale; y++)
        luma.fill(
          16,
          (top + row * scale + y) * width + left + col * scale,
          (top + row * scale + y) * width + left + (col + 1) * scale,
        );
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}

async function sessionNow(
  page: Page,
): Promise<{ sessionId: string; identifiedBy?: string; identity: Identity }> {
  const state = await api<{
    ok: boolean;
    value: { state: string; sessionId: string; identifiedBy?: string; identity: Identity };
  }>(page, 'getSessionState');
  expect(state.value.state).toBe('active');
  return state.value;
}

async function archivedCopiesOffered(page: Page, sessionId: string): Promise<number> {
  const prepared = await api<{ ok: boolean; value: { reusableMaterials: unknown[] } }>(
    page,
    'prepareApplication',
    {
      sessionId,
      itemId: 'gjj-tq-zf',
    },
  );
  expect(prepared.ok).toBe(true);
  return prepared.value.reusableMaterials.length;
}

describe('ways in without an ID card', () => {
  it('办理业务 with the ID number, the name and a text-message code (简体, portrait)', async () => {
    const page = await openPage(browser, kiosk.url, 'portrait');
    person = await learnIdentity(page, 'sample-returning');
    await page.locator('[data-service="apply"]').click();
    await screen(page, 'waiting-for-card');
    await page.getByTestId('cardless-sms').click();
    await page.getByTestId('keyboard').waitFor();
    const effort = new Effort(page);
    await effort.type(person.idNumber);
    // The name from a hardware keyboard (the on-screen one would need its pinyin).
    await page.locator('#cardless-name').fill(person.name);
    await checkScreen(page, 'cardless-01-sms-identity-zh-Hans-portrait');
    await page.getByTestId('cardless-send-code').click();
    const sent = page.getByTestId('cardless-code-sent');
    await sent.waitFor();
    expect(await sent.textContent()).toMatch(/\d{3}\*+\d{4}/);

    // The demo gateway "sends" the text to the operator panel, not to a phone and not to a log.
    await page.locator('.demo-toggle').click();
    const sms = page.getByTestId('demo-sms');
    await expect.poll(() => sms.textContent()).toMatch(/验证码是 \d{6}/);
    const code = /验证码是 (\d{6})/.exec((await sms.textContent()) ?? '')![1]!;
    await page.locator('.demo-toggle').click();
    expect(kiosk.output()).not.toContain(code);
    expect(kiosk.output()).not.toContain(person.idNumber);

    // A wrong code first: refused with words, the applicant may try again.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.locator('#cardless-code').fill(wrong);
    await page.getByTestId('cardless-verify').click();
    await expect.poll(() => page.getByTestId('cardless-problem').textContent()).toContain('验证码不对');
    await page.locator('#cardless-code').fill(code);
    await page.getByTestId('cardless-verify').click();
    await screen(page, 'choose-item');
    const session = await sessionNow(page);
    expect(session.identifiedBy).toBe('sms');
    expect(session.identity.idNumber).toBe(person.idNumber);
    // The code to the phone on record was checked: the archived copies may be re-used.
    expect(await archivedCopiesOffered(page, session.sessionId)).toBeGreaterThan(0);
    await page.getByTestId('home').click();
    await screen(page, 'attract');
    await page.context().close();
  });

  it('预约取号 with an electronic ID QR code shown to the camera, once only (English, landscape)', async () => {
    const payload = mintDemoIdentityQr(createPrivateKey(demoEidPrivateKeyPem), {
      idNumber: person.idNumber,
      name: person.name,
      expiresAtMs: Date.now() + 5 * 60_000,
      nonce: randomUUID(),
    });
    const video = join(kiosk.dataDir, 'eid-qr.y4m');
    qrVideo(payload, video);
    const qrBrowser = await launchChromium([`--use-file-for-fake-video-capture=${video}`]);
    try {
      const page = await openPage(qrBrowser, kiosk.url, 'landscape');
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('[data-service="checkIn"]').click();
      await screen(page, 'waiting-for-card');
      await page.getByTestId('cardless-qr').click();
      await screen(page, 'appointments');
      const session = await sessionNow(page);
      expect(session.identifiedBy).toBe('qr');
      expect(session.identity.idNumber).toBe(person.idNumber);
      // Nobody proved the phone on record: no archived copies for a QR session.
      expect(await archivedCopiesOffered(page, session.sessionId)).toBe(0);
      await page.getByTestId('home').click();
      await screen(page, 'attract');

      // The same code again (a photo of someone's screen, say): refused, in words.
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('[data-service="checkIn"]').click();
      await screen(page, 'waiting-for-card');
      await page.getByTestId('cardless-qr').click();
      await expect
        .poll(() => page.getByTestId('cardless-problem').textContent(), { timeout: 30_000 })
        .toContain('used already');
      await checkScreen(page, 'cardless-02-qr-replayed-en-landscape');
      expect((await api<{ value: { state: string } }>(page, 'getSessionState')).value.state).not.toBe(
        'active',
      );
      // Not tried again by itself: the applicant chooses to scan again.
      await page.getByTestId('cardless-rescan').waitFor();
      await page.getByTestId('cardless-back').click();
      await page.getByTestId('back').click();
      await screen(page, 'attract');
    } finally {
      await qrBrowser.close();
    }
  });
});
