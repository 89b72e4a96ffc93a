import { z } from 'zod';
import { languageSchema, localizedTextSchema } from '../../sync/protocol/localized-text';
import { emptyInput, method } from './define';

export {
  type Language,
  type LocalizedText,
  languageSchema,
  localizedTextSchema,
} from '../../sync/protocol/localized-text';

export const kioskInfoSchema = z.strictObject({
  version: z.string().max(40),
  mode: z.enum(['demo', 'production']),
  hallName: localizedTextSchema,
  languages: z.array(languageSchema).min(1),
  defaultLanguage: languageSchema,
  idleTimeoutSeconds: z.number().int().min(30).max(3600),
  idleWarningSeconds: z.number().int().min(20).max(120),
  elderlyModeDefault: z.boolean(),
  manualIdentifyAllowed: z.boolean(),
  /** read_once: the card may be taken back once read; hold: it must stay on the reader (screens say so). */
  cardPolicy: z.enum(['read_once', 'hold']),
  /** The hall's IANA time zone: every time on screen is the hall's, whatever the device is set to. */
  timeZone: z.string().min(1).max(64),
  /** The Chinese keyboard forgives n/l, h/f, zh/z, ch/c, sh/s, an/ang, en/eng, in/ing. */
  pinyinFuzzy: z.boolean(),
  /** 人证核验: the window or desk an applicant whose face check failed is sent to (config faceCheck.window). */
  faceCheckWindow: localizedTextSchema,
  /** Ways in without a card the hall allows, and where to go when it allows none (issue 15 part 2). */
  cardless: z.strictObject({
    smsCode: z.boolean(),
    provincialQr: z.boolean(),
    directions: localizedTextSchema,
  }),
  /** A flatbed scanner is configured: only then is 用扫描仪扫描 offered beside the camera. */
  scannerConfigured: z.boolean(),
  /** The hall's identity in the header: its emblem (a data URL; null: the built-in one) and colours. */
  hallIdentity: z.strictObject({
    emblem: z
      .string()
      .max(400_000)
      .regex(/^data:image\/(svg\+xml|png);base64,/)
      .nullable(),
    colours: z.strictObject({
      primary: z.string().regex(/^#[0-9a-fA-F]{6}$/),
      accent: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    }),
  }),
});
export type KioskInfo = z.infer<typeof kioskInfoSchema>;

/** The queue board: per queue, the number being called and how many wait (names come from the catalogue). */
export const queueBoardSchema = z.strictObject({
  atMs: z.number().int().nonnegative(),
  queues: z.array(
    z.strictObject({
      queueId: z.string().max(64),
      waiting: z.number().int().nonnegative(),
      calling: z.string().max(8).nullable(),
    }),
  ),
});
export type QueueBoard = z.infer<typeof queueBoardSchema>;

export const kioskMethods = {
  getKioskInfo: method({
    summary: 'Hall name, languages and the session settings the renderer needs at start.',
    input: emptyInput,
    output: kioskInfoSchema,
    errors: [],
  }),
  getQueueBoard: method({
    summary:
      "Today's queues as last pulled from the central system: the number being called and the people waiting (the attract screen's queue board).",
    input: emptyInput,
    output: queueBoardSchema,
    errors: ['not_enrolled', 'not_reached'],
  }),
} as const;
