import { requireTransaction, type StoreContext } from '../store-context';

/** 1 = 非常满意 (very satisfied) .. 5 = 非常不满意 (very dissatisfied). */
export type RatingGrade = 1 | 2 | 3 | 4 | 5;

export interface Rating {
  id: string;
  caseNumber: string;
  grade: RatingGrade;
  reasons: string[];
  createdAtMs: number;
}

/** 好差评 ratings of finished cases. A case number and a grade: no personal data. */
export class RatingsTable {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  /** Pair with an outbox 'rating' item in the same transaction. */
  insertInTransaction(rating: Omit<Rating, 'createdAtMs'>): Rating {
    requireTransaction(this.#ctx.db, 'RatingsTable.insertInTransaction');
    const createdAtMs = this.#ctx.clock();
    this.#ctx.db
      .prepare('INSERT INTO ratings (id, case_number, grade, reasons, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(rating.id, rating.caseNumber, rating.grade, JSON.stringify(rating.reasons), createdAtMs);
    return { ...rating, createdAtMs };
  }

  listForCase(caseNumber: string): Rating[] {
    const rows = this.#ctx.db
      .prepare(
        'SELECT id, case_number, grade, reasons, created_at FROM ratings WHERE case_number = ? ORDER BY created_at',
      )
      .all(caseNumber) as {
      id: string;
      case_number: string;
      grade: RatingGrade;
      reasons: string;
      created_at: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      caseNumber: r.case_number,
      grade: r.grade,
      reasons: JSON.parse(r.reasons) as string[],
      createdAtMs: r.created_at,
    }));
  }
}
