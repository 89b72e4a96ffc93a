import { ageOn } from '../../../kernel/age';
import { birthDateFromResidentId } from '../../../kernel/id-checks';
import type { Profile } from '../../../sync/protocol/profile';
import type { AgentRelation } from '../../api/agent';

/** A person the agent's household register makes them answerable for (监护 / 赡养). */
export interface HouseholdWard {
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female' | null;
  relation: AgentRelation;
  /** The household's registered address (户籍地址), where the register gives it. */
  registeredAddress: string | null;
}

/** Under this age a child is a minor, whose parent applies as guardian (民法典 第十七条). */
export const adultAge = 18;
/** From this age a parent in the agent's household counts as a dependent parent (老年人, 赡养). */
export const dependentParentAge = 60;

const childRelations = new Set(['子女', '子', '女', '儿子', '女儿', '长子', '长女', '次子', '次女']);
const parentRelations = new Set(['父母', '父亲', '母亲', '父', '母']);
const headRelations = new Set(['户主', '本人']);
const spouseRelations = new Set(['配偶', '妻', '夫', '妻子', '丈夫']);

/**
 * What each other member of the household is to the agent, from the relations to the head the register
 * writes: the head's children are the head's (and the head's spouse's) children, the head's parents the
 * head's parents; a child of the head has the head and the head's spouse as parents. Anything else the
 * register does not say, and nobody is guessed at.
 */
function relationToAgent(agentRelation: string, memberRelation: string): AgentRelation | null {
  const agentIsHead = headRelations.has(agentRelation);
  const agentIsSpouse = spouseRelations.has(agentRelation);
  const agentIsChild = childRelations.has(agentRelation);
  if ((agentIsHead || agentIsSpouse) && childRelations.has(memberRelation)) return 'child';
  if (agentIsHead && parentRelations.has(memberRelation)) return 'parent';
  if (agentIsChild && (headRelations.has(memberRelation) || spouseRelations.has(memberRelation)))
    return 'parent';
  return null;
}

/**
 * Everyone the agent's register facts relate to them as child or parent (whatever their age), by ID
 * number: the household members and the children the register lists.
 */
export function householdRelatives(
  profile: Profile | null,
  agentIdNumber: string,
): Map<string, Omit<HouseholdWard, 'relation'> & { relation: AgentRelation }> {
  const found = new Map<string, HouseholdWard>();
  if (!profile) return found;
  const registeredAddress = profile.household?.registeredAddress ?? null;
  for (const child of profile.children ?? []) {
    if (!child.idNumber || child.idNumber === agentIdNumber) continue;
    found.set(child.idNumber, {
      name: child.name,
      idNumber: child.idNumber,
      birthDate: child.birthDate,
      sex: child.sex,
      relation: 'child',
      registeredAddress,
    });
  }
  const members = profile.householdMembers ?? [];
  const agentRelation =
    members.find((member) => member.idNumber === agentIdNumber)?.relation ??
    profile.household?.relationToHead ??
    null;
  if (!agentRelation) return found;
  for (const member of members) {
    if (member.idNumber === agentIdNumber || found.has(member.idNumber)) continue;
    const relation = relationToAgent(agentRelation, member.relation);
    const birthDate = birthDateFromResidentId(member.idNumber);
    if (!relation || !birthDate) continue;
    found.set(member.idNumber, {
      name: member.name,
      idNumber: member.idNumber,
      birthDate,
      sex: null,
      relation,
      registeredAddress,
    });
  }
  return found;
}

/**
 * The agent's wards: their minor children and their dependent parents, as the household register lists
 * them on `today`. An adult child or a parent under 60 is not a ward: they apply themselves, lend their
 * card, or sign a power of attorney.
 */
export function householdWards(
  profile: Profile | null,
  agentIdNumber: string,
  today: string,
): HouseholdWard[] {
  return [...householdRelatives(profile, agentIdNumber).values()].filter((person) => {
    const age = ageOn(person.birthDate, today);
    return person.relation === 'child' ? age < adultAge : age >= dependentParentAge;
  });
}

/** 邱*国, 邱*, 欧**华: the first and the last character, as the hall shows names in public. */
export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return characters.join('');
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters.at(-1)}`;
}
