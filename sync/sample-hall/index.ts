/** The sample hall for demo mode and tests: catalogue, forms, people and material bytes, all deterministic. */
export {
  pinyinKeys,
  sampleCatalogue,
  sampleCatalogueVersion,
  sampleCountyCode,
  sampleHallName,
} from './catalogue';
export { demoReturningPerson, formCoverageReport } from './form-coverage-report';
export { sampleForms } from './forms';
export { sampleMaterialBytes, sampleMaterialMime, sha256Hex } from './material-bytes';
export { materialKinds } from './materials';
export {
  type AgentDemoPeople,
  agentDemoPeople,
  agentDemoPeopleList,
  countyTowns,
  type SamplePerson,
  sampleCreditCode,
  sampleIdNumber,
  samplePeople,
  sampleReferenceDate,
} from './people';
export { SeededRandom, seedFromText } from './random';
