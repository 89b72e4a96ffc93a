import { randomUUID } from 'node:crypto';
import { ageOn } from '../../../kernel/age';
import { maskIdNumber } from '../../../kernel/id-checks';
import { normaliseIdNumber } from '../../../kernel/keyed-hash';
import { err, ok, type Result } from '../../../kernel/result';
import { type Profile, profileSchema } from '../../../sync/protocol/profile';
import type { ActingForView, AgentRelation } from '../../api/agent';
import type { HostApi } from '../../api/contract';
import type { IdentityView } from '../../api/identity';
import type { HostContext } from '../../core/host-context';
import type { KioskRuntime } from '../../core/kiosk-runtime';
import { identityWithoutCard } from '../cardless/cardless-api';
import type { ActingFor } from '../sessions';
import { type HouseholdWard, householdRelatives, householdWards, maskName } from './household-wards';

type AgentMethods = Pick<
  HostApi,
  'agentOptions' | 'awaitPrincipalCard' | 'actForIdNumber' | 'actForWard' | 'getActingFor' | 'stopActingFor'
>;

/** Typed ID numbers one session may try before the agent must go to the window (an attacker's guesses). */
export const idNumberAttemptsPerSession = 3;
/** And one agent's card across sessions in a day (laying the card again does not reset the count). */
export const idNumberAttemptsPerAgentPerDay = 10;

const notFound = 'No one with that ID number and name is held here. Please check both, or ask at the window.';

/** The session's own state for 帮办代办 beyond its principal (which the session registry holds). */
interface AgentSessionState {
  attempts: number;
  /** The wards offered, by the opaque id the screen was given. */
  wards: Map<string, HouseholdWard>;
}

/** The name(s) the form-free store's record holds for this ID number: its ID card licence, its register entry. */
function namesOnRecord(profile: Profile, idNumber: string): Set<string> {
  const names = new Set<string>();
  for (const licence of profile.licences)
    if (normaliseIdNumber(licence.holderIdNumber) === idNumber) names.add(licence.holderName.trim());
  for (const member of profile.householdMembers ?? [])
    if (normaliseIdNumber(member.idNumber) === idNumber) names.add(member.name.trim());
  return names;
}

/**
 * The principal as the form-free store knows them: their ID card licence's fields where it holds one
 * (what the card would say), else what the number itself says.
 */
function identityFromRecord(
  profile: Profile,
  idNumber: string,
  name: string,
  today: string,
): IdentityView | null {
  const base = identityWithoutCard(idNumber, name, today);
  if (!base) return null;
  const card = profile.licences.find(
    (licence) => licence.kind === 'idCard' && normaliseIdNumber(licence.holderIdNumber) === idNumber,
  );
  if (card?.kind !== 'idCard') return base;
  return {
    ...base,
    sex: card.sex,
    nation: card.nation,
    birthDate: card.birthDate,
    address: card.address,
    issuer: card.issuer,
    validFrom: card.issuedOn,
    validTo: card.validTo,
    age: ageOn(card.birthDate, today),
  };
}

function wardIdentity(ward: HouseholdWard, agent: IdentityView, today: string): IdentityView | null {
  const base = identityWithoutCard(ward.idNumber, ward.name, today);
  if (!base) return null;
  // The register places the ward in the agent's household: its address is theirs (户籍地址).
  return {
    ...base,
    birthDate: ward.birthDate,
    sex: ward.sex ?? base.sex,
    address: ward.registeredAddress ?? agent.address,
    age: ageOn(ward.birthDate, today),
  };
}

export function actingForView(agent: IdentityView, acting: ActingFor): ActingForView {
  return {
    basis: acting.basis,
    principal: {
      maskedName: maskName(acting.identity.name),
      maskedIdNumber: maskIdNumber(acting.identity.idNumber),
      age: acting.identity.age,
    },
    agent: { name: agent.name, maskedIdNumber: maskIdNumber(agent.idNumber), relation: acting.relation },
  };
}

/**
 * 帮办代办 (issue 18 part 3): who the agent at the kiosk may apply for, checked here. Only a session the
 * agent's own card opened may act for someone else (a card-less way in proves too little to speak for
 * another). Nothing personal is logged: not the numbers tried, not the names, not who was found.
 */
