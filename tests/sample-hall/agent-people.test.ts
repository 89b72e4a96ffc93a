import { beforeAll, describe, expect, it } from 'vitest';
import { sampleHallDemoCards } from '../../host/services/demo-cards';
import { ageOn } from '../../kernel/age';
import { isValidResidentId } from '../../kernel/id-checks';
import { profileSchema } from '../../sync/protocol/profile';
import {
  type AgentDemoPeople,
  agentDemoPeople,
  agentDemoPeopleList,
  demoReturningPerson,
  type SamplePerson,
  samplePeople,
  sampleReferenceDate,
} from '../../sync/sample-hall';

let people: SamplePerson[];
let agents: AgentDemoPeople;

beforeAll(() => {
  people = samplePeople();
  agents = agentDemoPeople();
});

const age = (person: SamplePerson) => ageOn(person.identity.birthDate, sampleReferenceDate);

describe('the people of the agent demos (为他人办理)', () => {
  it('are valid store records with valid ID numbers no sample person has, the same on every call', () => {
    const taken = new Set(people.map((person) => person.identity.idNumber));
    for (const person of agentDemoPeopleList()) {
      expect(isValidResidentId(person.identity.idNumber, sampleReferenceDate), person.identity.name).toBe(
        true,
      );
      expect(taken.has(person.identity.idNumber)).toBe(false);
      expect(profileSchema.safeParse(person.profile).success, person.identity.name).toBe(true);
      expect(person.profile?.consent.storeProfile).toBe(true);
    }
    expect(agentDemoPeople()).toEqual(agents);
  });

  it('an elderly parent (70+) is in the store, her name and ID number on the ID card licence it holds', () => {
    const parent = agents.elderlyParent;
    expect(age(parent)).toBeGreaterThanOrEqual(70);
    const idCard = parent.profile!.licences.find((licence) => licence.kind === 'idCard')!;
    expect(idCard.holderName).toBe(parent.identity.name);
    expect(idCard.holderIdNumber).toBe(parent.identity.idNumber);
    // Her child, the returning applicant, applies with a power of attorney: no register links them.
    const child = demoReturningPerson(people)!;
    expect(child.profile!.householdMembers?.some((m) => m.idNumber === parent.identity.idNumber)).toBe(false);
    expect(parent.profile!.emergencyContact?.name).toBe(child.identity.name);
  });

  it('a guardian’s household register lists a minor child and a dependent parent, both in the store', () => {
    const guardian = agents.guardian;
    const register = guardian.profile!.householdMembers!;
    expect(guardian.profile!.household?.relationToHead).toBe('本人');
    expect(register.find((member) => member.relation === '户主')?.idNumber).toBe(guardian.identity.idNumber);
    const minor = register.find((member) => member.idNumber === agents.minor.identity.idNumber)!;
    expect(minor.relation).toBe('子女');
    expect(age(agents.minor)).toBeLessThan(18);
    // The guardian is the minor's parent: the child is on his record of children too.
    expect(guardian.profile!.children?.map((child) => child.idNumber)).toContain(
      agents.minor.identity.idNumber,
    );
    const parent = register.find((member) => member.idNumber === agents.dependentParent.identity.idNumber)!;
    expect(parent.relation).toBe('父母');
    expect(age(agents.dependentParent)).toBeGreaterThanOrEqual(70);
    // Each of them sees the same register from their own record.
    for (const member of [agents.minor, agents.dependentParent]) {
      expect(member.profile!.householdMembers).toEqual(register);
      expect(member.profile!.household?.headName).toBe(guardian.identity.name);
    }
    const licence = guardian.profile!.licences.find((entry) => entry.kind === 'householdRegister');
    expect(licence && 'members' in licence ? licence.members : []).toEqual(register);
  });

  it('the elderly parent and the guardian are demo cards', () => {
    const cards = sampleHallDemoCards(people);
    const ids = cards.map((card) => card.id);
    expect(ids).toEqual(expect.arrayContaining(['sample-returning', 'sample-parent', 'sample-guardian']));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('sample household registers', () => {
  it('list a spouse at the head of the household under the spouse’s own ID number', () => {
    let spouseHeaded = 0;
    for (const person of people) {
      const profile = person.profile;
      if (!profile?.household || !profile.spouse?.idNumber) continue;
      if (profile.household.headName !== profile.spouse.name) continue;
      spouseHeaded += 1;
      const head = profile.householdMembers?.find((member) => member.relation === '户主');
      expect(head?.idNumber).toBe(profile.spouse.idNumber);
    }
    expect(spouseHeaded).toBeGreaterThan(10);
  });
});
