import { nationByCode } from '../../drivers/idcard/identity/code-tables';
import { residentTestCard, type TestCard } from '../../drivers/idcard/simulator/test-cards';
import type { CardIdentity } from '../../sync/protocol/forms';
import { demoReturningPerson, type SamplePerson, samplePeople } from '../../sync/sample-hall';

const sexCodes: Record<CardIdentity['sex'], string> = { unknown: '0', male: '1', female: '2', unstated: '9' };

function cardOf(id: string, label: string, identity: CardIdentity): TestCard {
  const nationCode = Object.entries(nationByCode).find(([, name]) => name === identity.nation)?.[0] ?? '01';
  return residentTestCard(id, label, {
    name: identity.name,
    sex: sexCodes[identity.sex],
    nation: nationCode,
    birth: identity.birthDate.replace(/-/g, ''),
    address: identity.address ?? '',
    idNumber: identity.idNumber,
    issuer: identity.issuer ?? '南安市公安局',
    // The sample hall is dated 2025; the demo's cards stay valid whatever today is.
    validFrom: '20200101',
    validTo: identity.birthDate < '1970-01-01' ? '长期' : '20400101',
  });
}

/**
 * Demo mode lays people of the sample hall on the simulated reader, so the form-free store has
 * something to fill forms from: returning applicants (profile, earlier applications, archived
 * materials), an elderly one (green channel) and a first-time applicant.
 */
export function sampleHallDemoCards(people: readonly SamplePerson[] = samplePeople()): TestCard[] {
  const returning = people.filter(
    (p) => p.profile?.consent.storeProfile && Object.keys(p.profile.lastSubmissions).length > 0,
  );
  const picks: [string, string, SamplePerson | undefined][] = [
    ['sample-returning', 'Sample hall: returning applicant', demoReturningPerson(people)],
    [
      'sample-returning-company',
      'Sample hall: returning applicant with a company',
      returning.find((p) => p.profile?.company),
    ],
    [
      'sample-elderly',
      'Sample hall: returning applicant aged 60+',
      returning.find((p) => p.identity.birthDate < '1960-01-01'),
    ],
    [
      'sample-first-time',
      'Sample hall: first-time applicant',
      people.find((p) => !p.profile && p.identity.cardType === 'resident'),
    ],
  ];
  return picks.flatMap(([id, label, person]) => (person ? [cardOf(id, label, person.identity)] : []));
}
