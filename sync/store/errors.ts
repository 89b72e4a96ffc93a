/**
 * Typed failures of the local store. Expected conditions (disk full, wrong key, a file that
 * is not ours) get a class and a stable `code` so callers can map them to Result values and
 * technician-mode messages; everything else is a bug and throws as-is.
 */
export type StoreErrorCode =
  | 'disk_full'
  | 'wrong_key'
  | 'key_unavailable'
  | 'schema_too_new'
  | 'overlapping_ticket_block'
  | 'material_missing'
  | 'material_corrupt'
  | 'not_in_transaction'
  | 'breaks_contract';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The file system or SQLite ran out of space; nothing of the failed write was kept. */
export class DiskFullError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('disk_full', message, options);
  }
}

/** The data key could not be unwrapped, or unwrapped to a key that does not match this database. */
export class WrongKeyError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('wrong_key', message, options);
  }
}

/** The key store cannot be used at all (no key file for an existing database, OS key store off). */
export class KeyUnavailableError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('key_unavailable', message, options);
  }
}

/** The file was written by a newer build; opening it with this one could lose data. */
export class SchemaTooNewError extends StoreError {
  constructor(message: string) {
    super('schema_too_new', message);
  }
}

export class OverlappingTicketBlockError extends StoreError {
  constructor(message: string) {
    super('overlapping_ticket_block', message);
  }
}

export class MaterialMissingError extends StoreError {
  constructor(message: string) {
    super('material_missing', message);
  }
}

export class MaterialCorruptError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('material_corrupt', message, options);
  }
}

/**
 * An outbox item whose payload breaks the central API contract: a bug in the code that queued it.
 * Thrown at enqueue, inside the caller's transaction, so nothing of it is stored.
 */
export class ContractBreachError extends StoreError {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super('breaks_contract', `${kind} breaks the central API contract: ${message}`);
  }
}

const diskFullErrnoCodes = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/** True for ENOSPC-like errors from node:fs and SQLITE_FULL from better-sqlite3. */
export function isDiskFull(error: unknown): boolean {
  if (error instanceof DiskFullError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return diskFullErrnoCodes.has(code) || code === 'SQLITE_FULL';
}

/** Re-throws storage-space failures as DiskFullError so callers see one typed error. */
export function asDiskFull(error: unknown, what: string): unknown {
  if (error instanceof DiskFullError) return error;
  if (isDiskFull(error)) return new DiskFullError(`disk full while ${what}`, { cause: error });
  return error;
}
