import { z } from 'zod';
import { languageSchema, localizedTextSchema } from '../../sync/protocol/localized-text';
import { emptyInput, limits, method } from './define';
import { deviceStatusSchema, syncStatusSchema } from './events';

/**
 * Technician mode: first-boot provisioning, the maintenance PIN, and everything behind it (devices,
 * diagnostics, parked items, logs, receipts, settings, updates). Methods behind the PIN take the
 * short-lived maintenance token that enterMaintenance returns; nothing here carries applicant data.
 */

/** The maintenance token: random, in memory only, dropped after a few minutes without use. */
const token = z.string().min(16).max(128);
const tokenInput = z.strictObject({ token });
/** Digits only: typed on the on-screen keypad. */
export const pinSchema = z.string().regex(/^[0-9]{6,12}$/, 'the PIN is 6 to 12 digits');
export const pinLength = { min: 6, max: 12 } as const;

/** Errors every token-guarded method may return. */
const guarded = ['not_in_maintenance'] as const;

export const provisioningStateSchema = z.strictObject({
  provisioned: z.boolean(),
  /** The central URL from the config, if it names one (not "embedded"); the screen pre-fills it. */
  configuredCentralUrl: z.string().max(limits.shortText).nullable(),
  kioskCode: z.string().max(64).nullable(),
  pinSet: z.boolean(),
  mode: z.enum(['demo', 'production']),
});
export type ProvisioningState = z.infer<typeof provisioningStateSchema>;

export const maskedIdentitySchema = z.strictObject({
  cardType: z.string().max(40),
  /** First character then stars. */
  maskedName: z.string().max(40),
  /** 1101**********1234 */
  maskedIdNumber: z.string().max(40),
  expired: z.boolean(),
  checkDigitValid: z.boolean(),
});
export type MaskedIdentity = z.infer<typeof maskedIdentitySchema>;

export const diagnosticsSchema = z.strictObject({
  version: z.string().max(40),
  mode: z.enum(['demo', 'production']),
  kioskCode: z.string().max(64).nullable(),
  centralUrl: z.string().max(limits.shortText).nullable(),
  uptimeSeconds: z.number().min(0),
  sync: syncStatusSchema.nullable(),
  oldestItemAt: z.string().max(40).nullable(),
  disk: z.strictObject({ freeBytes: z.number().min(0), totalBytes: z.number().min(0) }).nullable(),
  databaseBytes: z.number().min(0).nullable(),
  quarantine: z
    .strictObject({ at: z.string().max(40), reason: z.string().max(500), movedTo: z.string().max(500) })
    .nullable(),
  startupSweep: z
    .strictObject({
      tempFilesRemoved: z.number().int(),
      orphanFilesRemoved: z.number().int(),
      missingFiles: z.number().int(),
    })
    .nullable(),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;

export const parkedItemSchema = z.strictObject({
  seq: z.number().int(),
  kind: z.string().max(40),
  attempts: z.number().int(),
  reason: z.string().max(500).nullable(),
  createdAt: z.string().max(40),
});

export const logLineSchema = z.strictObject({
  time: z.string().max(40).nullable(),
  level: z.string().max(10),
  area: z.string().max(40).nullable(),
  message: z.string().max(500),
  /** The line's other fields as readable pairs (nested ones by dotted key), never raw JSON. */
  fields: z
    .array(z.strictObject({ key: z.string().max(80), value: z.string().max(200) }))
    .max(30)
    .optional(),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const attachedDevicesSchema = z.strictObject({
  serialPorts: z.array(
    z.strictObject({
      path: z.string().max(200),
      manufacturer: z.string().max(200).nullable(),
      vendorId: z.string().max(8).nullable(),
      productId: z.string().max(8).nullable(),
    }),
  ),
  hid: z.array(
    z.strictObject({
      vendorId: z.number().int(),
      productId: z.number().int(),
      product: z.string().max(200).nullable(),
      manufacturer: z.string().max(200).nullable(),
    }),
  ),
  printers: z.array(z.strictObject({ name: z.string().max(200), accepting: z.boolean() })),
  scanners: z.array(z.strictObject({ name: z.string().max(200) })),
  /** What could not be listed and why (e.g. "lpstat not installed"). */
  problems: z.array(z.string().max(300)),
  /** The devices this kiosk is set to use (from its config). */
  configured: z.strictObject({
    idcard: z.string().max(300),
    printer: z.string().max(300),
    scanner: z.string().max(300),
  }),
});
export type AttachedDevices = z.infer<typeof attachedDevicesSchema>;

const baudRate = z.union([
  z.literal(115200),
  z.literal(57600),
  z.literal(38400),
  z.literal(19200),
  z.literal(9600),
]);
const devicePath = z.string().min(1).max(200);

/**
 * The devices a technician chose on the screen, over the config file's (null keeps the config's).
 * Saved under <dataDir>/device-choice.json; they apply when the kiosk next starts.
 */
export const deviceChoiceSchema = z.strictObject({
  idcard: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('simulator') }),
      z.strictObject({ kind: z.literal('serial'), path: devicePath, baudRate }),
      z.strictObject({
        kind: z.literal('hid'),
        vendorId: z.number().int().min(0).max(0xffff),
        productId: z.number().int().min(0).max(0xffff),
      }),
    ])
    .nullable(),
  printer: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('simulator') }),
      z.strictObject({ kind: z.literal('cups'), name: z.string().max(200) }),
      z.strictObject({ kind: z.literal('windows'), name: z.string().max(200) }),
      z.strictObject({ kind: z.literal('escpos'), serialPath: devicePath, baudRate }),
    ])
    .nullable(),
  scanner: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('none') }),
      z.strictObject({ kind: z.literal('sane'), device: devicePath }),
    ])
    .nullable(),
  /** The document camera's MediaDeviceInfo.deviceId (the renderer captures). */
  cameraDeviceId: z.string().max(200).nullable(),
});
export type DeviceChoice = z.infer<typeof deviceChoiceSchema>;

