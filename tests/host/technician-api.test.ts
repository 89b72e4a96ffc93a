import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentityView } from '../../host/api/identity';
import { parseConfig } from '../../host/config/config';
import { HostEventBus } from '../../host/core/event-bus';
import type { HostContext } from '../../host/core/host-context';
import type { KioskRuntime } from '../../host/core/kiosk-runtime';
import { silentLogger } from '../../host/logging/logger';
import { createCoreApi } from '../../host/services/kiosk-api';
import { SessionRegistry } from '../../host/services/sessions';
import { createTechnicianApi, pendingPinPath, type TechnicianMethods } from '../../host/services/technician';
import { applyDeviceChoice, deviceChoicePath } from '../../host/services/technician/device-choice';
import { hashPin } from '../../host/services/technician/maintenance-pin';
import type { UpdatesPort } from '../../host/services/technician/updates-port';
import { HallClock } from '../../kernel/hall-time';
import type { KioskDatabase } from '../../sync/store';
import { StoreFixture } from '../store/store-fixture';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

const identity: IdentityView = {
  cardType: 'resident',
  name: '张三丰',
  otherName: null,
  sex: 'male',
  nation: '汉',
  nationality: null,
  birthDate: '1960-01-01',
  address: '福建省南安市溪美街道',
  idNumber: '350583196001010017',
  issuer: '南安市公安局',
  validFrom: '2020-01-01',
  validTo: null,
  expired: false,
  checkDigitValid: true,
  age: 66,
};

interface Rig {
  api: TechnicianMethods;
  context: HostContext & { updates?: UpdatesPort };
  store: KioskDatabase;
  bus: HostEventBus;
  now: { ms: number };
  provisioned: { value: boolean };
  printed: string[];
  kicks: { value: number };
}

let fixture: StoreFixture;
let store: KioskDatabase;

beforeEach(() => {
  fixture = new StoreFixture();
  store = fixture.open();
});

afterEach(() => {
  cardOnReader.value = null;
  store.close();
  fixture.remove();
});

function rig(
  options: { provisioned?: boolean; card?: IdentityView | null; mode?: 'demo' | 'production' } = {},
): Rig {
  const now = { ms: Date.UTC(2026, 5, 1, 2) };
  const provisioned = { value: options.provisioned ?? true };
  const printed: string[] = [];
  const kicks = { value: 0 };
  const bus = new HostEventBus();
  const config = parseConfig({
    dataDir: fixture.root,
    mode: options.mode ?? 'production',
    central: { url: 'http://127.0.0.1:9/' },
  });
  const runtime = {
    store,
    enrolment: { kioskCode: 'K042', centralUrl: 'http://127.0.0.1:9' },
    syncStatus: () => ({
      backlog: 0,
      parked: 1,
      oldestItemAgeSeconds: null,
      lastContactAt: null,
      lastError: null,
      online: false,
    }),
    kick: () => {
      kicks.value++;
    },
  } as unknown as KioskRuntime;
  const context = {
    config,
    logger: silentLogger(),
    bus,
    version: '9.9.9',
    startedAtMs: now.ms - 3_600_000,
    sessions: new SessionRegistry(bus, silentLogger(), 60_000),
    cards: {
      currentIdentity: () => cardOnReader.value ?? options.card ?? null,
      demo: null,
      close: async () => undefined,
    },
    printer: {
      status: async () => ({ state: 'ready' }),
      printTestPage: async (language: string) => {
        printed.push(`test:${language}`);
        return { ok: true, value: { jobId: 'job-1', bytes: 10 } };
      },
      reprint: async (data: { ticketNumber: string; issuedAt: Date }) => {
        printed.push(`reprint:${data.ticketNumber}:${data.issuedAt instanceof Date}`);
        return { ok: true, value: { jobId: 'job-2', bytes: 10 } };
      },
    },
    scanner: { status: async () => ({ state: 'none' }) },
    pages: {},
    embeddedCentral: null,
    runtime: () => (provisioned.value ? runtime : null),
    provision: async () => {
      provisioned.value = true;
      return { ok: true, value: { kioskId: 'id-1', kioskCode: 'K042' } };
    },
  } as unknown as HostContext;
  const api = createTechnicianApi(context, { clock: () => now.ms, scryptCost: cheap, idleMs: 5 * 60_000 });
  return { api, context, store, bus, now, provisioned, printed, kicks };
}

