import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultHallTimeZone } from '../../kernel/hall-time';
import { languageSchema, localizedTextSchema } from '../api/kiosk';
import { isInside } from './key-location';
import { insecureUrlProblem } from './transport-policy';

/** Where a kiosk keeps its data when the config does not say: the OS's per-app data folder. */
export function defaultDataDir(): string {
  if (process.env.KIOSK_DATA_DIR) return process.env.KIOSK_DATA_DIR;
  if (process.platform === 'win32') {
    return join(process.env.PROGRAMDATA ?? join(homedir(), 'AppData', 'Roaming'), 'hall-kiosk');
  }
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'hall-kiosk');
}

const idCardSection = z
  .strictObject({
    /**
     * simulator: the built-in emulator on a socat PTY pair; serial, hid or usb (vendor-class bulk, e.g.
     * VID 0400 PID C35A): a real reader; sdk: the reader vendor's library (termb / sdtapi style).
     */
    kind: z.enum(['simulator', 'serial', 'hid', 'usb', 'sdk']).default('simulator'),
    serial: z
      .strictObject({
        /** A device path, or "auto" to probe candidate ports with a SAM status command. */
        path: z.string().min(1).default('auto'),
        baudRate: z
          .union([z.literal(115200), z.literal(57600), z.literal(38400), z.literal(19200), z.literal(9600)])
          .default(115200),
      })
      .prefault({}),
    hid: z
      .strictObject({
        vendorId: z.number().int().min(0).max(0xffff).default(0x0400),
        productId: z.number().int().min(0).max(0xffff).default(0xc35a),
        reportSize: z.number().int().min(8).max(1024).default(64),
        /** 0 for devices without numbered reports. */
        reportId: z.number().int().min(0).max(255).default(0),
        /** true: the first byte of each report is the count of frame bytes it carries. */
        lengthPrefixed: z.boolean().default(false),
        /**
         * Report framing (drivers/idcard/reader-models.ts): auto picks it by VID/PID from the table of
         * known readers, else uses the fields above; or name one: padded, count-byte-ack,
         * no-preamble-length-prefixed.
         */
        profile: z.enum(['auto', 'padded', 'count-byte-ack', 'no-preamble-length-prefixed']).default('auto'),
      })
      .prefault({}),
    usb: z
      .strictObject({
        vendorId: z.number().int().min(0).max(0xffff).default(0x0400),
        productId: z.number().int().min(0).max(0xffff).default(0xc35a),
        /** Bulk endpoint addresses: OUT (bit 7 clear) and IN (bit 7 set). */
        outEndpoint: z.number().int().min(0x01).max(0x0f).default(0x02),
        inEndpoint: z.number().int().min(0x81).max(0x8f).default(0x81),
      })
      .prefault({}),
    sdk: z
      .strictObject({
        /** The vendor's library file (termb.dll, libtermb.so, sdtapi.dll ...); required for kind sdk. */
        library: z.string().default(''),
        /**
         * Its exported functions: termb (InitComm / Authenticate / Read_Content / CloseComm) or sdtapi
         * (SDT_OpenPort / SDT_StartFindIDCard / SDT_SelectIDCard / SDT_ReadBaseMsg / SDT_ClosePort).
         */
        shape: z.enum(['termb', 'sdtapi']).default('termb'),
        /** The port number the library takes: 1-16 serial COM ports, 1001-1016 USB in most SDKs. */
        port: z.number().int().min(0).max(9999).default(1001),
      })
      .prefault({}),
    pollIntervalMs: z.number().int().min(50).max(5000).default(300),
    readTimeoutMs: z.number().int().min(200).max(10000).default(3500),
    /**
     * The reader model's behaviour for a card left on after a read (drivers/idcard/reader/profiles.ts):
     * standard (find keeps answering 9F) or halts-after-read (find answers 80; checked after a SAM reset).
     * The simulator then emulates that model.
     */
    behaviour: z.enum(['standard', 'halts-after-read']).default('standard'),
    /**
     * Simulator test mode only: a folder of decoded card photos, `<test card id>.jpg` (or .bmp), that
     * the simulated reader returns as the card's decoded photo (real readers need the vendor's WLT
     * decoder). Empty: the simulator's cards have no decoded photo.
     */
    simulatorPhotoDir: z.string().default(''),
  })
  .prefault({});