export const hallSettingsSchema = z.strictObject({
  idleTimeoutSeconds: z.number().int().min(30).max(3600),
  languages: z.array(languageSchema).min(1).max(3),
  elderlyModeDefault: z.boolean(),
  manualIdentifyAllowed: z.boolean(),
  /** Item ids offered on this kiosk; null offers every item of the catalogue. */
  itemsOffered: z.array(z.string().max(64)).max(2000).nullable(),
  printerPaper: z.enum(['80mm', 'a4']),
});
export type HallSettings = z.infer<typeof hallSettingsSchema>;

export const updateStateSchema = z.strictObject({
  state: z.enum(['disabled', 'idle', 'checking', 'downloading', 'waiting_for_idle', 'installing', 'error']),
  currentVersion: z.string().max(40),
  channel: z.string().max(20),
  percent: z.number().min(0).max(100).optional(),
  version: z.string().max(40).optional(),
  message: z.string().max(500).optional(),
  reason: z.string().max(300).optional(),
});
export type UpdateStateView = z.infer<typeof updateStateSchema>;

export const technicianMethods = {
  getProvisioningState: method({
    summary: 'Whether this kiosk is enrolled with its central system and has a maintenance PIN.',
    input: emptyInput,
    output: provisioningStateSchema,
    errors: [],
  }),
  provisionKiosk: method({
    summary: 'First boot: enrol with the central system. Returns a one-time token for setting the first PIN.',
    input: z.strictObject({
      centralUrl: z.url({ protocol: /^https?$/ }).max(limits.shortText),
      enrolmentCode: z
        .string()
        .trim()
        .min(4)
        .max(64)
        .regex(/^[A-Za-z0-9-]+$/),
    }),
    output: z.strictObject({ kioskId: z.string().max(64), kioskCode: z.string().max(64), setupToken: token }),
    errors: ['already_provisioned', 'central_unreachable', 'enrolment_refused', 'insecure_url'],
  }),
  setMaintenancePin: method({
    summary:
      'Set the first PIN (with the setup token from provisioning) or change it (with a maintenance token).',
    input: z.strictObject({ pin: pinSchema, setupToken: token.optional(), token: token.optional() }),
    output: z.strictObject({}),
    errors: ['not_provisioned', 'not_allowed'],
  }),
  enterMaintenance: method({
    summary: 'Check the PIN; a short-lived maintenance token. 5 wrong tries lock entry for 5 minutes.',
    input: z.strictObject({ pin: z.string().max(32) }),
    output: z.strictObject({ token, idleSeconds: z.number().int().min(1) }),
    errors: ['not_provisioned', 'no_pin', 'wrong_pin', 'locked'],
  }),
  getMaintenanceLock: method({
    summary: 'Tries left and seconds until entry unlocks (for the keypad).',
    input: emptyInput,
    output: z.strictObject({ triesLeft: z.number().int().min(0), lockedSeconds: z.number().int().min(0) }),
    errors: [],
  }),
  exitMaintenance: method({
    summary: 'Leave maintenance mode (the token stops working).',
    input: z.strictObject({ token, reason: z.enum(['exit', 'inactivity']).default('exit') }),
    output: z.strictObject({}),
    errors: [],
  }),
  getDiagnostics: method({
    summary: 'Sync backlog, last contact and error, disk, database size, version, uptime, quarantine.',
    input: tokenInput,
    output: diagnosticsSchema,
    errors: guarded,
  }),
  syncNow: method({
    summary: 'Drain the outbox and pull from the central system now (audited).',
    input: tokenInput,
    output: z.strictObject({}),
    errors: [...guarded, 'not_provisioned'],
  }),
  listParked: method({
    summary: 'Outbox items the central system refused, waiting for a technician (no payloads).',
    input: tokenInput,
    output: z.strictObject({ items: z.array(parkedItemSchema) }),
    errors: [...guarded, 'not_provisioned'],
  }),
  retryParked: method({
    summary: 'Put a parked item back in the queue (audited).',
    input: z.strictObject({ token, seq: z.number().int().min(1) }),
    output: z.strictObject({}),
    errors: [...guarded, 'not_provisioned', 'not_found'],
  }),
  discardParked: method({
    summary: 'Give up on a parked item: its payload is deleted (audited).',
    input: z.strictObject({ token, seq: z.number().int().min(1) }),
    output: z.strictObject({}),
    errors: [...guarded, 'not_provisioned', 'not_found'],
  }),
  getRecentLogLines: method({
    summary: 'The newest lines of the kiosk log (already free of personal data).',
    input: z.strictObject({ token, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.strictObject({ lines: z.array(logLineSchema) }),
    errors: guarded,
  }),
  exportLogs: method({
    summary: 'Write the logs and the audit log into one file under <dataDir>/exports.',
    input: tokenInput,
    output: z.strictObject({ path: z.string().max(1000), bytes: z.number().int().min(0) }),
    errors: [...guarded, 'export_failed'],
  }),
  listDevices: method({
    summary: 'Serial ports, HID devices, CUPS printers and SANE scanners attached to this machine.',
    input: tokenInput,
    output: attachedDevicesSchema,
    errors: guarded,
  }),
  getDeviceChoice: method({
    summary: 'The devices chosen on the screen, and whether the kiosk must restart to use them.',
    input: tokenInput,
    output: z.strictObject({ choice: deviceChoiceSchema, restartNeeded: z.boolean() }),
    errors: guarded,
  }),
  setDeviceChoice: method({
    summary: 'Choose the ID reader, printer, scanner and camera (audited); they apply at the next start.',
    input: z.strictObject({ token, choice: deviceChoiceSchema }),
    output: z.strictObject({ choice: deviceChoiceSchema, restartNeeded: z.boolean() }),
    errors: [...guarded, 'save_failed'],
  }),
  getDeviceStatus: method({
    summary: 'The latest status of the reader, printer and scanner.',
    input: tokenInput,
    output: z.strictObject({ devices: z.array(deviceStatusSchema) }),
    errors: guarded,
  }),
  testCardRead: method({
    summary: 'Wait for a card on the reader and show its masked identity only.',
    input: z.strictObject({ token, timeoutSeconds: z.number().int().min(1).max(60).default(20) }),
    output: maskedIdentitySchema,
    errors: [...guarded, 'no_card', 'card_error'],
  }),
  printTestReceipt: method({
    summary: 'Print the test page on the receipt printer.',
    input: z.strictObject({ token, language: languageSchema.default('zh-Hans') }),
    output: z.strictObject({ jobId: z.string().max(200).nullable() }),
    errors: [...guarded, 'print_failed'],
  }),
  listRecentReceipts: method({
    summary: 'The last receipts printed (ids and times only).',
    input: tokenInput,
    output: z.strictObject({
      receipts: z.array(
        z.strictObject({
          id: z.string().max(64),
          printedAt: z.string().max(40),
          status: z.enum(['printed', 'failed', 'reprinted']),
          reprintable: z.boolean(),
        }),
      ),
    }),
    errors: [...guarded, 'not_provisioned'],
  }),
  reprintReceipt: method({
    summary: 'Print a stored receipt again (audited).',
    input: z.strictObject({ token, receiptId: z.string().max(64) }),
    output: z.strictObject({}),
    errors: [...guarded, 'not_provisioned', 'not_found', 'print_failed'],
  }),
  testScan: method({
    summary: 'Scan one page on the flatbed scanner (the page is not kept).',
    input: tokenInput,
    output: z.strictObject({ width: z.number().int(), height: z.number().int(), bytes: z.number().int() }),
    errors: [...guarded, 'scan_failed', 'no_scanner'],
  }),
  getSettings: method({
    summary: 'The settings a hall changes, and the items it may offer.',
    input: tokenInput,
    output: z.strictObject({
      settings: hallSettingsSchema,
      items: z.array(z.strictObject({ id: z.string().max(64), name: localizedTextSchema })).max(2000),
      /** The host's session guard is sized at start: a hall may lengthen the idle timeout up to this. */
      maxIdleTimeoutSeconds: z.number().int().min(30).max(3600),
    }),
    errors: guarded,
  }),
  updateSettings: method({
    summary: 'Change the hall settings (audited); they apply when maintenance mode closes.',
    input: z.strictObject({ token, settings: hallSettingsSchema }),
    output: z.strictObject({ settings: hallSettingsSchema }),
    errors: [...guarded, 'not_provisioned'],
  }),
  getUpdateState: method({
    summary: 'Current version, update channel and what the updater is doing.',
    input: tokenInput,
    output: updateStateSchema,
    errors: guarded,
  }),
  checkForUpdate: method({
    summary: 'Check the update feed now (installs only when no applicant is being served).',
    input: tokenInput,
    output: updateStateSchema,
    errors: guarded,
  }),
} as const;
