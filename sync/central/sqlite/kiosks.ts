/** The enrolment_codes and kiosks tables: enrolment, credentials, and each kiosk's last heartbeat. */
import { err, ok, type Result } from '../../../kernel/result';
import type { HeartbeatRequest } from '../../protocol/central-api';
import type { KioskRecord, NewKiosk } from '../storage';
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

  enrol(kiosk: NewKiosk): Result<KioskRecord, 'invalid'> {
    return this.db.transaction(() => {
      const used = this.db
        .statement(
          'UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?',
        )
        .run(kiosk.nowMs, kiosk.codeHash, kiosk.nowMs);
      if (used.changes !== 1) return err('invalid', 'enrolment code unknown, used or expired');
      this.db
        .statement(
          'INSERT INTO kiosks (kiosk_id, kiosk_code, name, credential_hash, app_version, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(kiosk.kioskId, kiosk.kioskCode, kiosk.name, kiosk.credentialHash, kiosk.appVersion, kiosk.nowMs);
      return ok({ kioskId: kiosk.kioskId, kioskCode: kiosk.kioskCode, name: kiosk.name });
    });
  }

  byCredentialHash(credentialHash: string): KioskRecord | null {
    const row = this.db
      .statement('SELECT kiosk_id, kiosk_code, name FROM kiosks WHERE credential_hash = ?')
      .get(credentialHash) as { kiosk_id: string; kiosk_code: string; name: string } | undefined;
    return row ? { kioskId: row.kiosk_id, kioskCode: row.kiosk_code, name: row.name } : null;
  }

  nextNumber(): number {
    return this.counters.next('kiosk');
  }

  recordHeartbeat(kioskId: string, heartbeat: HeartbeatRequest, nowMs: number): void {
    this.db
      .statement(
        'UPDATE kiosks SET last_heartbeat_at = ?, last_heartbeat = ?, app_version = ? WHERE kiosk_id = ?',
      )
      .run(nowMs, JSON.stringify(heartbeat), heartbeat.appVersion, kioskId);
  }
}