const printerSection = z
  .strictObject({
    /** cups: a CUPS queue (lp); windows: pdf-to-printer; escpos: a thermal printer on a serial line;
     *  usblp: ESC/POS to a USB printer class device file (/dev/usb/lp0); windows-raw: ESC/POS as a RAW
     *  spool job to a Windows queue; simulator: the ESC/POS emulator on a PTY pair in demo mode. */
    kind: z.enum(['simulator', 'cups', 'windows', 'escpos', 'usblp', 'windows-raw']).default('simulator'),
    /** CUPS queue or Windows printer name; empty for the system default. */
    name: z.string().default(''),
    serialPath: z.string().default(''),
    /** usblp: the USB printer class device file. */
    devicePath: z.string().min(1).default('/dev/usb/lp0'),
    /**
     * ESC/POS kinds: required (a printer that does not answer DLE EOT is offline) or optional (one that
     * never answers is taken as ready; paper and cover known only where it answers).
     */
    statusReplies: z.enum(['required', 'optional']).default('required'),
    paper: z.enum(['80mm', 'a4']).default('80mm'),
    /** ESC/POS serial line speed (a PTY ignores it). */
    baudRate: z
      .union([z.literal(115200), z.literal(57600), z.literal(38400), z.literal(19200), z.literal(9600)])
      .default(115200),
    /** How long a job may take to print before the applicant is told it failed. */
    jobTimeoutSeconds: z.number().int().min(5).max(600).default(60),
    /** Extra `lp -o` options for a CUPS queue, e.g. "media=Custom.80x200mm". */
    cupsOptions: z.array(z.string()).default([]),
  })
  .prefault({});

const scannerSection = z
  .strictObject({
    kind: z.enum(['none', 'sane']).default('none'),
    /** A SANE device name such as "test" or "genesys:libusb:001:004". */
    device: z.string().default('test'),
    resolutionDpi: z.number().int().min(75).max(600).default(200),
    mode: z.enum(['Color', 'Gray']).default('Color'),
    /** Stored page format and caps (camera pages and scans alike). */
    pageFormat: z.enum(['jpeg', 'webp']).default('jpeg'),
    maxLongEdgePx: z.number().int().min(800).max(5000).default(2480),
    maxPageBytes: z.number().int().min(50_000).max(10_000_000).default(600_000),
  })
  .prefault({});

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** A colour as #rrggbb: what CSS custom properties take without surprises. */
const hexColourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'a colour as #rrggbb' });

