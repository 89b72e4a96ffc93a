/** The staff_accounts, staff_sessions and audit_log tables: who may act at the hall, and what they did. */
import { err, ok, type Result } from '../../../kernel/result';
import type { AuditEntry, StaffAccount, StaffRole } from '../../protocol/central-admin';
import type { LockoutPolicy, NewAuditEntry, StaffCredentials, StaffPrincipal } from '../storage';
import type { PgCentralDatabase } from './database';

interface AccountRow {
  account_id: string;
  username: string;
  role: StaffRole;
  password_hash: string;
  locked_until: number | null;
}

export class PgStaff {
  constructor(private readonly db: PgCentralDatabase) {}

  async count(): Promise<number> {
    return (await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_accounts')).rows[0]!.n;
  }

  /** The username is unique: taken, even by a concurrent request, is a conflict. */
  async create(account: StaffAccount & { passwordHash: string }): Promise<Result<StaffAccount, 'conflict'>> {
    const inserted = await this.db.query(
      `INSERT INTO staff_accounts (account_id, username, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING`,
      [account.accountId, account.username, account.role, account.passwordHash, account.createdAtMs],
    );
    if (inserted.rowCount !== 1) return err('conflict', 'that username is taken');
    const { passwordHash: _, ...created } = account;
    return ok(created);
  }

  async credentials(username: string): Promise<StaffCredentials | null> {
    const row = (
      await this.db.query<AccountRow>('SELECT * FROM staff_accounts WHERE username = $1', [username])
    ).rows[0];
    if (!row) return null;
    return {
      accountId: row.account_id,
      username: row.username,
      role: row.role,
      passwordHash: row.password_hash,
      lockedUntilMs: row.locked_until,
    };
  }

  /** One statement each way: concurrent wrong passwords all count (the row lock orders them). */
  async recordLogin(
    accountId: string,
    success: boolean,
    nowMs: number,
    policy: LockoutPolicy,
  ): Promise<void> {
    if (success) {
      await this.db.query(
        'UPDATE staff_accounts SET failed_attempts = 0, locked_until = NULL WHERE account_id = $1',
        [accountId],
      );
      return;
    }
    await this.db.query(
      `UPDATE staff_accounts SET
         failed_attempts = CASE WHEN failed_attempts + 1 >= $1 THEN 0 ELSE failed_attempts + 1 END,
         locked_until = CASE WHEN failed_attempts + 1 >= $1 THEN $2 ELSE locked_until END
       WHERE account_id = $3`,
      [policy.maxFailures, nowMs + policy.lockMs, accountId],
    );
  }

  async createSession(
    tokenHash: string,
    accountId: string,
    expiresAtMs: number,
    nowMs: number,
  ): Promise<void> {
    await this.db.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [nowMs]);
    await this.db.query(
      'INSERT INTO staff_sessions (token_hash, account_id, expires_at, created_at) VALUES ($1, $2, $3, $4)',
      [tokenHash, accountId, expiresAtMs, nowMs],
    );
  }

  async session(tokenHash: string, nowMs: number): Promise<StaffPrincipal | null> {
    const row = (
      await this.db.query<Pick<AccountRow, 'account_id' | 'username' | 'role'>>(
        `SELECT a.account_id, a.username, a.role FROM staff_sessions s
         JOIN staff_accounts a ON a.account_id = s.account_id WHERE s.token_hash = $1 AND s.expires_at > $2`,
        [tokenHash, nowMs],
      )
    ).rows[0];
    return row ? { accountId: row.account_id, username: row.username, role: row.role } : null;
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async audit(entry: NewAuditEntry): Promise<void> {
    await this.db.query(
      'INSERT INTO audit_log (at, account_id, username, action, target, status) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.atMs, entry.accountId, entry.username, entry.action, entry.target, entry.status],
    );
  }

  async auditPage(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.query<{
      seq: number;
      at: number;
      account_id: string | null;
      username: string | null;
      action: string;
      target: string | null;
      status: number;
    }>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit]);
    return rows.rows.map((r) => ({
      seq: r.seq,
      atMs: r.at,
      accountId: r.account_id,
      username: r.username,
      action: r.action,
      target: r.target,
      status: r.status,
    }));
  }
}
