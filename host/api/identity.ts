import { z } from 'zod';

/** What the renderer is told about the card on the reader. Personal data: never log it. */
export const identityViewSchema = z.strictObject({
  cardType: z.enum(['resident', 'hk_macao_taiwan', 'foreign_permanent_2017', 'foreign_permanent_2023']),
  name: z.string().max(200),
  /** Second-line name where a card has one (e.g. the Chinese name on a foreign PR card). */
  otherName: z.string().max(200).nullable(),
  sex: z.enum(['male', 'female', 'unknown', 'unstated']),
  /** Nation (民族) name in Chinese, or the raw code for an unknown one; null where the card has none. */
  nation: z.string().max(40).nullable(),
  nationality: z.string().max(3).nullable(),
  birthDate: z.string().max(10),
  address: z.string().max(200).nullable(),
  idNumber: z.string().max(40),
  issuer: z.string().max(200).nullable(),
  validFrom: z.string().max(10),
  /** ISO date, or null for long-term (长期). */
  validTo: z.string().max(10).nullable(),
  expired: z.boolean(),
  checkDigitValid: z.boolean(),
  /** Age in whole years on the day of reading, for routing and elderly-mode suggestions. */
  age: z.number().int().min(0).max(200),
});
export type IdentityView = z.infer<typeof identityViewSchema>;

export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
