import type { MaterialRequirement } from '../../../sync/protocol/catalogue';
import type { AgentBasis, AgentRelation } from '../../api/agent';
import type { IdentifiedBy } from '../../api/cardless';
import type { IdentityView } from '../../api/identity';

/** Who applies on the session principal's behalf, and on what basis (the SubmissionPayload's `agent`). */
export interface AgentOnSession {
  identity: IdentityView;
  basis: AgentBasis;
  relation: AgentRelation | null;
}

/*
 * What an agent may reach of the principal's data (issue 18 part 3), by how the principal was identified:
 *
 *   principal_card     the principal's own card was read: everything a card session reaches, archived
 *                      copies and electronic licence pages included (as if the principal had laid it).
 *   power_of_attorney  ID number and name typed and found in the form-free store, plus a power of
 *                      attorney captured with the application: the store's form data, no archived copies
 *                      and no licence pages (the same reach as a QR way in, cardless-policy.ts), none of
 *                      the principal's other cases.
 *   guardian           a minor child or a dependent parent in the agent's household register: as above.
 */
export function principalReach(basis: AgentBasis): IdentifiedBy {
  return basis === 'principal_card' ? 'card' : 'qr';
}

/** The principal's other cases may be listed (progress by session): only when their card was read. */
export function mayListPrincipalCases(agent: AgentOnSession | null): boolean {
  return agent === null || agent.basis === 'principal_card';
}

/**
 * An application not ticked "keep my data" deletes the applicant's record; an agent who did not bring
 * the principal's card may add to it with consent, never delete it.
 */
export function mayDeletePrincipalRecord(agent: AgentOnSession | null): boolean {
  return agent === null || agent.basis === 'principal_card';
}

export const powerOfAttorneyCode = 'POWER_OF_ATTORNEY';

const powerOfAttorney: MaterialRequirement = {
  code: powerOfAttorneyCode,
  name: { 'zh-Hans': '授权委托书', 'zh-Hant': '授權委託書', en: 'Power of attorney' },
  required: true,
  pages: 1,
  reusable: false,
  note: {
    'zh-Hans': '委托人签名的授权委托书',
    'zh-Hant': '委託人簽名的授權委託書',
    en: 'Signed by the person you apply for',
  },
};

/** The documents the agent's basis adds to the application's own: a power of attorney (basis (b)). */
export function agentMaterials(agent: AgentOnSession | null): MaterialRequirement[] {
  return agent?.basis === 'power_of_attorney' ? [powerOfAttorney] : [];
}
