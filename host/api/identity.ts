import { z } from 'zod';
import { identityNumberProblem } from '../../kernel/id-checks';
import { cardIdentitySchema } from '../../sync/protocol/forms';

/**
 * What the renderer is told about the card on the reader: the card fields auto-fill reads
 * (sync/protocol/forms.ts) plus what the host works out. Personal data: never log it.
 */
export const identityViewSchema = cardIdentitySchema.extend({
  /** Past the card's valid-to date on the day of reading. */
  expired: z.boolean(),
  /** GB 11643 check digit right and its birth-date digits matching the card (true where no scheme applies). */
  checkDigitValid: z.boolean(),
  /** Age in whole years on the day of reading, for routing and elderly-mode suggestions. */
  age: z.number().int().min(0).max(200),
  /**
   * A renewed 2023 foreign permanent residence card: the number of the card it replaced, checked (the
   * holder's form-free record may still be kept under it). Absent or null for every other card.
   */
  previousIdNumber: z
    .string()
    .refine((number) => identityNumberProblem(number) === null, 'not a valid identity number')
    .nullable()
    .optional(),
});
export type IdentityView = z.infer<typeof identityViewSchema>;

export { maskIdNumber } from '../../kernel/id-checks';