export const kioskConfigSchema = z
  .strictObject({
    mode: z.enum(['demo', 'production']).default('demo'),
    dataDir: z.string().min(1).default(defaultDataDir()),
    hall: z
      .strictObject({
        name: localizedTextSchema.default({
          'zh-Hans': '南安市政务服务中心',
          'zh-Hant': '南安市政務服務中心',
          en: 'Nan’an Government Service Center',
        }),
        /** The hall's IANA time zone: "today" for ages, card expiry, appointments and ticket days. */
        timeZone: z
          .string()
          .min(1)
          .refine(isKnownTimeZone, {
            message: 'not an IANA time zone this machine knows (e.g. Asia/Shanghai)',
          })
          .default(defaultHallTimeZone),
        /** The hall's emblem shown in the header: an SVG or PNG file (at most 256 KB); empty: the built-in one. */
        emblemFile: z.string().default(''),
        /** The hall's brand colours: a deep primary (header, titles) and the accent of the primary action. */
        colours: z
          .strictObject({
            primary: hexColourSchema.default('#0b3d91'),
            accent: hexColourSchema.default('#0a56b5'),
          })
          .prefault({}),
      })
      .prefault({}),
    ui: z
      .strictObject({
        languages: z.array(languageSchema).min(1).default(['zh-Hans', 'zh-Hant', 'en']),
        defaultLanguage: languageSchema.default('zh-Hans'),
        idleTimeoutSeconds: z.number().int().min(30).max(3600).default(90),
        idleWarningSeconds: z.number().int().min(20).max(120).default(20),
        elderlyModeDefault: z.boolean().default(false),
        manualIdentifyAllowed: z.boolean().default(true),
        /**
         * "read_once": the card may be taken back once read; the session lives until 完成, 首页 or
         * inactivity. "hold": the card stays on the reader and taking it away ends the session.
         */
        cardPolicy: z.enum(['read_once', 'hold']).default('read_once'),
        /** Fuzzy pinyin on the Chinese keyboard (n/l, h/f, zh/z ...): southern Min speakers mix them up. */
        pinyinFuzzy: z.boolean().default(true),
        /**
         * Ways in without an ID card for 办理业务 and 预约取号 (issue 15 part 2). Each is off unless the hall
         * turns it on; with none on, the screen says where to go instead (`directions`).
         */
        cardless: z
          .strictObject({
            /** ID number + name on the keypad, then a one-time code to the phone the form-free store holds. */
            smsCode: z.boolean().default(false),
            /** A provincial app / electronic ID QR code shown to the camera, verified by the central system. */
            provincialQr: z.boolean().default(false),
            directions: localizedTextSchema.default({
              'zh-Hans': '没有带身份证？请到 1 号综合窗口，工作人员会帮您办理。',
              'zh-Hant': '沒有帶身份證？請到 1 號綜合窗口，工作人員會幫您辦理。',
              en: 'No ID card with you? Please go to window 1; the staff there will help you.',
            }),
          })
          .prefault({}),
      })
      .prefault({}),
    idcard: idCardSection,
    /**
     * 人证核验: before a card opens a session, the renderer compares the face before the camera with the
     * card's decoded photo (on the device, nothing kept), after a "move closer" liveness prompt. Only
     * where the reader gives a decoded photo (a vendor SDK that decodes WLT; the simulator's test photos).
     */
    faceCheck: z
      .strictObject({
        enabled: z.boolean().default(false),
        /** Largest FaceRecognitionNet descriptor distance taken as the same person (lower: stricter). */
        threshold: z.number().min(0.2).max(1).default(0.5),
        /** Seconds the applicant has to move closer before the check gives up. */
        livenessSeconds: z.number().int().min(3).max(60).default(15),
        /** Where an applicant whose check failed is sent, in every language of the hall. */
        window: localizedTextSchema.default({
          'zh-Hans': '1 号综合窗口',
          'zh-Hant': '1 號綜合窗口',
          en: 'general window 1',
        }),
      })
      .prefault({}),
    printer: printerSection,
    scanner: scannerSection,
    central: z
      .strictObject({
        /** "embedded" runs the reference central server in-process on loopback (demo mode). */
        url: z.union([z.literal('embedded'), z.url()]).default('embedded'),
        /** Developer flag: allow plain http to a central or update feed that is not on loopback. */
        allowInsecureHttp: z.boolean().default(false),
        /** The hall's CA certificate (PEM file): the only CA the kiosk trusts for the central system. */
        caFile: z.string().default(''),
      })
      .prefault({}),
    store: z
      .strictObject({
        /** Browser mode's store key file; empty: one per data folder under the user's config location. */
        keyFile: z.string().default(''),
        /**
         * How much of the hall's form-free store the kiosk caches: `on_demand` fetches a person when their
         * card is read and keeps them `onDemandCacheHours`; `full` replicates everyone (offline halls).
         * Unset: `full` in demo mode (the sample hall works offline from the first card), else `on_demand`.
         */
        formFreeStore: z
          .strictObject({
            replication: z.enum(['on_demand', 'full']).optional(),
            onDemandCacheHours: z
              .number()
              .int()
              .min(1)
              .max(24 * 30)
              .default(24),
          })
          .prefault({}),
      })
      .prefault({}),
    updates: z
      .strictObject({
        /** Generic-provider feed URL (the central server serves latest.yml); empty disables updates. */
        url: z.string().default(''),
        channel: z.enum(['latest', 'beta']).default('latest'),
        checkIntervalMinutes: z.number().int().min(5).max(1440).default(60),
      })
      .prefault({}),
    logging: z
      .strictObject({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
        /** Also write human-readable lines to the console (development). */
        pretty: z.boolean().default(false),
      })
      .prefault({}),
    web: z
      .strictObject({
        /** Browser mode listens on loopback only. 0 picks a free port. */
        port: z.number().int().min(0).max(65535).default(0),
      })
      .prefault({}),
  })
  .superRefine((config, context) => {
    // A key beside the data it unlocks protects nothing: refuse to start with it inside the data folder.
    if (config.store.keyFile && isInside(config.dataDir, config.store.keyFile))
      context.addIssue({
        code: 'custom',
        path: ['store', 'keyFile'],
        message: 'the key file must not be inside dataDir (a copy of the data folder would open the store)',
      });
    const insecure = config.central.allowInsecureHttp;
    if (config.central.url !== 'embedded') {
      const problem = insecureUrlProblem(config.central.url, insecure);
      if (problem) context.addIssue({ code: 'custom', path: ['central', 'url'], message: problem });
    }
    if (config.updates.url !== '') {
      const problem = insecureUrlProblem(config.updates.url, insecure);
      if (problem) context.addIssue({ code: 'custom', path: ['updates', 'url'], message: problem });
    }
  });

export type KioskConfig = z.infer<typeof kioskConfigSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validate a parsed config object; messages name the bad key. */
export function parseConfig(raw: unknown, source = 'config'): KioskConfig {
  const parsed = kioskConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      if (issue.code === 'unrecognized_keys') {
        const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
        return `unknown key ${issue.keys.map((k) => `"${prefix}${k}"`).join(', ')}`;
      }
      return `"${key}": ${issue.message}`;
    });
    throw new ConfigError(`Invalid ${source}: ${lines.join('; ')}`);
  }
  return parsed.data;
}

/**
 * The config file comes from --config PATH, else KIOSK_CONFIG, else <default data dir>/config.json;
 * a missing default file means "all defaults" (demo mode); a named file that is missing is an error.
 */
export function loadConfig(
  argv: readonly string[] = process.argv.slice(2),
  env = process.env,
): {
  config: KioskConfig;
  path: string | null;
} {
  const flagIndex = argv.indexOf('--config');
  const named = flagIndex >= 0 ? argv[flagIndex + 1] : env.KIOSK_CONFIG;
  if (flagIndex >= 0 && !named) throw new ConfigError('--config needs a file path');
  const path = named ?? join(defaultDataDir(), 'config.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!named && (error as NodeJS.ErrnoException).code === 'ENOENT')
      return { config: parseConfig({}), path: null };
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return { config: parseConfig(raw, `config file ${path}`), path };
}
