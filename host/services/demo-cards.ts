import { nationByCode } from '../../drivers/idcard/identity/code-tables';
import { CardTextBuilder } from '../../drivers/idcard/simulator/card-text';
import { residentTestCard, type TestCard, textTestCard } from '../../drivers/idcard/simulator/test-cards';
import type { CardIdentity } from '../../sync/protocol/forms';
import { demoReturningPerson, type SamplePerson, samplePeople } from '../../sync/sample-hall';
import { agentDemoPeople, sampleNonResidentPeople } from '../../sync/sample-hall/people';

const sexCodes: Record<CardIdentity['sex'], string> = { unknown: '0', male: '1', female: '2', unstated: '9' };

const compactDate = (date: string | null): string => (date === null ? '长期' : date.replace(/-/g, ''));

/**
 * The card of a sample person of any kind, laid out as the reader gives it (the layouts of
 * drivers/idcard/simulator/test-cards.ts): what the reader decodes is the person's identity again.
 */
export function sampleCardOf(id: string, label: string, identity: CardIdentity): TestCard {
  if (identity.cardType === 'resident') return cardOf(id, label, identity);
  const builder = new CardTextBuilder();
  if (identity.cardType === 'hk_macao_taiwan') {
    builder
      .put(0, 30, identity.name)
      .put(30, 2, sexCodes[identity.sex])
      .put(36, 16, compactDate(identity.birthDate))
      .put(52, 70, identity.address ?? '')
      .put(122, 36, identity.idNumber)
      .put(158, 30, identity.issuer ?? '南安市公安局')
      .put(220, 18, `H${identity.idNumber.slice(6, 14)}`)
      .put(238, 4, '01')
      .put(248, 2, 'J');
  } else if (identity.cardType === 'foreign_permanent_2017') {
    builder
      .put(0, 120, identity.name)
      .put(120, 2, sexCodes[identity.sex])
      .put(122, 30, identity.idNumber)
      .put(152, 6, identity.nationality ?? '')
      .put(158, 30, identity.otherName ?? '')
      .put(220, 16, compactDate(identity.birthDate))
      .put(236, 4, '20')
      .put(240, 8, '1500')
      .put(248, 2, 'I');
  } else {
    // The English name fills 35 characters, then runs on at offset 220.
    builder
      .put(0, 30, identity.otherName ?? '')
      .put(30, 2, sexCodes[identity.sex])
      .put(32, 4, '00')
      .put(36, 16, compactDate(identity.birthDate))
      .put(52, 70, identity.name.slice(0, 35))
      .put(122, 36, identity.idNumber)
      .put(220, 22, identity.name.slice(35, 46))
      .put(242, 6, identity.nationality ?? '')
      .put(248, 2, 'Y');
  }
  builder.put(188, 16, compactDate(identity.validFrom)).put(204, 16, compactDate(identity.validTo));
  return textTestCard(id, label, builder.build());
}

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
  // Applying for someone else (issue 18): an elderly parent in the store (sample-returning's mother, who
  // may also bring her own card) and the head of a household whose register lists a dependent father and
  // a minor daughter.
  const agents = agentDemoPeople();
  picks.push(
    ['sample-parent', 'Sample hall: elderly parent (74) of the returning applicant', agents.elderlyParent],
    [
      'sample-guardian',
      'Sample hall: head of a household with a dependent parent and a minor',
      agents.guardian,
    ],
  );
  // Holders of the other cards (issue 13): a permit, a 2017 and a 2023 foreign permanent resident card.
  const others = sampleNonResidentPeople(1);
  const otherPicks: [string, string, SamplePerson | undefined][] = [
    [
      'sample-permit',
      'Sample hall: Hong Kong/Macao/Taiwan residence permit',
      others.find((p) => p.identity.cardType === 'hk_macao_taiwan'),
    ],
    [
      'sample-foreign-2017',
      'Sample hall: foreign permanent resident (2017 card)',
      others.find((p) => p.identity.cardType === 'foreign_permanent_2017'),
    ],
    [
      'sample-foreign-2023',
      'Sample hall: foreign permanent resident (2023 card)',
      others.find((p) => p.identity.cardType === 'foreign_permanent_2023'),
    ],
  ];
  return [
    ...picks.flatMap(([id, label, person]) => (person ? [cardOf(id, label, person.identity)] : [])),
    ...otherPicks.flatMap(([id, label, person]) =>
      person ? [sampleCardOf(id, label, person.identity)] : [],
    ),
  ];
}
