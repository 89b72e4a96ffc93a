import { z } from 'zod';
import { emptyInput, method } from './define';

export const demoCardSchema = z.strictObject({
  id: z.string().max(64),
  /** What the operator panel shows: a fixture label, not personal data of a real person. */
  label: z.string().max(200),
});

/** The operator panel of demo mode: only answers when the kiosk runs in demo mode. */
export const demoMethods = {
  demoListCards: method({
    summary: 'The simulated reader’s test cards.',
    input: emptyInput,
    output: z.strictObject({ cards: z.array(demoCardSchema), placed: z.string().max(64).nullable() }),
    errors: ['not_demo'],
  }),
  demoPlaceCard: method({
    summary: 'Lay a test card on the simulated reader.',
    input: z.strictObject({ cardId: z.string().max(64) }),
    output: z.strictObject({}),
    errors: ['not_demo', 'unknown_card', 'simulator_unavailable'],
  }),
  demoRemoveCard: method({
    summary: 'Take the test card off the simulated reader.',
    input: emptyInput,
    output: z.strictObject({}),
    errors: ['not_demo', 'simulator_unavailable'],
  }),
} as const;