export function createAgentApi(context: HostContext): AgentMethods {
  const states = new Map<string, AgentSessionState>();
  /** Typed look-ups per agent (keyed hash) and hall day. */
  const dailyAttempts = new Map<string, number>();
  let attemptsDay = '';
  context.sessions.onEnd((sessionId) => states.delete(sessionId));

  const stateOf = (sessionId: string): AgentSessionState => {
    let state = states.get(sessionId);
    if (!state) {
      state = { attempts: 0, wards: new Map() };
      states.set(sessionId, state);
    }
    return state;
  };

  /** The open session, opened by the agent's own card, with the runtime. */
  const agentSession = (
    sessionId: string,
  ): Result<{ agent: IdentityView; runtime: KioskRuntime }, 'no_session' | 'not_allowed'> => {
    const current = context.sessions.current();
    const runtime = context.runtime();
    if (!current || current.id !== sessionId || !runtime) return err('no_session', 'The session has ended.');
    if (current.identifiedBy !== 'card')
      return err('not_allowed', 'Applying for someone else needs your own ID card on the reader.');
    return ok({ agent: current.identity, runtime });
  };

  const localProfile = (runtime: KioskRuntime, idNumber: string): Profile | null => {
    const cached = profileSchema.safeParse(runtime.store.people.get(idNumber));
    return cached.success ? cached.data : null;
  };

  const relationOf = (runtime: KioskRuntime, agent: IdentityView, idNumber: string): AgentRelation | null =>
    householdRelatives(localProfile(runtime, agent.idNumber), agent.idNumber).get(idNumber)?.relation ?? null;

  const attemptsLeft = (runtime: KioskRuntime, agent: IdentityView, state: AgentSessionState): number => {
    const today = context.clock.today();
    if (attemptsDay !== today) {
      dailyAttempts.clear();
      attemptsDay = today;
    }
    const usedToday = dailyAttempts.get(runtime.store.hashIdNumber(agent.idNumber).toString('hex')) ?? 0;
    return Math.max(
      0,
      Math.min(idNumberAttemptsPerSession - state.attempts, idNumberAttemptsPerAgentPerDay - usedToday),
    );
  };

  const countAttempt = (runtime: KioskRuntime, agent: IdentityView, state: AgentSessionState): void => {
    state.attempts += 1;
    const key = runtime.store.hashIdNumber(agent.idNumber).toString('hex');
    dailyAttempts.set(key, (dailyAttempts.get(key) ?? 0) + 1);
  };

  const act = (sessionId: string, agent: IdentityView, acting: ActingFor): ActingForView => {
    context.sessions.actFor(sessionId, acting);
    context.logger.info({ sessionId, basis: acting.basis }, 'applying on behalf of someone else');
    return actingForView(agent, acting);
  };

  return {
    async agentOptions({ sessionId }) {
      const opened = agentSession(sessionId);
      if (!opened.ok) return opened;
      const { agent, runtime } = opened.value;
      const state = stateOf(sessionId);
      const today = context.clock.today();
      state.wards.clear();
      const wards = householdWards(localProfile(runtime, agent.idNumber), agent.idNumber, today).map(
        (ward) => {
          const wardId = randomUUID();
          state.wards.set(wardId, ward);
          return {
            wardId,
            maskedName: maskName(ward.name),
            relation: ward.relation,
            age: ageOn(ward.birthDate, today),
          };
        },
      );
      return ok({
        principalCard: true,
        idNumber: attemptsLeft(runtime, agent, state) > 0,
        attemptsLeft: attemptsLeft(runtime, agent, state),
        wards,
      });
    },

    async awaitPrincipalCard({ sessionId }) {
      const opened = agentSession(sessionId);
      if (!opened.ok) return opened;
      context.sessions.awaitPrincipalCard(sessionId);
      return ok({});
    },

    async actForIdNumber({ sessionId, idNumber, name }) {
      const opened = agentSession(sessionId);
      if (!opened.ok) return opened;
      const { agent, runtime } = opened.value;
      const state = stateOf(sessionId);
      if (attemptsLeft(runtime, agent, state) === 0)
        return err('too_many_attempts', 'Too many tries: please ask at the window.');
      const number = normaliseIdNumber(idNumber);
      const typedName = name.trim();
      const today = context.clock.today();
      // A number that cannot exist is a typing slip: told as such, looked up nowhere, not counted.
      if (!identityWithoutCard(number, typedName, today))
        return err('invalid_id_number', 'That is not a valid ID number.');
      if (number === normaliseIdNumber(agent.idNumber))
        return err('not_allowed', 'That is your own ID number: apply for yourself instead.');
      countAttempt(runtime, agent, state);
      // The store as this kiosk holds it, fetched once (bounded) when it does not yet hold the number.
      await runtime.sync.prefetchProfile(number);
      const profile = localProfile(runtime, number);
      // The same answer for an unknown number, a wrong name and a person who keeps no record: a guess
      // learns nothing about which it was.
      if (!profile?.consent.storeProfile || !namesOnRecord(profile, number).has(typedName)) {
        context.logger.info({ sessionId }, 'principal not found');
        return err('not_found', notFound);
      }
      const identity = identityFromRecord(profile, number, typedName, today);
      if (!identity) return err('not_found', notFound);
      return ok(
        act(sessionId, agent, {
          identity,
          basis: 'power_of_attorney',
          relation: relationOf(runtime, agent, number),
        }),
      );
    },

    async actForWard({ sessionId, wardId }) {
      const opened = agentSession(sessionId);
      if (!opened.ok) return opened;
      const { agent, runtime } = opened.value;
      const ward = states.get(sessionId)?.wards.get(wardId);
      const identity = ward ? wardIdentity(ward, agent, context.clock.today()) : null;
      if (!ward || !identity) return err('unknown_ward', 'That person is not listed for you here.');
      // The ward's own record, if the store keeps one, fills their form (bounded look-up).
      await runtime.sync.prefetchProfile(ward.idNumber);
      return ok(act(sessionId, agent, { identity, basis: 'guardian', relation: ward.relation }));
    },

    async getActingFor({ sessionId }) {
      const current = context.sessions.current();
      const held = context.sessions.actingFor(sessionId);
      if (!current || !held) return err('no_session', 'The session has ended.');
      const acting = held.actingFor;
      const runtime = context.runtime();
      if (acting?.basis === 'principal_card' && runtime) {
        // Their card was read just now: fetch their record (bounded) before their form is filled.
        await runtime.sync.prefetchProfile(
          acting.identity.idNumber,
          acting.identity.previousIdNumber ?? null,
        );
        if (acting.relation === null)
          acting.relation = relationOf(runtime, current.identity, acting.identity.idNumber);
      }
      return ok({
        actingFor: acting ? actingForView(current.identity, acting) : null,
        waitingForCard: held.waitingForCard,
        cardProblem: held.cardProblem,
      });
    },

    async stopActingFor({ sessionId }) {
      if (!context.sessions.actFor(sessionId, null)) return err('no_session', 'The session has ended.');
      return ok({});
    },
  };
}
