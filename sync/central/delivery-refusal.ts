/**
 * A delivery answer that is not stored: the same request gets the same answer again (4xx). Both intakes
 * (SQLite and PostgreSQL) throw it inside an item's savepoint, because a throw is what rolls the item back;
 * it never crosses the storage boundary (the intake turns it into the item's outcome).
 */
import type { Failure, Result } from '../../kernel/result';
import type { ErrorBody, ErrorCode } from '../protocol/central-api';

export class DeliveryRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly missing?: string[],
  ) {
    super(message);
  }

  body(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.missing ? { missing: this.missing } : {}) },
    };
  }
}

/** The value of a success; a failure becomes the refusal the kiosk is answered with. */
export function orRefuse<T>(result: Result<T>, status: number, code: ErrorCode): T {
  if (!result.ok) throw new DeliveryRefusal(status, code, result.error.message);
  return result.value;
}

/** A supplement the case cannot take: another person (403), not at 补正 (409), other pages (422). */
export function refuseSupplement(failure: Failure<'forbidden' | 'conflict' | 'invalid'>): never {
  if (failure.code === 'forbidden') throw new DeliveryRefusal(403, 'forbidden', failure.message);
  if (failure.code === 'conflict') throw new DeliveryRefusal(409, 'illegal_transition', failure.message);
  throw new DeliveryRefusal(422, 'invalid_payload', failure.message);
}
