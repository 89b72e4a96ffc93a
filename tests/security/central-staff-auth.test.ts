/**
 * Finding 1: with no staff token configured the admin and staff routes needed no credential, and the
 * token compare was not constant-time. Now: the central refuses to start without staff accounts
 * except as the loopback demo; staff sign in (scrypt, sessions that expire, lockout); each role may
 * do only its own work; every action is audited with the account that took it.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentralServer } from '../../sync/central/server';
import { postgresBackend, sqliteBackend } from '../sync/support/central-storage-backends';
import {
  call,
  keyedHashOf,
  signIn,
  staffWithRole,
  startTestCentral,
  type TestCentral,
  tempDir,
} from './support/central-fixture';

describe('the central fails closed without staff authentication', () => {
  it('refuses to start with no staff account unless it is the loopback demo', async () => {
    await expect(
      startCentralServer({ port: 0, dataDir: tempDir('no-staff'), demoAdmin: false }),
    ).rejects.toThrow(/no staff account is configured/);
    await expect(
      startCentralServer({ port: 0, dataDir: tempDir('no-staff-lan'), host: '0.0.0.0' }),
    ).rejects.toThrow(/no staff account is configured/);
  });

  it('the demo creates a one-time admin whose secret only the owner of the data folder can read', async () => {
    const dataDir = tempDir('demo-admin');
    const server = await startCentralServer({ port: 0, dataDir });
    try {
      expect(server.adminSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const file of ['admin-secret', 'central.sqlite', 'central.sqlite-wal', 'kiosk-credential-key'])
        expect(statSync(join(dataDir, file)).mode & 0o777, file).toBe(0o600);
    } finally {
      await server.close();
    }
    // A second start of the same folder makes no new secret: the account exists.
    const again = await startCentralServer({ port: 0, dataDir });
    expect(again.adminSecret).toBeNull();
    await again.close();
  });
});

for (const backend of [sqliteBackend, postgresBackend()]) {
  describe.skipIf(backend.unavailable !== null)(
    `staff and admin routes, as an attacker on loopback would try them (central on ${backend.name})`,
    () => {
      let server: TestCentral;
      let now = Date.parse('2026-03-02T09:00:00+08:00');

      beforeAll(async () => {
        await backend.start();
        // SQLite: the server's own file in its data folder (read raw below); PostgreSQL: a fresh
        // database, which the server owns from here (its close() closes it).
        const storage = backend.name === 'postgres' ? (await backend.open()).storage : undefined;
        server = await startTestCentral('staff-auth', { clock: () => now, ...(storage ? { storage } : {}) });
      });
      afterAll(async () => {
        await server?.close();
        await backend.stop();
      });

      it('refuses every staff and admin action without a session', async () => {
        const attempts: [string, string, unknown?][] = [
          ['POST', '/v1/admin/enrolment-codes'],
          ['POST', '/v1/admin/purge-orders', { keyedHash: keyedHashOf('victim') }],
          ['POST', '/v1/admin/windows/w1/open', { open: false }],
          [
            'POST',
            '/v1/admin/staff-accounts',
            { username: 'evil', password: 'x'.repeat(20), role: 'hall_admin' },
          ],
          ['GET', '/v1/admin/payout-reviews'],
          ['GET', '/v1/admin/audit'],
          ['GET', '/v1/staff/overview'],
          ['POST', '/v1/staff/windows/w1/call-next'],
        ];
        for (const [method, path, body] of attempts) {
          expect((await call(server.url, method, path, { body })).status, `${method} ${path}`).toBe(401);
          // A made-up bearer is no better than none.
          const forged = await call(server.url, method, path, { body, token: 'x'.repeat(43) });
          expect(forged.status, `${method} ${path} forged`).toBe(401);
        }
        // The staff page is a sign-in form: no token in the address.
        const page = await fetch(`${server.url}/staff`).then((r) => r.text());
        expect(page).toContain('id="login"');
      });

      it('lets each role do only its own work', async () => {
        const desk = await staffWithRole(server, 'desk1', 'window_staff');
        expect((await call(server.url, 'GET', '/v1/staff/overview', { token: desk })).status).toBe(200);
        expect(
          (await call(server.url, 'POST', '/v1/staff/windows/w1/call-next', { token: desk })).status,
        ).toBe(200);
        for (const [method, path, body] of [
          ['POST', '/v1/admin/enrolment-codes', undefined],
          ['POST', '/v1/admin/purge-orders', { keyedHash: keyedHashOf('victim') }],
          ['POST', '/v1/admin/windows/w1/open', { open: false }],
          ['GET', '/v1/admin/audit', undefined],
        ] as const)
          expect((await call(server.url, method, path, { token: desk, body })).status, path).toBe(403);
        const admin = await signIn(server.url, 'admin', server.adminSecret ?? '');
        expect((await call(server.url, 'POST', '/v1/admin/enrolment-codes', { token: admin })).status).toBe(
          201,
        );
        // Separation of duties: the hall admin cannot approve payout changes.
        expect((await call(server.url, 'GET', '/v1/admin/payout-reviews', { token: admin })).status).toBe(
          403,
        );
        const supervisor = await staffWithRole(server, 'super1', 'supervisor');
        expect(
          (await call(server.url, 'GET', '/v1/admin/payout-reviews', { token: supervisor })).status,
        ).toBe(200);
      });

      it('keeps passwords as scrypt hashes and locks an account after repeated wrong passwords', async () => {
        await staffWithRole(server, 'desk2', 'window_staff');
        for (let i = 0; i < 5; i++) {
          const wrong = await call(server.url, 'POST', '/v1/staff/session', {
            body: { username: 'desk2', password: `guess-${i}` },
          });
          expect(wrong.status).toBe(401);
        }
        // Locked: even the right password is refused, with the same answer as a wrong one.
        const locked = await call(server.url, 'POST', '/v1/staff/session', {
          body: { username: 'desk2', password: 'desk2-password-long-enough' },
        });
        expect(locked.status).toBe(401);
        now += 16 * 60_000;
        expect(await signIn(server.url, 'desk2', 'desk2-password-long-enough')).toMatch(
          /^[A-Za-z0-9_-]{43}$/,
        );

        // The stored column itself on SQLite; on PostgreSQL as the storage reads it back.
        const hashes =
          backend.name === 'sqlite'
            ? (() => {
                const raw = new Database(join(server.dataDir, 'central.sqlite'), { readonly: true });
                const all = raw.prepare('SELECT password_hash FROM staff_accounts').pluck().all() as string[];
                raw.close();
                return all;
              })()
            : await Promise.all(
                ['admin', 'desk2'].map(
                  async (name) => (await server.storage.staffCredentials(name))!.passwordHash,
                ),
              );
        expect(hashes.length).toBeGreaterThanOrEqual(2);
        for (const hash of hashes) {
          expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
          expect(hash).not.toContain('password-long-enough');
        }
      });

      it('ends sessions at expiry and on sign-out', async () => {
        const token = await staffWithRole(server, 'desk3', 'window_staff');
        expect((await call(server.url, 'POST', '/v1/staff/session/end', { token })).status).toBe(200);
        expect((await call(server.url, 'GET', '/v1/staff/overview', { token })).status).toBe(401);
        const later = await signIn(server.url, 'desk3', 'desk3-password-long-enough');
        now += 13 * 3600_000;
        expect((await call(server.url, 'GET', '/v1/staff/overview', { token: later })).status).toBe(401);
      });

      it('audits every action with the account that took it, refusals included', async () => {
        const entries = await server.storage.auditLog(0, 500);
        expect(entries).toContainEqual(
          expect.objectContaining({ action: 'callNext', username: 'desk1', status: 200, target: 'w1' }),
        );
        expect(entries).toContainEqual(
          expect.objectContaining({ action: 'createEnrolmentCode', username: 'desk1', status: 403 }),
        );
        expect(entries).toContainEqual(
          expect.objectContaining({ action: 'createEnrolmentCode', username: 'admin', status: 201 }),
        );
        expect(entries).toContainEqual(
          expect.objectContaining({ action: 'createPurgeOrder', accountId: null, status: 401 }),
        );
        expect(entries).toContainEqual(
          expect.objectContaining({ action: 'staffLogin', target: 'desk2', status: 401 }),
        );
      });
    },
  );
}
