import { describe, expect, it } from 'vitest';
import { hallDateOf as serviceDateOf } from '../../kernel/hall-time';
import { seedCatalogue } from '../../sync/central/seed';
import { startCentralServer } from '../../sync/central/server';
import { CentralClient } from '../../sync/client/central-client';
import { TicketBlockLease } from '../../sync/client/ticket-block-lease';
import { enrolledClient, openTestStore, silentLogger, tempDir } from './support/kiosk-harness';
import { testCatalogue } from './support/test-hall';

describe('two kiosks issuing tickets offline from their leased blocks', () => {
  it('never issue the same number, and the server learns every ticket on reconnection', async () => {
    const server = await startCentralServer({ port: 0, dataDir: tempDir('central-tickets') });
    await seedCatalogue(server.storage, testCatalogue);
    const serviceDate = serviceDateOf(Date.now(), 'Asia/Shanghai');
    const kiosks = await Promise.all(
      ['east', 'west'].map(async (name) => {
        const { enrolment } = await enrolledClient(server.url, await server.createEnrolmentCode(), name);
        const db = openTestStore(tempDir(`kiosk-${name}`));
        const online = new CentralClient({ baseUrl: server.url, credential: enrolment.credential });
        const offline = new CentralClient({
          baseUrl: 'http://127.0.0.1:9',
          credential: enrolment.credential,
          timeoutMs: 300,
        });
        const leaseOnline = new TicketBlockLease({
          store: db.ticketBlocks,
          client: online,
          logger: silentLogger,
          blockSize: 20,
          lowWaterMark: 5,
        });
        const leaseOffline = new TicketBlockLease({
          store: db.ticketBlocks,
          client: offline,
          logger: silentLogger,
          blockSize: 20,
          lowWaterMark: 5,
        });
        return { db, leaseOnline, leaseOffline };
      }),
    );
    const [east, west] = kiosks as [(typeof kiosks)[number], (typeof kiosks)[number]];
    // Interleaved leases while online: east, west, east.
    expect(await east.leaseOnline.ensure('market-general', serviceDate)).toBe('leased');
    expect(await west.leaseOnline.ensure('market-general', serviceDate)).toBe('leased');
    expect(await east.leaseOnline.ensure('market-general', serviceDate)).toBe('enough');
    for (let i = 0; i < 16; i++) east.db.ticketBlocks.issueNumber('market-general', serviceDate);
    expect(await east.leaseOnline.ensure('market-general', serviceDate)).toBe('leased');

    // The link goes down: both keep issuing until their numbers run out.
    const issued: string[] = [];
    for (const kiosk of [east, west]) {
      expect(await kiosk.leaseOffline.ensure('market-general', serviceDate)).not.toBe('leased');
    }
    for (let round = 0; ; round++) {
      const a = east.db.ticketBlocks.issueNumber('market-general', serviceDate);
      const b = west.db.ticketBlocks.issueNumber('market-general', serviceDate);
      if (a) issued.push(a.display);
      if (b) issued.push(b.display);
      if (!a && !b) break;
      expect(round).toBeLessThan(100);
    }
    const all = [...east.db.ticketBlocks.unreportedTickets(), ...west.db.ticketBlocks.unreportedTickets()];
    expect(all).toHaveLength(60);
    expect(new Set(all.map((t) => t.display)).size).toBe(60);
    expect(new Set(issued).size).toBe(issued.length);

    // Back online: every offline ticket reaches the server, none refused as a repeat.
    expect(await east.leaseOnline.reportIssued()).toBe(40);
    expect(await west.leaseOnline.reportIssued()).toBe(20);
    expect(await east.leaseOnline.reportIssued()).toBe(0);
    const overview = await server.storage.staffOverview(serviceDate);
    const waiting = overview.windows.find((w) => w.windowId === 'w2')!.waiting.map((t) => t.display);
    expect(waiting).toHaveLength(60);
    expect(new Set(waiting)).toEqual(new Set(all.map((t) => t.display)));
    for (const k of kiosks) k.db.close();
    await server.close();
  });
});
