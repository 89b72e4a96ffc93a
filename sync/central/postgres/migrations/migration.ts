/** A numbered step of the PostgreSQL schema, applied once in its own transaction. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}
