import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestCards } from '../../../drivers/idcard/simulator/test-cards';
import { simulatorPhotoDecoder } from '../../../drivers/idcard/simulator/test-photos';
import { cardPhotoOf, personA } from '../../support/face-media';

const dir = mkdtempSync(join(tmpdir(), 'idcard-photos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the simulator's decoded test photos (stand-in for the vendor's WLT decoder)", () => {
  it("gives the card's JPEG for its WLT bytes, and fails for a card without one", async () => {
    const jpeg = await cardPhotoOf(personA);
    writeFileSync(join(dir, 'resident.jpg'), jpeg);
    writeFileSync(join(dir, 'hk-macao-taiwan.jpg'), Buffer.from('not an image'));
    const cards = buildTestCards();
    const decoder = await simulatorPhotoDecoder(cards, dir);
    const resident = cards.find((card) => card.id === 'resident')!;
    const photo = await decoder.decode(resident.photo);
    expect(photo).toMatchObject({ width: 102, height: 126, mediaType: 'image/jpeg' });
    expect(Buffer.from(photo.bytes).equals(jpeg)).toBe(true);
    const other = cards.find((card) => card.id === 'hk-macao-taiwan')!;
    await expect(decoder.decode(other.photo)).rejects.toThrow(/no test photo/);
  });
});
