/** The enrolment_codes and kiosks tables: enrolment, credentials, and each kiosk's last heartbeat. */
import { err, ok, type Result } from '../../../kernel/result';
import type { HeartbeatRequest } from '../../protocol/central-api';
import { secretsEqual } from '../staff-auth';
import type { EnrolledKiosk, EnrolmentAttempt, KioskRecord } from '../storage';
import { nextCounter } from './counters';
import type { PgCentralDatabase, Sql } from './database';

export class PgKiosks {
  /** A kiosk's code never changes once given: asked on every submission, kept after the first look-up. */
  readonly #codes = new Map<string, string>();

  constructor(private readonly db: PgCentralDatabase) {}

  async createEnrolmentCode(codeHash: string, expiresAtMs: number): Promise<void> {
    await this.db.query(
      `INSERT INTO enrolment_codes (code_hash, expires_at, used_at) VALUES ($1, $2, NULL)
       ON CONFLICT (code_hash) DO UPDATE SET expires_at = excluded.expires_at, used_at = NULL`,
      [codeHash, expiresAtMs],
    );
  }

  /**
   * Idempotent by request id (unique, and an advisory lock on it orders two processes answering the
   * same request). The code is used (a conditional UPDATE, atomic)
   * and the kiosk numbered only when it is accepted.
   */
  enrol(attempt: EnrolmentAttempt): Promise<Result<EnrolledKiosk, 'invalid' | 'conflict'>> {
    return this.db.transaction(
      async (sql): Promise<Result<EnrolledKiosk, 'invalid' | 'conflict'>> => {
        // The same request in two processes: the second waits here, then finds the first's kiosk
        // (without the lock it would find the code used and answer `invalid`).
        await sql.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `enrol:${attempt.requestId}`,
        ]);
        const earlier = (
          await sql.query<{
            kiosk_id: string;
            kiosk_code: string;
            name: string;
            public_key: string;
            enrolment_code_hash: string;
          }>(
            'SELECT kiosk_id, kiosk_code, name, public_key, enrolment_code_hash FROM kiosks WHERE enrolment_request_id = $1',
            [attempt.requestId],
          )
        ).rows[0];
        if (earlier) {
          if (
            earlier.public_key !== attempt.publicKey ||
            !secretsEqual(earlier.enrolment_code_hash, attempt.codeHash)
          )
            return err('conflict', 'this enrolment request id was used with another key or code');
          const expiry = (
            await sql.query<{ expires_at: number }>(
              'SELECT expires_at FROM enrolment_codes WHERE code_hash = $1',
              [attempt.codeHash],
            )
          ).rows[0];
          if (!expiry || expiry.expires_at <= attempt.nowMs)
            return err('invalid', 'enrolment code unknown, used or expired');
          return ok({
            kioskId: earlier.kiosk_id,
            kioskCode: earlier.kiosk_code,
            name: earlier.name,
            repeat: true,
          });
        }
        const used = await sql.query(
          'UPDATE enrolment_codes SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL AND expires_at > $1',
          [attempt.nowMs, attempt.codeHash],
        );
        if (used.rowCount !== 1) return err('invalid', 'enrolment code unknown, used or expired');
        const kioskCode = `K${String(await nextCounter(sql, 'kiosk')).padStart(3, '0')}`;
        await sql.query(
          `INSERT INTO kiosks (kiosk_id, kiosk_code, name, credential_hash, app_version, enrolled_at,
             public_key, enrolment_request_id, enrolment_code_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            attempt.kioskId,
            kioskCode,
            attempt.name,
            attempt.credentialHashOf(attempt.kioskId),
            attempt.appVersion,
            attempt.nowMs,
            attempt.publicKey,
            attempt.requestId,
            attempt.codeHash,
          ],
        );
        return ok({ kioskId: attempt.kioskId, kioskCode, name: attempt.name, repeat: false });
      },
      { retryOnUniqueViolation: true },
    );
  }

  async kioskCode(sql: Sql, kioskId: string): Promise<string | null> {
    const known = this.#codes.get(kioskId);
    if (known) return known;
    const row = await sql.query<{ kiosk_code: string }>('SELECT kiosk_code FROM kiosks WHERE kiosk_id = $1', [
      kioskId,
    ]);
    const code = row.rows[0]?.kiosk_code ?? null;
    if (code) this.#codes.set(kioskId, code);
    return code;
  }

  async byCredentialHash(credentialHash: string): Promise<KioskRecord | null> {
    const row = (
      await this.db.query<{ kiosk_id: string; kiosk_code: string; name: string }>(
        'SELECT kiosk_id, kiosk_code, name FROM kiosks WHERE credential_hash = $1',
        [credentialHash],
      )
    ).rows[0];
    return row ? { kioskId: row.kiosk_id, kioskCode: row.kiosk_code, name: row.name } : null;
  }

  async recordHeartbeat(kioskId: string, heartbeat: HeartbeatRequest, nowMs: number): Promise<void> {
    await this.db.query(
      'UPDATE kiosks SET last_heartbeat_at = $1, last_heartbeat = $2, app_version = $3 WHERE kiosk_id = $4',
      [nowMs, JSON.stringify(heartbeat), heartbeat.appVersion, kioskId],
    );
  }
}
