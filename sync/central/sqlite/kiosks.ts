/** The enrolment_codes and kiosks tables: enrolment, credentials, and each kiosk's last heartbeat. */
import { err, ok, type Result } from '../../../kernel/result';
import type { HeartbeatRequest } from '../../protocol/central-api';
import { secretsEqual } from '../staff-auth';
import type { EnrolledKiosk, EnrolmentAttempt, KioskRecord } from '../storage';
import type { CentralDatabase } from './central-database';
import type { Counters } from './counters';

export class KioskTable {
  constructor(
    private readonly db: CentralDatabase,
    private readonly counters: Counters,
  ) {}

  createEnrolmentCode(codeHash: string, expiresAtMs: number): void {
    this.db
      .statement(
        'INSERT OR REPLACE INTO enrolment_codes (code_hash, expires_at, used_at) VALUES (?, ?, NULL)',
      )
      .run(codeHash, expiresAtMs);
  }

  /**
   * Idempotent by request id: a repeat with the same public key and code gets the kiosk it made. The
   * code is used and the kiosk number allocated only when the code is accepted, in one transaction, so
   * a refused attempt consumes nothing.
   */
  enrol(attempt: EnrolmentAttempt): Result<EnrolledKiosk, 'invalid' | 'conflict'> {
    return this.db.transaction(() => {
      const earlier = this.db
        .statement(
          'SELECT kiosk_id, kiosk_code, name, public_key, enrolment_code_hash FROM kiosks WHERE enrolment_request_id = ?',
        )
        .get(attempt.requestId) as
        | {
            kiosk_id: string;
            kiosk_code: string;
            name: string;
            public_key: string;
            enrolment_code_hash: string;
          }
        | undefined;
      if (earlier) {
        if (
          earlier.public_key !== attempt.publicKey ||
          !secretsEqual(earlier.enrolment_code_hash, attempt.codeHash)
        )
          return err('conflict', 'this enrolment request id was used with another key or code');
        const expiry = this.db
          .statement('SELECT expires_at FROM enrolment_codes WHERE code_hash = ?')
          .get(attempt.codeHash) as { expires_at: number } | undefined;
        // A lost answer may be fetched again while the code would still have been valid, not later.
        if (!expiry || expiry.expires_at <= attempt.nowMs)
          return err('invalid', 'enrolment code unknown, used or expired');
        return ok({
          kioskId: earlier.kiosk_id,
          kioskCode: earlier.kiosk_code,
          name: earlier.name,
          repeat: true,
        });
      }
      const used = this.db
        .statement(
          'UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?',
        )
        .run(attempt.nowMs, attempt.codeHash, attempt.nowMs);
      if (used.changes !== 1) return err('invalid', 'enrolment code unknown, used or expired');
      const kioskCode = `K${String(this.counters.next('kiosk')).padStart(3, '0')}`;
      this.db
        .statement(
          `INSERT INTO kiosks (kiosk_id, kiosk_code, name, credential_hash, app_version, enrolled_at,
             public_key, enrolment_request_id, enrolment_code_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          attempt.kioskId,
          kioskCode,
          attempt.name,
          attempt.credentialHashOf(attempt.kioskId),
          attempt.appVersion,
          attempt.nowMs,
          attempt.publicKey,
          attempt.requestId,
          attempt.codeHash,
        );
      return ok({ kioskId: attempt.kioskId, kioskCode, name: attempt.name, repeat: false });
    });
  }

  kioskCode(kioskId: string): string | null {
    const row = this.db.statement('SELECT kiosk_code FROM kiosks WHERE kiosk_id = ?').get(kioskId) as
      | { kiosk_code: string }
      | undefined;
    return row?.kiosk_code ?? null;
  }

  byCredentialHash(credentialHash: string): KioskRecord | null {
    const row = this.db
      .statement('SELECT kiosk_id, kiosk_code, name FROM kiosks WHERE credential_hash = ?')
      .get(credentialHash) as { kiosk_id: string; kiosk_code: string; name: string } | undefined;
    return row ? { kioskId: row.kiosk_id, kioskCode: row.kiosk_code, name: row.name } : null;
  }

  recordHeartbeat(kioskId: string, heartbeat: HeartbeatRequest, nowMs: number): void {
    this.db
      .statement(
        'UPDATE kiosks SET last_heartbeat_at = ?, last_heartbeat = ?, app_version = ? WHERE kiosk_id = ?',
      )
      .run(nowMs, JSON.stringify(heartbeat), heartbeat.appVersion, kioskId);
  }
}
