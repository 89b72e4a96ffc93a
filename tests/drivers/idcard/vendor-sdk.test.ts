import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type CardIdentity,
  type CardReader,
  createCardReader,
  IdCardReader,
  primaryName,
  SimulatedReader,
} from '../../../drivers/idcard';
import { photoFromImage, VendorSdkTransport } from '../../../drivers/idcard/transports/vendor-sdk';
import { buildStandinLibraries, type StandinLibraries } from '../../support/idcard-sdk/build-standin';

// The vendor SDK transport through koffi against a C stand-in library compiled here with gcc. The
// stand-in talks the real SAM protocol to the project's emulator over a socat PTY, like the vendor
// libraries talk to their readers; so the kiosk reads cards through a real native library.
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

let libraries: StandinLibraries;
let rig: SimulatedReader | null = null;
let reader: IdCardReader | null = null;
let cardReader: CardReader | null = null;

beforeAll(async () => {
  libraries = await buildStandinLibraries();
}, 60_000);
afterAll(async () => {
  await libraries?.remove();
});
afterEach(async () => {
  await reader?.stop();
  reader = null;
  await cardReader?.close();
  cardReader = null;
  await rig?.stop();
  rig = null;
});

async function startThrough(transport: VendorSdkTransport) {
  rig = await SimulatedReader.start({ behaviour: { selectData: 'zeros' } });
  // The stand-in maps its port number to this path, as a vendor library maps 1001 to its USB reader.
  process.env.IDCARD_STANDIN_DEVICE = rig.hostPath;
  const placed: CardIdentity[] = [];
  let removed = 0;
  reader = new IdCardReader({ transport, logger: pino({ level: 'silent' }), pollIntervalMs: 30 });
  reader.on('cardPlaced', (identity) => placed.push(identity));
  reader.on('cardRemoved', () => removed++);
  reader.start();
  await waitFor(() => expect(reader?.status.state).toBe('no_card'));
  return { rig, reader, placed, removed: () => removed };
}

describe('VendorSdkTransport with the compiled stand-in library', () => {
  it('termb shape: reads cards, carries the decoded BMP photo, notices a swap and a removal', async () => {
    const t = await startThrough(
      new VendorSdkTransport({ library: libraries.termb, shape: 'termb', port: 1001 }),
    );
    t.rig.emulator.place('resident');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    const first = t.placed[0]!;
    expect(primaryName(first)).toBe('林测试');
    expect(first.decodedPhoto).toMatchObject({ width: 102, height: 126, mediaType: 'image/bmp' });
    expect(Buffer.from(first.decodedPhoto!.bytes.subarray(0, 2)).toString()).toBe('BM');
    t.rig.emulator.place('hk-macao-taiwan');
    await waitFor(() => expect(t.placed).toHaveLength(2));
    expect(t.removed()).toBe(1);
    expect(t.placed[1]!.cardType).toBe('hk_macao_taiwan');
    expect(Buffer.from(t.placed[1]!.decodedPhoto!.bytes).equals(Buffer.from(first.decodedPhoto!.bytes))).toBe(
      false,
    );
    t.rig.emulator.remove();
    await waitFor(() => expect(t.removed()).toBe(2));
  });

  it('sdtapi shape: reads a card (raw text and WLT, no decoded photo)', async () => {
    const t = await startThrough(
      new VendorSdkTransport({ library: libraries.sdtapi, shape: 'sdtapi', port: 1001 }),
    );
    t.rig.emulator.place('foreign-permanent-2017');
    await waitFor(() => expect(t.placed).toHaveLength(1));
    expect(t.placed[0]!.cardType).toBe('foreign_permanent_2017');
    expect(t.placed[0]!.decodedPhoto).toBeUndefined();
    expect(t.placed[0]!.photo).toHaveLength(1024);
  });

  it('a library whose port has no reader reports the failed open, then reads once the reader is there', async () => {
    rig = await SimulatedReader.start({ behaviour: { selectData: 'zeros' } });
    process.env.IDCARD_STANDIN_DEVICE = join(rig.hostPath, 'not-there');
    const statuses: string[] = [];
    reader = new IdCardReader({
      transport: new VendorSdkTransport({ library: libraries.termb, shape: 'termb', port: 1001 }),
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 30,
      reopenBackoff: { initialMs: 20, maxMs: 100 },
    });
    reader.on('status', (s) => statuses.push(s.state === 'disconnected' ? s.detail : s.state));
    reader.start();
    await waitFor(() =>
      expect(statuses).toContain('vendor SDK: InitComm(1001) failed: no reader on that port?'),
    );
    process.env.IDCARD_STANDIN_DEVICE = rig.hostPath;
    await waitFor(() => expect(reader?.status.state).toBe('no_card'));
  });
});

describe('a missing or wrong SDK library: a clear status, never a crash', () => {
  const settings = (library: string, shape: 'termb' | 'sdtapi' = 'termb') => ({
    kind: 'sdk' as const,
    serial: { path: 'auto', baudRate: 115200 },
    hid: { vendorId: 0x0400, productId: 0xc35a, reportSize: 64, reportId: 0, lengthPrefixed: false },
    sdk: { library, shape, port: 1001 },
  });

  it.each([
    [
      'a path with no file',
      (): string => '/nonexistent/libtermb.so',
      'termb',
      /cannot load \/nonexistent\/libtermb\.so/,
    ],
    [
      'a file that is not a library',
      (): string => join(libraries.dir, 'notalib.so'),
      'termb',
      /cannot load .*notalib\.so/,
    ],
    [
      'a library without the functions',
      (): string => libraries.unrelated,
      'termb',
      /does not export InitComm, CloseComm, Authenticate, Read_Content; shape "termb" needs/,
    ],
    ['no library configured', (): string => '', 'sdtapi', /no library configured \(idcard\.sdk\.library\)/],
  ] as const)('%s', async (_what, library, shape, message) => {
    await writeFile(join(libraries.dir, 'notalib.so'), 'not an ELF file');
    cardReader = await createCardReader(settings(library(), shape), { logger: pino({ level: 'silent' }) });
    cardReader.start();
    await waitFor(() =>
      expect(cardReader?.status).toMatchObject({
        state: 'disconnected',
        detail: expect.stringMatching(message),
      }),
    );
  });
});

describe('photoFromImage', () => {
  it('reads the size of a JPEG from its start-of-frame segment', () => {
    const jpeg = Buffer.from(
      'ffd8ffe000104a46494600010100000100010000ffc0001108007e006603012200021101031101ffd9',
      'hex',
    );
    expect(photoFromImage(jpeg)).toMatchObject({ width: 102, height: 126, mediaType: 'image/jpeg' });
    expect(photoFromImage(Buffer.from('not an image'))).toBeNull();
  });
});
