/** SW3, the reader's status byte, as named outcomes (spec table "SW3 status"). */
export const sw3Outcomes = {
  144: 'success',
  145: 'no_data',
  159: 'card_found',
  16: 'bad_checksum',
  17: 'bad_length',
  33: 'unknown_command',
  35: 'not_permitted',
  36: 'unrecognised_error',
  49: 'card_rejected_sam',
  50: 'sam_rejected_card',
  51: 'verification_error',
  64: 'unknown_card_type',
  65: 'read_failed',
  71: 'random_failed',
  96: 'sam_self_test_failed',
  102: 'sam_not_authorised',
  128: 'no_card',
  129: 'select_failed',
} as const satisfies Record<number, string>;

export type Sw3Code = keyof typeof sw3Outcomes;
export type KnownSw3Outcome = (typeof sw3Outcomes)[Sw3Code];
/** A status byte outside the table stays visible as its hex value rather than being guessed. */
export type Sw3Outcome = KnownSw3Outcome | `unknown_sw3_${string}`;

export function sw3Outcome(sw3: number): Sw3Outcome {
  const known = (sw3Outcomes as Record<number, KnownSw3Outcome | undefined>)[sw3];
  return known ?? `unknown_sw3_${sw3.toString(16).padStart(2, '0')}`;
}

/** The SW3 byte for a named outcome (the simulator's side). */
export function sw3Byte(outcome: KnownSw3Outcome): number {
  for (const [code, name] of Object.entries(sw3Outcomes)) if (name === outcome) return Number(code);
  throw new Error(`no SW3 for ${outcome}`);
}
