import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { type EnrolmentResponse, hallSettingsSchema } from '../../sync/protocol/central-api';

export const enrolmentRecordSchema = z.strictObject({
  centralUrl: z.string().min(1),
  kioskId: z.string().min(1),
  kioskCode: z.string().min(1),
  /** The kiosk's bearer credential: a secret, kept in a 0600 file beside the store's key file. */
  credential: z.string().min(32),
  hall: hallSettingsSchema,
  enrolledAtMs: z.number().int(),
  /** The kiosk's Ed25519 private key (PKCS#8 PEM), made at enrolment; the central holds the public half. */
  kioskPrivateKey: z.string().min(1).optional(),
  /** The hall's order-signing public key (base64 SPKI); absent in older records: every order is refused. */
  orderSigningKey: z.string().min(40).max(200).optional(),
  /** The central intake's sealing key (base64 SPKI); absent in older records: submissions go in clear over TLS. */
  intakeSealingKey: z.string().min(40).max(200).optional(),
});
export type EnrolmentRecord = z.infer<typeof enrolmentRecordSchema>;

/** The record kept from the central system's answer to an enrolment (screen, CLI and demo alike). */
export function enrolmentRecordOf(
  centralUrl: string,
  answer: EnrolmentResponse,
  atMs = Date.now(),
): EnrolmentRecord {
  return {
    centralUrl,
    kioskId: answer.kioskId,
    kioskCode: answer.kioskCode,
    credential: answer.credential,
    hall: answer.hall,
    enrolledAtMs: atMs,
    ...(answer.orderSigningKey ? { orderSigningKey: answer.orderSigningKey } : {}),
    ...(answer.intakeSealingKey ? { intakeSealingKey: answer.intakeSealingKey } : {}),
  };
}

/** What the kiosk learnt when it was enrolled with its central system (first boot or `npm run provision`). */
export class EnrolmentFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'enrolment.json');
  }

  load(): EnrolmentRecord | null {
    if (!existsSync(this.path)) return null;
    const parsed = enrolmentRecordSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
    if (!parsed.success) throw new Error(`${this.path} is damaged: provision this kiosk again.`);
    return parsed.data;
  }

  save(record: EnrolmentRecord): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(record, null, 2), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }
}
