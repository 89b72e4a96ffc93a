/**
 * Technician mode end to end: a fresh kiosk against the reference central server is provisioned
 * from the screen (on-screen keyboard, then the PIN), serves an applicant, and its device tests drive
 * the simulators; a second kiosk is provisioned with `npm run provision`; the PIN locks after 5 wrong
 * tries, audited; the hidden gesture alone opens nothing but the keypad.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCentralServer, startCentralServer } from '../../sync/central/server';
import { launchChromium } from '../support/chromium';
import { type CupsPdfQueue, cupsPdfFilePrefix, startCupsPdfQueue } from '../support/cups';
import { type KioskProcess, startKioskProcess } from '../support/kiosk-process';

const root = resolve(import.meta.dirname, '..', '..');
const screenshots = join(root, 'tests', 'artifacts', 'screenshots');
mkdirSync(screenshots, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshots, `technician-${name}.png`) });
/** Waits for the screen to settle (the machine is shared; scrypt is slow on purpose). */
const wait = { timeout: 30_000 } as const;
const screenPin = '246810';
const cliPin = '135790';

let central: RunningCentralServer;
let centralDir: string;
let browser: Browser;
const kiosks: KioskProcess[] = [];
const extraDirs: string[] = [];
const extraFiles: string[] = [];
let cups: CupsPdfQueue | undefined;

