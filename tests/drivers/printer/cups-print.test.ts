import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CupsBackend } from '../../../drivers/printer/backends/cups-backend';
import { createPrinter, type ReceiptPrinter, sampleReceipt } from '../../../drivers/printer/index';
import { type CupsPdfQueue, cupsPdfFilePrefix, startCupsPdfQueue } from '../../support/cups';

async function waitForFile(dir: string, prefix: string, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = existsSync(dir)
      ? readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.pdf'))
      : undefined;
    if (found) return join(dir, found);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}

describe('printing through a real CUPS PDF queue', () => {
  let cups: CupsPdfQueue;
  let printer: ReceiptPrinter;
  const created: string[] = [];

  beforeAll(async () => {
    cups = await startCupsPdfQueue('PDF');
    printer = await createPrinter(
      { kind: 'cups', name: cups.queue, serialPath: '', paper: '80mm', jobTimeoutSeconds: 30 },
      pino({ level: 'silent' }),
    );
  });

  afterAll(async () => {
    await printer?.close();
    for (const file of created) rmSync(file, { force: true });
    await cups?.stop();
  });

  it('prints the receipt: the job completes and the PDF arrives in the output folder', async () => {
    // A ticket number unique to this run names the job, so an old file cannot satisfy the check.
    const ticket = `T${process.pid}${Date.now() % 100000}`;
    const data = { ...sampleReceipt('en'), ticketNumber: ticket };
    expect((await printer.status()).state).toBe('ready');
    const result = await printer.printReceipt(data);
    expect(result.ok).toBe(true);
    const file = await waitForFile(cups.outputDir, cupsPdfFilePrefix(`Acceptance receipt ${ticket}`), 20_000);
    expect(file).toBeDefined();
    if (file) {
      created.push(file);
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('reports a disabled queue as offline and does not queue the receipt', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('cupsdisable', ['-r', 'test: printer switched off', cups.queue]);
    try {
      expect(await printer.status()).toEqual({ state: 'offline', reason: 'test: printer switched off' });
      const result = await printer.printReceipt(sampleReceipt('zh-Hans'));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('offline');
    } finally {
      execFileSync('cupsenable', [cups.queue]);
    }
    expect((await printer.status()).state).toBe('ready');
  });

  it('reports a queue that does not exist as offline', async () => {
    const missing = new CupsBackend({ queue: 'NoSuchQueue' });
    expect(await missing.status()).toEqual({ state: 'offline', reason: 'CUPS has no queue "NoSuchQueue"' });
  });
});