function actions(): string[] {
  return store.auditLog
    .recent(1000)
    .filter((e) => e.actor === 'technician')
    .map((e) => e.action)
    .reverse();
}

async function enter(r: Rig, pin = '123456'): Promise<string> {
  const entered = await r.api.enterMaintenance({ pin });
  if (!entered.ok) throw new Error(entered.error.code);
  return entered.value.token;
}

/** The identity the card service reports once a card is laid (a test read waits for it). */
const cardOnReader: { value: IdentityView | null } = { value: null };

describe('technician API', () => {
  it('provisions once, then sets the first PIN only with the setup token', async () => {
    const r = rig({ provisioned: false });
    expect((await r.api.getProvisioningState({})).ok && (await r.api.getProvisioningState({}))).toMatchObject(
      {
        value: { provisioned: false, pinSet: false, configuredCentralUrl: 'http://127.0.0.1:9/' },
      },
    );
    expect(await r.api.setMaintenancePin({ pin: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'not_provisioned' },
    });
    const provisioned = await r.api.provisionKiosk({
      centralUrl: 'http://127.0.0.1:9',
      enrolmentCode: 'abc123',
    });
    if (!provisioned.ok) throw new Error('provisioning failed');
    expect(
      await r.api.provisionKiosk({ centralUrl: 'http://127.0.0.1:9', enrolmentCode: 'ABC123' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'already_provisioned' },
    });
    expect(await r.api.setMaintenancePin({ pin: '123456', setupToken: 'z'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect(
      await r.api.setMaintenancePin({ pin: '123456', setupToken: provisioned.value.setupToken }),
    ).toEqual({ ok: true, value: {} });
    // The setup token works once.
    expect(
      await r.api.setMaintenancePin({ pin: '654321', setupToken: provisioned.value.setupToken }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect(JSON.stringify(store.settings.get('maintenance.pin'))).not.toContain('123456');
    expect(actions()).toEqual(['kiosk.provisioned', 'maintenance.pin_set']);
  });

  it('refuses every guarded method without a live maintenance token', async () => {
    const r = rig();
    const bogus = { token: 'b'.repeat(32) };
    const results = await Promise.all([
      r.api.getDiagnostics(bogus),
      r.api.listParked(bogus),
      r.api.retryParked({ ...bogus, seq: 1 }),
      r.api.discardParked({ ...bogus, seq: 1 }),
      r.api.getRecentLogLines({ ...bogus, limit: 10 }),
      r.api.exportLogs(bogus),
      r.api.listDevices(bogus),
      r.api.getDeviceStatus(bogus),
      r.api.testCardRead({ ...bogus, timeoutSeconds: 1 }),
      r.api.printTestReceipt({ ...bogus, language: 'en' }),
      r.api.listRecentReceipts(bogus),
      r.api.reprintReceipt({ ...bogus, receiptId: 'r1' }),
      r.api.testScan(bogus),
      r.api.getSettings(bogus),
      r.api.updateSettings({
        ...bogus,
        settings: {
          idleTimeoutSeconds: 60,
          languages: ['en'],
          elderlyModeDefault: false,
          manualIdentifyAllowed: false,
          itemsOffered: null,
          printerPaper: 'a4',
        },
      }),
      r.api.getUpdateState(bogus),
      r.api.getDeviceChoice(bogus),
      r.api.syncNow(bogus),
      r.api.setDeviceChoice({
        ...bogus,
        choice: { idcard: null, printer: null, scanner: null, cameraDeviceId: null },
      }),
      r.api.checkForUpdate(bogus),
    ]);
    for (const result of results)
      expect(result).toMatchObject({ ok: false, error: { code: 'not_in_maintenance' } });
    expect(r.printed).toEqual([]);
  });

  it('takes a PIN from the command line, enters, times out after inactivity, and audits it all', async () => {
    writeFileSync(pendingPinPath(fixture.root), JSON.stringify(await hashPin('123456', 0, cheap)));
    const r = rig();
    expect(await r.api.enterMaintenance({ pin: '000000' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });
    const token = await enter(r);
    expect((await r.api.getDiagnostics({ token })).ok).toBe(true);
    r.now.ms += 5 * 60_000;
    expect(await r.api.getDiagnostics({ token })).toMatchObject({
      ok: false,
      error: { code: 'not_in_maintenance' },
    });
    const again = await enter(r);
    await r.api.exitMaintenance({ token: again, reason: 'exit' });
    expect(await r.api.getDiagnostics({ token: again })).toMatchObject({
      ok: false,
      error: { code: 'not_in_maintenance' },
    });
    expect(actions()).toEqual([
      'maintenance.pin_set',
      'maintenance.login_failed',
      'maintenance.enter',
      'maintenance.exit',
      'maintenance.enter',
      'maintenance.exit',
    ]);
    const exits = store.auditLog.recent(10).filter((e) => e.action === 'maintenance.exit');
    expect(exits.map((e) => e.detail.reason).sort()).toEqual(['exit', 'inactivity']);
  });

  it('retries and discards parked items, audited, without showing payloads', async () => {
    writeFileSync(pendingPinPath(fixture.root), JSON.stringify(await hashPin('123456', 0, cheap)));
    const r = rig();
    const seqs = store.transaction(() =>
      ['a', 'b'].map((key) =>
        store.outbox.enqueueInTransaction({
          kind: 'rating',
          idempotencyKey: key,
          // The applicant's name in a comment: personal data the technician must not see.
          payload: { caseNumber: 'CASE-0001', grade: 3, reasons: [], comment: identity.name, ratedAtMs: 0 },
          materialHashes: [],
        }),
      ),
    );
    for (const seq of seqs) store.outbox.markParked(seq, 'HTTP 422: rejected');
    const token = await enter(r);
    const listed = await r.api.listParked({ token });
    if (!listed.ok) throw new Error('listParked');
    expect(listed.value.items.map((i) => i.seq)).toEqual(seqs);
    expect(JSON.stringify(listed.value)).not.toContain(identity.name);
    expect(await r.api.retryParked({ token, seq: seqs[0]! })).toEqual({ ok: true, value: {} });
    expect(await r.api.discardParked({ token, seq: seqs[1]! })).toEqual({ ok: true, value: {} });
    expect(await r.api.discardParked({ token, seq: seqs[1]! })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(store.outbox.get(seqs[0]!)?.state).toBe('pending');
    expect(r.kicks.value).toBe(1);
    expect(await r.api.syncNow({ token })).toEqual({ ok: true, value: {} });
    expect(r.kicks.value).toBe(2);
    expect(store.outbox.get(seqs[1]!)?.state).toBe('discarded');
    expect(actions().slice(-3)).toEqual(['outbox.retry', 'outbox.discard', 'sync.now']);
  });

  it('a test read returns the masked identity only', async () => {
    writeFileSync(pendingPinPath(fixture.root), JSON.stringify(await hashPin('123456', 0, cheap)));
    const r = rig();
    const token = await enter(r);
    const reading = r.api.testCardRead({ token, timeoutSeconds: 5 });
    // The reader reports a card; its identity is the card service's, not the event's.
    cardOnReader.value = identity;
    r.bus.emit({ type: 'cardPlaced' });
    const read = await reading;
    if (!read.ok) throw new Error(read.error.code);
    expect(read.value).toEqual({
      cardType: 'resident',
      maskedName: '张**',
      maskedIdNumber: '3505**********0017',
      expired: false,
      checkDigitValid: true,
    });
    const audit = JSON.stringify(store.auditLog.recent(10));
    expect(audit).toContain('device.test_read');
    expect(audit).not.toContain(identity.idNumber);
    expect(audit).not.toContain(identity.name);
  });

  it('reprints a stored receipt and prints a test page', async () => {
    writeFileSync(pendingPinPath(fixture.root), JSON.stringify(await hashPin('123456', 0, cheap)));
    const r = rig();
    store.printedReceipts.record({
      id: 'r1',
      submissionId: null,
      receipt: { ticketNumber: 'A001', issuedAt: new Date(0).toISOString() },
      status: 'failed',
      expiresAtMs: r.now.ms + 3_600_000,
    });
    const token = await enter(r);
    const listed = await r.api.listRecentReceipts({ token });
    expect(listed).toMatchObject({
      ok: true,
      value: { receipts: [{ id: 'r1', status: 'failed', reprintable: true }] },
    });
    expect(await r.api.reprintReceipt({ token, receiptId: 'r1' })).toEqual({ ok: true, value: {} });
    expect(await r.api.reprintReceipt({ token, receiptId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await r.api.printTestReceipt({ token, language: 'zh-Hant' })).toEqual({
      ok: true,
      value: { jobId: 'job-1' },
    });
    expect(r.printed).toEqual(['reprint:A001:true', 'test:zh-Hant']);
    expect(actions().slice(-2)).toEqual(['receipt.reprint', 'printer.test_page']);
  });

  it('hall settings are stored, audited and honoured by getKioskInfo', async () => {
    writeFileSync(pendingPinPath(fixture.root), JSON.stringify(await hashPin('123456', 0, cheap)));
    const r = rig();
    const core = createCoreApi({
      config: r.context.config,
      version: '9.9.9',
      cards: r.context.cards,
      sessions: r.context.sessions,
      clock: new HallClock(),
      settings: () => store.settings,
    });
    const token = await enter(r);
    const settings = {
      idleTimeoutSeconds: 60,
      languages: ['zh-Hant', 'en'] as ('zh-Hant' | 'en')[],
      elderlyModeDefault: true,
      manualIdentifyAllowed: false,
      itemsOffered: ['item-1'],
      printerPaper: 'a4' as const,
    };
    expect(await r.api.updateSettings({ token, settings })).toEqual({ ok: true, value: { settings } });
    const info = await core.getKioskInfo({});
    expect(info).toMatchObject({
      ok: true,
      value: {
        idleTimeoutSeconds: 60,
        languages: ['zh-Hant', 'en'],
        defaultLanguage: 'zh-Hant',
        elderlyModeDefault: true,
        manualIdentifyAllowed: false,
      },
    });
    expect(await r.api.getSettings({ token })).toMatchObject({
      ok: true,
      value: { settings, maxIdleTimeoutSeconds: 110 },
    });
    const entry = store.auditLog.recent(1)[0]!;
    expect(entry.action).toBe('settings.update');
    expect((entry.detail.changed as string[]).sort()).toEqual(
      [
        'elderlyModeDefault',
        'idleTimeoutSeconds',
        'itemsOffered',
        'languages',
        'manualIdentifyAllowed',
        'printerPaper',
      ].sort(),
    );
    // The host's session guard was sized at start (90 s + 20 s warning): a longer timeout is capped.
    expect(
      await r.api.updateSettings({ token, settings: { ...settings, idleTimeoutSeconds: 3600 } }),
    ).toMatchObject({
      ok: true,
      value: { settings: { idleTimeoutSeconds: 110 } },
    });
    expect(await core.getKioskInfo({})).toMatchObject({ ok: true, value: { idleTimeoutSeconds: 110 } });
  });

  it('reports the updater as disabled in browser mode and asks the shell’s updater otherwise', async () => {
    writeFileSync(pendingPinPath(fixture.root), JSON.stringify(await hashPin('123456', 0, cheap)));
    const r = rig();
    const token = await enter(r);
    expect(await r.api.getUpdateState({ token })).toMatchObject({
      ok: true,
      value: { state: 'disabled', currentVersion: '9.9.9' },
    });
    let checks = 0;
    r.context.updates = {
      state: { state: 'downloading', percent: 42 },
      channel: 'beta',
      checkNow: async () => {
        checks++;
      },
    };
    expect(await r.api.checkForUpdate({ token })).toMatchObject({
      ok: true,
      value: { state: 'downloading', percent: 42, channel: 'beta' },
    });
    expect(checks).toBe(1);
  });

  it('shows the newest log lines and exports logs with the audit log', async () => {
    writeFileSync(pendingPinPath(fixture.root), JSON.stringify(await hashPin('123456', 0, cheap)));
    const logDir = join(fixture.root, 'logs');
    mkdirSync(logDir, { recursive: true });
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ level: 30, time: i * 1000, area: 'sync', msg: `line ${i}` }),
    );
    writeFileSync(join(logDir, 'kiosk.1.log'), `${lines.join('\n')}\n`);
    const r = rig();
    const token = await enter(r);
    const recent = await r.api.getRecentLogLines({ token, limit: 5 });
    if (!recent.ok) throw new Error('getRecentLogLines');
    expect(recent.value.lines.map((l) => l.message)).toEqual([
      'line 25',
      'line 26',
      'line 27',
      'line 28',
      'line 29',
    ]);
    const exported = await r.api.exportLogs({ token });
    if (!exported.ok) throw new Error('exportLogs');
    expect(exported.value.path.startsWith(join(fixture.root, 'exports'))).toBe(true);
    const text = readFileSync(exported.value.path, 'utf8');
    expect(text).toContain('"action":"maintenance.enter"');
    expect(text).toContain('line 29');
  });

  it('saves the chosen devices for the next start, audited, and applies them over the config', async () => {
    writeFileSync(pendingPinPath(fixture.root), JSON.stringify(await hashPin('123456', 0, cheap)));
    const r = rig();
    const token = await enter(r);
    expect(await r.api.getDeviceChoice({ token })).toEqual({
      ok: true,
      value: {
        choice: { idcard: null, printer: null, scanner: null, cameraDeviceId: null },
        restartNeeded: false,
      },
    });
    const choice = {
      idcard: { kind: 'serial' as const, path: '/dev/ttyUSB0', baudRate: 115200 as const },
      printer: { kind: 'cups' as const, name: 'Receipts' },
      scanner: { kind: 'sane' as const, device: 'genesys' },
      cameraDeviceId: 'cam-1',
    };
    expect(await r.api.setDeviceChoice({ token, choice })).toEqual({
      ok: true,
      value: { choice, restartNeeded: true },
    });
    expect(JSON.parse(readFileSync(deviceChoicePath(fixture.root), 'utf8'))).toEqual(choice);
    expect(store.auditLog.recent(1)[0]).toMatchObject({
      action: 'devices.choose',
      detail: { idcard: 'serial', printer: 'cups', scanner: 'sane', camera: true },
    });
    const applied = applyDeviceChoice(r.context.config);
    expect(applied.idcard).toMatchObject({
      kind: 'serial',
      serial: { path: '/dev/ttyUSB0', baudRate: 115200 },
    });
    expect(applied.printer).toMatchObject({ kind: 'cups', name: 'Receipts', paper: '80mm' });
    expect(applied.scanner).toMatchObject({ kind: 'sane', device: 'genesys', resolutionDpi: 200 });
    const hid = applyDeviceChoice(r.context.config, {
      ...choice,
      idcard: { kind: 'hid', vendorId: 0x0483, productId: 0x5750 },
    });
    expect(hid.idcard).toMatchObject({
      kind: 'hid',
      hid: { vendorId: 0x0483, productId: 0x5750, reportSize: 64 },
    });
  });

  it('in demo mode only, the first PIN may be chosen without a setup token', async () => {
    const production = rig();
    expect(await production.api.setMaintenancePin({ pin: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    const demo = rig({ mode: 'demo' });
    expect(await demo.api.enterMaintenance({ pin: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'no_pin' },
    });
    expect(await demo.api.setMaintenancePin({ pin: '123456' })).toEqual({ ok: true, value: {} });
    expect(await demo.api.setMaintenancePin({ pin: '654321' })).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
    expect((await demo.api.enterMaintenance({ pin: '123456' })).ok).toBe(true);
  });
});
