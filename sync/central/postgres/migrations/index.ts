import { initialSchema } from './001_initial';
import { caseWorkflow } from './002_case_workflow';
import { bundleCases } from './003_bundle_cases';
import type { PostgresMigration } from './migration';

export type { PostgresMigration } from './migration';

/** Every migration of the PostgreSQL central database, in order. Append only: never edit or renumber a released one. */
export const postgresMigrations: readonly PostgresMigration[] = [initialSchema, caseWorkflow, bundleCases];
