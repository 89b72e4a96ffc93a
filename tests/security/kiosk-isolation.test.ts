/**
 * Findings 2 and 8: any kiosk credential could overwrite any citizen's form-free profile (and so put
 * an attacker's bank account into another kiosk's auto-fill), move another kiosk's ticket, rate any
 * case, file cases under another kiosk's code and replay another kiosk's delivery. Each attack below
 * is made by a second, enrolled kiosk against the first one's work, and refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallDateOf } from '../../kernel/hall-time';
import { postgresBackend, sqliteBackend } from '../sync/support/central-storage-backends';
import {
  call,
  enrolKiosk,
  keyedHashOf,
  profileWith,
  staffWithRole,
  startTestCentral,
  submission,
  type TestCentral,
} from './support/central-fixture';

// The rules live in each storage's intake (SQLite and PostgreSQL state them separately): both are attacked.
for (const backend of [sqliteBackend, postgresBackend()]) {
  describe.skipIf(backend.unavailable !== null)(
    `one kiosk against another (central on ${backend.name})`,
    () => {
      let server: TestCentral;
      let victim: Awaited<ReturnType<typeof enrolKiosk>>;
      let attacker: Awaited<ReturnType<typeof enrolKiosk>>;
      const applicant = keyedHashOf('citizen-1');

      beforeAll(async () => {
        await backend.start();
        // The server owns the storage: its close() closes it.
        server = await startTestCentral('kiosk-isolation', { storage: (await backend.open()).storage });
        victim = await enrolKiosk(server, 'east');
        attacker = await enrolKiosk(server, 'west');
      });
      afterAll(async () => {
        await server?.close();
        await backend.stop();
      });

      const submit = (kiosk: typeof victim, idempotencyKey: string, payload: unknown) =>
        call(server.url, 'POST', '/v1/submissions', {
          token: kiosk.credential,
          body: { idempotencyKey, kioskSeq: 1, payload },
        });

      it('cannot replay another kiosk’s delivery: keys are per kiosk', async () => {
        const payload = submission(`${victim.kioskCode}-CASE-1`, applicant);
        const first = await submit(victim, 'victim-key-0001', payload);
        expect(first.status).toBe(200);
        // The same key and body from the attacker is the attacker's own delivery: it is not answered the
        // victim's stored answer, and the case number names the victim, so it is refused.
        const replay = await submit(attacker, 'victim-key-0001', payload);
        expect(replay.status).toBe(403);
        expect(replay.body).not.toEqual(first.body);
        // The attacker's own delivery under the same key is its own business.
        const own = await submit(
          attacker,
          'victim-key-0001',
          submission(`${attacker.kioskCode}-CASE-1`, applicant),
        );
        expect(own.status).toBe(200);
        // The victim's repeat still gets its first answer byte for byte.
        expect((await submit(victim, 'victim-key-0001', payload)).body).toEqual(first.body);
      });

      it('cannot file a case under another kiosk’s code', async () => {
        const forged = await submit(
          attacker,
          'attacker-key-0002',
          submission(`20260302-${victim.kioskCode}-ABC123`, applicant),
        );
        expect(forged.status).toBe(403);
        expect(await server.storage.caseProgress(`20260302-${victim.kioskCode}-ABC123`)).toBeNull();
      });

      it('cannot move another kiosk’s ticket by naming its id', async () => {
        const today = hallDateOf(Date.now(), 'Asia/Shanghai');
        const waiting = async () =>
          (await server.storage.staffOverview(today)).windows
            .flatMap((w) => w.waiting)
            .find((t) => t.caseNumber === `${victim.kioskCode}-CASE-1`);
        const victimTicket = await waiting();
        expect(victimTicket?.queueId).toBe('market-general');
        // The attacker's own block and number, but the victim's ticket id, sent to another queue.
        const block = await attacker.client.leaseTicketBlock({
          leaseKey: 'attacker-lease-1',
          queueId: 'market-general',
          serviceDate: today,
          size: 5,
        });
        const hijack = {
          ...submission(`${attacker.kioskCode}-CASE-2`, applicant),
          queueId: 'civil-general',
          departmentId: 'civil',
          ticket: {
            ticketId: victimTicket!.ticketId,
            blockId: block.blockId,
            queueId: 'market-general',
            serviceDate: today,
            number: block.first,
            display: `${block.prefix}${String(block.first).padStart(3, '0')}`,
          },
        };
        expect((await submit(attacker, 'attacker-key-0003', hijack)).status).toBe(409);
        expect((await waiting())?.queueId).toBe('market-general');
      });

      it('rates only its own cases, and each case once', async () => {
        const rate = (kiosk: typeof victim, key: string, grade: number) =>
          call(server.url, 'POST', '/v1/ratings', {
            token: kiosk.credential,
            body: {
              idempotencyKey: key,
              kioskSeq: 2,
              payload: { caseNumber: `${victim.kioskCode}-CASE-1`, grade, reasons: [], ratedAtMs: 2 },
            },
          });
        expect((await rate(attacker, 'attacker-rate-1', 1)).status).toBe(403);
        expect((await rate(victim, 'victim-rate-1', 5)).status).toBe(200);
        // A second rating (another key) is refused; the repeat of the first is its stored answer.
        expect((await rate(victim, 'victim-rate-2', 1)).status).toBe(409);
        expect((await rate(victim, 'victim-rate-1', 5)).status).toBe(200);
      });

      it('cannot store a profile that breaks the profile schema', async () => {
        const bogus = {
          ...submission(`${attacker.kioskCode}-CASE-3`, applicant),
          consentToStore: true,
          profile: { bank: 'x' },
        };
        const answer = await submit(attacker, 'attacker-key-0004', bogus);
        // A well-formed envelope with a bad payload: 422 invalid_payload, alone and in a batch alike.
        expect(answer.status).toBe(422);
      });

      it('cannot redirect a citizen’s payout: bank account and phone wait for a supervisor', async () => {
        const reviewed = profileWith({
          phone: '13800000001',
          bank: { name: 'ICBC', accountNumber: '6222000011112222' },
        });
        await server.storage.putStoreRecord({
          keyedHash: applicant,
          profile: reviewed,
          materials: [],
          updatedAtMs: 1,
        });
        const stolen = profileWith({
          phone: '13999999999',
          bank: { name: 'Rogue Bank', accountNumber: '6299999999999999' },
          occupation: 'engineer',
        });
        const answer = await submit(
          attacker,
          'attacker-key-0005',
          submission(`${attacker.kioskCode}-CASE-4`, applicant, stolen),
        );
        expect(answer.status).toBe(200);

        // What the victim kiosk's auto-fill gets: the reviewed payout fields, the harmless change applied.
        const served = await call(server.url, 'GET', `/v1/store/${applicant}`, { token: victim.credential });
        expect(served.body.profile.bank).toEqual({ name: 'ICBC', accountNumber: '6222000011112222' });
        expect(served.body.profile.phone).toBe('13800000001');
        expect(served.body.profile.occupation).toBe('engineer');
        const delta = await victim.client.storeDelta(undefined);
        expect(JSON.stringify(delta)).not.toContain('6299999999999999');

        // Every version is kept.
        const versions = await server.storage.storeRecordVersions(applicant);
        expect(versions.map((v) => v.version)).toEqual([1, 2]);
        expect(versions[0]!.record?.profile.bank?.accountNumber).toBe('6222000011112222');

        // A supervisor sees the proposal with the case and kiosk it came from, and may reject it.
        const supervisor = await staffWithRole(server, 'super-iso', 'supervisor');
        const pending = await call(server.url, 'GET', '/v1/admin/payout-reviews', { token: supervisor });
        const review = pending.body.reviews.find((r: { keyedHash: string }) => r.keyedHash === applicant);
        expect(review).toMatchObject({
          caseNumber: `${attacker.kioskCode}-CASE-4`,
          kioskCode: attacker.kioskCode,
          proposed: {
            phone: '13999999999',
            'bank.name': 'Rogue Bank',
            'bank.accountNumber': '6299999999999999',
          },
        });
        const rejected = await call(server.url, 'POST', `/v1/admin/payout-reviews/${review.reviewId}`, {
          token: supervisor,
          body: { approve: false },
        });
        expect(rejected.body.state).toBe('rejected');
        expect((await server.storage.getStoreRecord(applicant))?.profile.bank?.accountNumber).toBe(
          '6222000011112222',
        );
        // Decided once.
        const again = await call(server.url, 'POST', `/v1/admin/payout-reviews/${review.reviewId}`, {
          token: supervisor,
          body: { approve: true },
        });
        expect(again.status).toBe(409);
      });

      it('applies a payout change a supervisor approved, as a new version', async () => {
        const person = keyedHashOf('citizen-2');
        const moved = profileWith({ bank: { name: 'BOC', accountNumber: '6217000000000001' } });
        expect(
          (await submit(victim, 'victim-key-0010', submission(`${victim.kioskCode}-CASE-10`, person, moved)))
            .status,
        ).toBe(200);
        expect((await server.storage.getStoreRecord(person))?.profile.bank?.accountNumber ?? null).toBeNull();
        const supervisor = await staffWithRole(server, 'super-iso2', 'supervisor');
        const pending = await call(server.url, 'GET', '/v1/admin/payout-reviews', { token: supervisor });
        const review = pending.body.reviews.find((r: { keyedHash: string }) => r.keyedHash === person);
        const approved = await call(server.url, 'POST', `/v1/admin/payout-reviews/${review.reviewId}`, {
          token: supervisor,
          body: { approve: true },
        });
        expect(approved.body.state).toBe('approved');
        const record = await server.storage.getStoreRecord(person);
        expect(record?.profile.bank?.accountNumber).toBe('6217000000000001');
        expect(record?.version).toBe(2);
      });
    },
  );
}