beforeAll(async () => {
  centralDir = mkdtempSync(join(tmpdir(), 'tech-central-'));
  [central, browser] = await Promise.all([
    startCentralServer({ port: 0, dataDir: centralDir, seed: 'sample' }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  for (const kiosk of kiosks) await kiosk.stop();
  await central?.close();
  await cups?.stop();
  for (const file of extraFiles) rmSync(file, { force: true });
  for (const dir of [centralDir, ...extraDirs]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A Y4M clip of one QR code, for Chromium's fake camera (--use-file-for-fake-video-capture). */
function qrVideo(text: string, path: string): void {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.data[row * size + col]) continue;
      for (let y = 0; y < scale; y++) {
        const start = (top + row * scale + y) * width + left + col * scale;
        luma.fill(16, start, start + scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]));
}

/** A kiosk in demo mode (simulated reader and ESC/POS printer) that names a real central server. */
function kioskConfig() {
  return {
    mode: 'demo',
    central: { url: central.url },
    idcard: { kind: 'simulator' },
    printer: { kind: 'simulator' },
  };
}

async function openPage(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await context.grantPermissions(['camera']);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`page error: ${error.message}`);
  });
  await page.goto(url);
  await page.locator('.app').waitFor({ timeout: 30_000 });
  return page;
}

async function call<T = { ok: boolean; value?: unknown; error?: { code: string } }>(
  page: Page,
  method: string,
  body: unknown = {},
): Promise<T> {
  const envelope = (await page.evaluate(
    async ([m, b]) => {
      const reply = await fetch(`/api/call/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      return reply.json();
    },
    [method, body] as const,
  )) as { status: string; result?: T; message?: string };
  if (envelope.status !== 'ok') throw new Error(`${method}: ${envelope.status} ${envelope.message ?? ''}`);
  return envelope.result as T;
}

/** Types on the technician's on-screen keyboard, key by key. */
async function typeOnScreen(page: Page, text: string): Promise<void> {
  for (const char of text) await page.locator(`.tech-text-keyboard [data-key="${char}"]`).click();
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin)
    await page.locator('.tech-keypad').getByRole('button', { name: digit, exact: true }).click();
}

async function cornerTaps(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await page.mouse.click(12 + i, 14);
}

async function serveApplicant(page: Page): Promise<void> {
  await page.getByRole('heading', { name: '请放置身份证' }).waitFor({ timeout: 30_000 });
  const listed = await call<{ ok: boolean; value: { cards: { id: string }[] } }>(page, 'demoListCards');
  const placed = await call(page, 'demoPlaceCard', { cardId: listed.value.cards[0]!.id });
  expect(placed.ok).toBe(true);
  await expect
    .poll(async () => (await page.getByTestId('greeting').textContent()) ?? '', { timeout: 30_000 })
    .toMatch(/^您好/);
  // Read once (the default): the card is taken back and the applicant finishes.
  await call(page, 'demoRemoveCard');
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByRole('heading', { name: '请放置身份证' }).waitFor({ timeout: 30_000 });
}

async function enterMaintenance(page: Page, pin: string, okLabel = '确定'): Promise<void> {
  await cornerTaps(page, 5);
  await page.getByTestId('tech-pin').waitFor();
  await typePin(page, pin);
  await page.getByRole('button', { name: okLabel, exact: true }).click();
  await page.getByTestId('technician-panel').waitFor({ timeout: 30_000 });
}

function auditActions(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'store', 'kiosk.db'), { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('SELECT actor, action FROM audit_log ORDER BY seq').all() as {
        actor: string;
        action: string;
      }[]
    )
      .filter((row) => row.actor === 'technician')
      .map((row) => row.action);
  } finally {
    db.close();
  }
}

describe('technician mode (real host process, reference central server, simulators, Chromium)', () => {
  let kiosk: KioskProcess;
  let page: Page;
  let kioskCode = '';

  it('provisions a fresh kiosk from the screen, then serves an applicant', async () => {
    kiosk = await startKioskProcess(kioskConfig());
    kiosks.push(kiosk);
    page = await openPage(kiosk.url);
    await page.getByTestId('provisioning').waitFor({ timeout: 30_000 });
    // The attract screen is not what a never-enrolled kiosk shows.
    await expect(page.getByTestId('provisioning').isVisible()).resolves.toBe(true);

    // The URL typed on the on-screen keyboard (the config's value is offered; type it afresh).
    await page.getByTestId('provision-url').click();
    await page.getByRole('button', { name: '清除', exact: true }).click();
    await typeOnScreen(page, central.url);
    await expect(page.getByTestId('provision-url').textContent()).resolves.toContain(central.url);
    await page.getByTestId('provision-code').click();
    await typeOnScreen(page, await central.createEnrolmentCode());
    await shot(page, 'provisioning');
    await page.getByTestId('provision-submit').click();

    // Then the PIN, twice.
    await page.getByTestId('provision-pin-next').waitFor({ timeout: 30_000 });
    await typePin(page, screenPin);
    await shot(page, 'provisioning-pin');
    await page.getByTestId('provision-pin-next').click();
    await typePin(page, screenPin);
    await page.getByTestId('provision-pin-next').click();
    await page.getByTestId('provision-done').waitFor({ timeout: 30_000 });
    await page.getByTestId('provision-start').click();
    await page.getByTestId('provisioning').waitFor({ state: 'detached' });

    const state = await call<{
      ok: boolean;
      value: { provisioned: boolean; pinSet: boolean; kioskCode: string };
    }>(page, 'getProvisioningState');
    expect(state.value).toMatchObject({ provisioned: true, pinSet: true });
    kioskCode = state.value.kioskCode;
    await serveApplicant(page);
    const actions = auditActions(kiosk.dataDir);
    expect(actions).toContain('kiosk.provisioned');
    expect(actions).toContain('maintenance.pin_set');
  });

  it('the hidden gesture alone opens only the PIN keypad', async () => {
    await cornerTaps(page, 4);
    expect(await page.getByTestId('tech-pin').count()).toBe(0);
    await cornerTaps(page, 5);
    await page.getByTestId('tech-pin').waitFor();
    expect(await page.getByTestId('technician-panel').count()).toBe(0);
    await page.getByRole('button', { name: '取消', exact: true }).click();
    await page.getByTestId('tech-pin').waitFor({ state: 'detached' });
    expect(await page.getByTestId('technician-panel').count()).toBe(0);
    // Without a maintenance token the technician methods answer nothing.
    const refused = await call(page, 'getDiagnostics', { token: 'x'.repeat(32) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_in_maintenance' } });
  });

  it('device tests drive the simulators: a test read shows the masked identity, the ESC/POS test page prints', async () => {
    await enterMaintenance(page, screenPin);
    await expect
      .poll(() => page.getByTestId('status-printer').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('ready');

    await page.getByTestId('test-read').click();
    await page.getByText('请放置身份证…').waitFor();
    const listed = await call<{ ok: boolean; value: { cards: { id: string }[] } }>(page, 'demoListCards');
    await call(page, 'demoPlaceCard', { cardId: listed.value.cards[0]!.id });
    const identity = page.getByTestId('test-read-identity');
    await identity.waitFor({ timeout: 30_000 });
    const shown = (await identity.textContent()) ?? '';
    expect(shown).toMatch(/\*{4,}/);
    const session = await call<{ ok: boolean; value: { identity: { idNumber: string; name: string } } }>(
      page,
      'getSessionState',
    );
    expect(shown).not.toContain(session.value.identity.idNumber);
    expect(shown).not.toContain(session.value.identity.name);
    await call(page, 'demoRemoveCard');

    await page.getByTestId('test-print').click();
    await expect
      .poll(() => page.getByTestId('test-print-outcome').textContent(), { timeout: 60_000 })
      .toBe('测试页已打印');
    await shot(page, 'devices');

    await page.locator('[data-tab="diagnostics"]').click();
    await page.getByTestId('diagnostics').getByText(kioskCode, { exact: true }).waitFor();
    await shot(page, 'diagnostics');
    await page.getByTestId('sync-now').click();
    await page.getByText('已开始同步').waitFor();
    await page.locator('[data-tab="settings"]').click();
    await page.getByTestId('save-settings').waitFor();
    await shot(page, 'settings');
    // A hall setting: a shorter idle timeout and no manual path; getKioskInfo honours them after exit.
    await page.getByRole('button', { name: '减少', exact: true }).click();
    await expect.poll(() => page.getByTestId('idle-timeout').textContent(), wait).toBe('60 秒');
    await page.getByTestId('manual-allowed').click();
    await page.getByTestId('save-settings').click();
    await expect
      .poll(() => page.getByTestId('settings-note').textContent(), wait)
      .toBe('已保存，退出维护模式后生效');

    await page.locator('[data-tab="logs"]').click();
    await page.getByTestId('export-logs').click();
    const exported = (await page.getByTestId('export-outcome').textContent({ timeout: 30_000 })) ?? '';
    const path = /已导出到 (.+)$/.exec(exported)?.[1] ?? '';
    expect(path.startsWith(join(kiosk.dataDir, 'exports'))).toBe(true);
    const file = readFileSync(path, 'utf8');
    expect(file).toContain('"action":"device.test_read"');
    expect(file).not.toContain(session.value.identity.idNumber);
    expect(file).not.toContain(session.value.identity.name);

    // The touchscreen check: five taps on the five targets.
    await page.locator('[data-tab="touch"]').click();
    await page.getByTestId('calibration-start').click();
    for (let i = 0; i < 5; i++) {
      const box = await page.locator('.tech-calibration-target').boundingBox();
      if (!box) throw new Error('no calibration target');
      await page.mouse.click(box.x + box.width / 2 + 3, box.y + box.height / 2 - 2);
    }
    await expect
      .poll(() => page.getByTestId('calibration-result').getByRole('status').textContent(), wait)
      .toBe('触摸准确');

    await page.getByTestId('tech-exit').click();
    await page.getByTestId('technician-panel').waitFor({ state: 'detached' });
    // Settings were saved: the app starts again and reads them.
    await page.getByRole('heading', { name: '请放置身份证' }).waitFor({ timeout: 30_000 });
    const info = await call<{
      ok: boolean;
      value: { idleTimeoutSeconds: number; manualIdentifyAllowed: boolean };
    }>(page, 'getKioskInfo');
    expect(info.value).toMatchObject({ idleTimeoutSeconds: 60, manualIdentifyAllowed: false });
    const actions = auditActions(kiosk.dataDir);
    for (const action of [
      'maintenance.enter',
      'device.test_read',
      'printer.test_page',
      'settings.update',
      'logs.export',
      'maintenance.exit',
    ]) {
      expect(actions).toContain(action);
    }
  });

  it('the command line provisions a kiosk the same way (CUPS PDF queue, fake camera); 5 wrong PINs lock entry, audited', async () => {
    cups = await startCupsPdfQueue('PDF');
    const dataDir = mkdtempSync(join(tmpdir(), 'tech-cli-'));
    extraDirs.push(dataDir);
    const configPath = join(dataDir, 'config.json');
    // SANE's test backend stands in for a flatbed scanner (the kiosk process inherits the environment).
    const saneDir = mkdtempSync(join(tmpdir(), 'tech-sane-'));
    extraDirs.push(saneDir);
    writeFileSync(join(saneDir, 'dll.conf'), 'test\n');
    copyFileSync('/etc/sane.d/test.conf', join(saneDir, 'test.conf'));
    process.env.SANE_CONFIG_DIR = saneDir;
    const cliConfig = {
      ...kioskConfig(),
      printer: { kind: 'cups', name: cups.queue, paper: '80mm' },
      scanner: { kind: 'sane', device: 'test', resolutionDpi: 75 },
    };
    writeFileSync(configPath, JSON.stringify({ dataDir, ...cliConfig }));
    const code = await central.createEnrolmentCode();
    const output = await new Promise<string>((resolveRun, reject) =>
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
          '--pin',
          cliPin,
          '--config',
          configPath,
        ],
        { cwd: root, timeout: 60_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolveRun(stdout),
      ),
    );
    expect(output).toMatch(/enrolled as \S+/);
    expect(readFileSync(join(dataDir, 'maintenance-pin.pending.json'), 'utf8')).not.toContain(cliPin);

    const cliKiosk = await startKioskProcess({ dataDir, ...cliConfig });
    delete process.env.SANE_CONFIG_DIR;
    kiosks.push(cliKiosk);
    const cliPage = await openPage(cliKiosk.url);
    await serveApplicant(cliPage);
    expect(await cliPage.getByTestId('provisioning').count()).toBe(0);

    // In English this time: the technician screens follow the language on screen.
    await cliPage.getByRole('button', { name: 'English', exact: true }).click();
    await enterMaintenance(cliPage, cliPin, 'OK');
    await expect
      .poll(() => cliPage.getByTestId('status-printer').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('ready');
    const printedAfter = Date.now() - 1000;
    await cliPage.getByTestId('test-print').click();
    await expect
      .poll(() => cliPage.getByTestId('test-print-outcome').textContent(), { timeout: 60_000 })
      .toBe('Test page printed');
    const queue = cups.outputDir;
    const prefix = cupsPdfFilePrefix('Test page');
    await expect
      .poll(
        () =>
          existsSync(queue)
            ? (readdirSync(queue)
                .filter((name) => name.startsWith(prefix) && name.endsWith('.pdf'))
                .map((name) => join(queue, name))
                .find((path) => statSync(path).mtimeMs >= printedAfter) ?? '')
            : '',
        { timeout: 30_000 },
      )
      .not.toBe('');
    for (const name of readdirSync(queue).filter((n) => n.startsWith(prefix))) {
      const path = join(queue, name);
      if (statSync(path).mtimeMs >= printedAfter) extraFiles.push(path);
    }

    await cliPage.getByTestId('test-scan').click();
    await expect
      .poll(() => cliPage.getByTestId('test-scan-outcome').textContent(), { timeout: 60_000 })
      .toMatch(/^Scanned: \d+ × \d+$/);

    await cliPage.getByTestId('camera-preview').click();
    await cliPage.getByTestId('test-capture').click();
    await expect
      .poll(() => cliPage.getByTestId('test-capture-outcome').textContent(), wait)
      .toMatch(/^Captured: \d+ × \d+$/);

    await cliPage.getByTestId('list-devices').click();
    await cliPage
      .getByTestId('attached-devices')
      .getByText(`CUPS ${cups.queue} 80mm`, { exact: false })
      .waitFor({ timeout: 30_000 });
    await cliPage.getByTestId('attached-devices').getByText(cups.queue, { exact: true }).waitFor();
    await cliPage
      .getByTestId('attached-devices')
      .getByText(/^test:0/)
      .waitFor();
    await shot(cliPage, 'devices-cups');

    // Choose the devices on the screen: saved for the next start, audited.
    const chooser = cliPage.getByTestId('device-choice');
    await chooser.getByRole('button', { name: 'None', exact: true }).click();
    await chooser.getByRole('button', { name: cups.queue, exact: true }).click();
    await cliPage.getByTestId('save-device-choice').click();
    await expect
      .poll(() => cliPage.getByTestId('device-choice-note').textContent(), wait)
      .toBe('Saved · The kiosk uses the chosen devices after a restart');
    expect(JSON.parse(readFileSync(join(dataDir, 'device-choice.json'), 'utf8'))).toEqual({
      idcard: null,
      printer: { kind: 'cups', name: cups.queue },
      scanner: { kind: 'none' },
      cameraDeviceId: null,
    });

    await cliPage.getByTestId('tech-exit').click();
    await cliPage.getByTestId('technician-panel').waitFor({ state: 'detached' });
    await cliPage.getByRole('button', { name: '简体', exact: true }).click();

    // Lockout: four wrong PINs say how many tries are left, the fifth locks for 5 minutes.
    await cornerTaps(cliPage, 5);
    await cliPage.getByTestId('tech-pin').waitFor();
    const message = cliPage.getByTestId('tech-pin-message');
    for (let left = 4; left >= 1; left--) {
      await typePin(cliPage, '000000');
      await cliPage.getByRole('button', { name: '确定', exact: true }).click();
      await expect.poll(() => message.textContent(), wait).toBe(`密码错误，还可尝试 ${left} 次`);
    }
    await typePin(cliPage, '000000');
    await cliPage.getByRole('button', { name: '确定', exact: true }).click();
    await expect.poll(() => message.textContent(), wait).toMatch(/^错误次数过多，请 \d+ 秒后再试$/);
    await shot(cliPage, 'pin-locked');
    // The right PIN no longer opens it.
    const refused = await call(cliPage, 'enterMaintenance', { pin: cliPin });
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });
    const lock = await call<{ ok: boolean; value: { triesLeft: number; lockedSeconds: number } }>(
      cliPage,
      'getMaintenanceLock',
    );
    expect(lock.value.triesLeft).toBe(0);
    expect(lock.value.lockedSeconds).toBeGreaterThan(240);
    expect(await cliPage.getByTestId('technician-panel').count()).toBe(0);

    const actions = auditActions(dataDir);
    expect(actions.filter((a) => a === 'maintenance.login_failed')).toHaveLength(5);
    expect(actions).toContain('maintenance.locked');
    expect(actions).toContain('maintenance.login_refused_locked');
    expect(actions).toContain('devices.choose');
  });

  it('a demo kiosk (embedded central server) lets the first technician choose the PIN', async () => {
    const demo = await startKioskProcess({ mode: 'demo' });
    kiosks.push(demo);
    const demoPage = await openPage(demo.url);
    await demoPage.getByRole('heading', { name: '请放置身份证' }).waitFor({ timeout: 30_000 });
    expect(await demoPage.getByTestId('provisioning').count()).toBe(0);
    await cornerTaps(demoPage, 5);
    await demoPage.getByTestId('tech-pin').waitFor();
    await typePin(demoPage, '111111');
    await demoPage.getByRole('button', { name: '确定', exact: true }).click();
    await demoPage.getByText('演示模式：请设置维护密码（6 到 12 位数字）').waitFor();
    for (const _ of [1, 2]) {
      await typePin(demoPage, '975310');
      await demoPage.getByRole('button', { name: '确定', exact: true }).click();
    }
    await demoPage.getByTestId('technician-panel').waitFor({ timeout: 30_000 });
    expect(auditActions(demo.dataDir)).toEqual(
      expect.arrayContaining(['maintenance.pin_set', 'maintenance.enter']),
    );
  });

  it('provisions from an enrolment QR code shown to the camera', async () => {
    const kioskQr = await startKioskProcess(kioskConfig());
    kiosks.push(kioskQr);
    const clip = join(kioskQr.dataDir, 'enrolment-qr.y4m');
    qrVideo(JSON.stringify({ central: central.url, code: await central.createEnrolmentCode() }), clip);
    const qrBrowser = await launchChromium([`--use-file-for-fake-video-capture=${clip}`]);
    try {
      const context = await qrBrowser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
      await context.grantPermissions(['camera']);
      const qrPage = await context.newPage();
      await qrPage.goto(kioskQr.url);
      await qrPage.getByTestId('provisioning').waitFor({ timeout: 30_000 });
      await qrPage.getByTestId('provision-url').click();
      await qrPage.getByRole('button', { name: '清除', exact: true }).click();
      await qrPage.getByRole('button', { name: '扫描二维码' }).click();
      // Decoded in the page (jsQR): both fields filled, the scanner closes.
      await expect
        .poll(() => qrPage.getByTestId('provision-code').textContent(), { timeout: 30_000 })
        .toMatch(/[0-9A-F]{12}$/);
      await expect.poll(() => qrPage.getByTestId('provision-url').textContent(), wait).toContain(central.url);
      await qrPage.getByTestId('provision-submit').click();
      await qrPage.getByTestId('provision-pin-next').waitFor({ timeout: 30_000 });
      for (const _ of [1, 2]) {
        await typePin(qrPage, screenPin);
        await qrPage.getByTestId('provision-pin-next').click();
      }
      await qrPage.getByTestId('provision-start').click();
      await serveApplicant(qrPage);
    } finally {
      await qrBrowser.close();
    }
  });
});
