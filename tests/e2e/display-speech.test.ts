/**
 * The hall calling display speaks each new call in Mandarin ("请 A001 号到 5 号窗口办理") with the
 * browser's speech synthesis, once, and not the calls already on the board when it opened. The real
 * speechSynthesis.speak runs; an init script only records what it was given.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf } from '../../kernel/hall-time';
import { canonicalJson } from '../../sync/central/hall-rules';
import { seedCatalogue } from '../../sync/central/seed';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { launchChromium } from '../support/chromium';
import { keyedHashOf, tempDir } from '../sync/support/kiosk-harness';
import { testCatalogue } from '../sync/support/test-hall';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the calling display speaks the call', () => {
  let server: RunningCentralServer;
  let browser: Browser;
  let kioskId: string;
  let kioskCode: string;

  beforeAll(async () => {
    server = await startCentralServer({ port: 0, dataDir: tempDir('central-speech') });
    await seedCatalogue(server.storage, testCatalogue);
    await server.storage.createEnrolmentCode(sha256('code'), Date.now() + 60_000);
    const enrolled = await server.storage.enrolKiosk({
      kioskId: randomUUID(),
      name: 'speech kiosk',
      codeHash: sha256('code'),
      requestId: 'speech-request',
      publicKey: 'speech-key',
      credentialHashOf: () => sha256('speech-credential'),
      appVersion: '0.1.0',
      nowMs: Date.now(),
    });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    ({ kioskId, kioskCode } = enrolled.value);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A civil-affairs case waiting for window 5, numbered by the central. */
  async function waitingCase(n: number): Promise<void> {
    const payload = {
      caseNumber: `${kioskCode}-SPEAK-${n}`,
      itemId: 'marriage-certificate',
      departmentId: 'civil',
      queueId: 'civil-general',
      ticket: null,
      applicant: { keyedHash: keyedHashOf(`speech-${n}`), priorityReasons: [] },
      formValues: {},
      materials: [],
      consentToStore: false,
      submittedAtMs: Date.now(),
    };
    const [outcome] = await server.storage.deliver(
      kioskId,
      [
        {
          kind: 'submission',
          idempotencyKey: randomUUID(),
          kioskSeq: n,
          payload,
          requestHash: sha256(canonicalJson({ kind: 'submission', payload })),
        },
      ],
      Date.now(),
    );
    expect(outcome!.status).toBe(200);
  }

  it('announces a new call once, in Mandarin, and not the one already shown when it opened', async () => {
    const today = hallDateOf(Date.now(), 'Asia/Shanghai');
    await waitingCase(1);
    await waitingCase(2);
    const before = await server.storage.callNext('w5', today, Date.now());
    const earlier = before.ok && before.value ? before.value.display : '';

    const page = await browser.newPage();
    await page.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
      window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
        spoken.push({ text: utterance.text, lang: utterance.lang });
        speak(utterance);
      };
    });
    await page.goto(`${server.url}/display`);
    await page
      .locator('#current-line')
      .filter({ hasText: `${earlier} 请到 5 号窗口` })
      .waitFor();
    // Two refreshes later, the call that was already on the board has not been spoken.
    await page.waitForTimeout(4_500);
    expect(await page.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken)).toEqual([]);

    const next = await server.storage.callNext('w5', today, Date.now());
    const display = next.ok && next.value ? next.value.display : 'none';
    expect(display).not.toBe(earlier);
    await page
      .locator('#current-line')
      .filter({ hasText: `${display} 请到 5 号窗口` })
      .waitFor();
    await page.waitForFunction(() => (window as unknown as { spoken: unknown[] }).spoken.length > 0);
    await page.waitForTimeout(2_500);
    expect(await page.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken)).toEqual([
      { text: `请 ${display} 号到 5 号窗口办理`, lang: 'zh-CN' },
    ]);
    // The earlier call moved to the list of recent calls.
    await page
      .locator('#recent li')
      .filter({ hasText: `${earlier} → 5 号窗口` })
      .waitFor();
    await page.close();
  });
});
