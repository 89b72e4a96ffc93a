import { z } from 'zod';
import { method } from './define';

const sessionId = z.string().max(64);

/** How the principal was identified (the SubmissionPayload's `agent.basis`). */
export const agentBasisSchema = z.enum(['principal_card', 'power_of_attorney', 'guardian']);
export type AgentBasis = z.infer<typeof agentBasisSchema>;

/** What the principal is to the agent, as the household register says; null when it does not say. */
export const agentRelationSchema = z.enum(['child', 'parent']);
export type AgentRelation = z.infer<typeof agentRelationSchema>;

/**
 * 帮办代办, what the screen may draw of it: both people by masked name (邱*国) and masked ID number
 * (3505**********2819), except the agent's own name, which is theirs. Never the principal's full data.
 */
export const actingForViewSchema = z.strictObject({
  basis: agentBasisSchema,
  principal: z.strictObject({
    maskedName: z.string().max(60),
    maskedIdNumber: z.string().max(40),
    age: z.number().int().min(0).max(200),
  }),
  agent: z.strictObject({
    name: z.string().max(60),
    maskedIdNumber: z.string().max(40),
    relation: agentRelationSchema.nullable(),
  }),
});
export type ActingForView = z.infer<typeof actingForViewSchema>;

/** A person the agent's household register lists as their ward: a minor child or a dependent parent. */
export const wardViewSchema = z.strictObject({
  /** Opaque, valid for this session only (never the person's ID number). */
  wardId: z.string().max(64),
  maskedName: z.string().max(60),
  relation: agentRelationSchema,
  age: z.number().int().min(0).max(200),
});
export type WardView = z.infer<typeof wardViewSchema>;

/**
 * Applying for someone else (issue 18 part 3). The agent's own card opened the session; the principal
 * is then identified by their card, by their ID number and name checked against the form-free store
 * (a power of attorney then becomes a required document), or by guardianship found in the agent's
 * household register. From then on the session's applications are the principal's.
 */
export const agentMethods = {
  agentOptions: method({
    summary:
      'The ways this session may identify a principal: their card, their ID number, or a ward from the household register.',
    input: z.strictObject({ sessionId }),
    output: z.strictObject({
      principalCard: z.boolean(),
      idNumber: z.boolean(),
      /** How many more typed ID numbers this session may try. */
      attemptsLeft: z.number().int().min(0),
      wards: z.array(wardViewSchema).max(30),
    }),
    errors: ['no_session', 'not_allowed'],
  }),
  awaitPrincipalCard: method({
    summary:
      'The agent will lift their card and lay the principal’s: the next other card read becomes the principal, not a new session.',
    input: z.strictObject({ sessionId }),
    output: z.strictObject({}),
    errors: ['no_session', 'not_allowed'],
  }),
  actForIdNumber: method({
    summary:
      'The principal’s ID number and name, checked against the form-free store (a power of attorney is then required).',
    input: z.strictObject({
      sessionId,
      idNumber: z.string().min(15).max(18),
      name: z.string().min(1).max(60),
    }),
    output: actingForViewSchema,
    /** not_found: no such person with that name (which of the two is never said). */
    errors: ['no_session', 'not_allowed', 'invalid_id_number', 'not_found', 'too_many_attempts'],
  }),
  actForWard: method({
    summary: 'A ward the agent’s household register lists (guardianship): no power of attorney needed.',
    input: z.strictObject({ sessionId, wardId: z.string().max(64) }),
    output: actingForViewSchema,
    errors: ['no_session', 'not_allowed', 'unknown_ward'],
  }),
  getActingFor: method({
    summary:
      'Whom the session applies for now, and whether it waits for the principal’s card (and why a card laid was not taken).',
    input: z.strictObject({ sessionId }),
    output: z.strictObject({
      actingFor: actingForViewSchema.nullable(),
      waitingForCard: z.boolean(),
      /** The last card laid while waiting that was not taken: the agent's own again, or one refused. */
      cardProblem: z.enum(['own_card', 'card_refused']).nullable(),
    }),
    errors: ['no_session'],
  }),
  stopActingFor: method({
    summary: 'Back to applying for oneself: the principal is forgotten by this session.',
    input: z.strictObject({ sessionId }),
    output: z.strictObject({}),
    errors: ['no_session'],
  }),
} as const;
