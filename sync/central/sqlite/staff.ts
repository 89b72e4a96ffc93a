/** The staff_accounts, staff_sessions and audit_log tables: who may act at the hall, and what they did. */
import { err, ok, type Result } from '../../../kernel/result';
import type { AuditEntry, StaffAccount, StaffRole } from '../../protocol/central-admin';
import type { LockoutPolicy, NewAuditEntry, StaffCredentials, StaffPrincipal } from '../storage';
import type { CentralDatabase } from './central-database';

interface AccountRow {
  account_id: string;
  username: string;
  role: StaffRole;
  password_hash: string;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
}

export class StaffTable {
  constructor(private readonly db: CentralDatabase) {}

  count(): number {
    return (this.db.statement('SELECT count(*) AS n FROM staff_accounts').get() as { n: number }).n;
  }

  create(account: StaffAccount & { passwordHash: string }): Result<StaffAccount, 'conflict'> {
    const taken = this.db.statement('SELECT 1 FROM staff_accounts WHERE username = ?').get(account.username);
    if (taken) return err('conflict', 'that username is taken');
    this.db
      .statement(
        'INSERT INTO staff_accounts (account_id, username, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(account.accountId, account.username, account.role, account.passwordHash, account.createdAtMs);
    const { passwordHash: _, ...created } = account;
    return ok(created);
  }

  credentials(username: string): StaffCredentials | null {
    const row = this.db.statement('SELECT * FROM staff_accounts WHERE username = ?').get(username) as
      | AccountRow
      | undefined;
    if (!row) return null;
    return {
      accountId: row.account_id,
      username: row.username,
      role: row.role,
      passwordHash: row.password_hash,
      lockedUntilMs: row.locked_until,
    };
  }

  /** A wrong password counts; reaching the policy's limit locks the account for a while. */
  recordLogin(accountId: string, success: boolean, nowMs: number, policy: LockoutPolicy): void {
    if (success) {
      this.db
        .statement('UPDATE staff_accounts SET failed_attempts = 0, locked_until = NULL WHERE account_id = ?')
        .run(accountId);
      return;
    }
    this.db
      .statement(
        `UPDATE staff_accounts SET failed_attempts = failed_attempts + 1,
           locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END
         WHERE account_id = ?`,
      )
      .run(policy.maxFailures, nowMs + policy.lockMs, accountId);
    this.db
      .statement(
        'UPDATE staff_accounts SET failed_attempts = 0 WHERE account_id = ? AND failed_attempts >= ?',
      )
      .run(accountId, policy.maxFailures);
  }

  createSession(tokenHash: string, accountId: string, expiresAtMs: number, nowMs: number): void {
    this.db.statement('DELETE FROM staff_sessions WHERE expires_at <= ?').run(nowMs);
    this.db
      .statement(
        'INSERT INTO staff_sessions (token_hash, account_id, expires_at, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(tokenHash, accountId, expiresAtMs, nowMs);
  }

  session(tokenHash: string, nowMs: number): StaffPrincipal | null {
    const row = this.db
      .statement(
        `SELECT a.account_id, a.username, a.role FROM staff_sessions s
         JOIN staff_accounts a ON a.account_id = s.account_id WHERE s.token_hash = ? AND s.expires_at > ?`,
      )
      .get(tokenHash, nowMs) as Pick<AccountRow, 'account_id' | 'username' | 'role'> | undefined;
    return row ? { accountId: row.account_id, username: row.username, role: row.role } : null;
  }

  endSession(tokenHash: string): void {
    this.db.statement('DELETE FROM staff_sessions WHERE token_hash = ?').run(tokenHash);
  }

  audit(entry: NewAuditEntry): void {
    this.db
      .statement(
        'INSERT INTO audit_log (at, account_id, username, action, target, status) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(entry.atMs, entry.accountId, entry.username, entry.action, entry.target, entry.status);
  }

  auditPage(afterSeq: number, limit: number): AuditEntry[] {
    const rows = this.db
      .statement('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, limit) as {
      seq: number;
      at: number;
      account_id: string | null;
      username: string | null;
      action: string;
      target: string | null;
      status: number;
    }[];
    return rows.map((r) => ({
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
