import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DecodedPhoto, PhotoDecoder } from '../identity/photo';
import { photoFromImage } from '../transports/vendor-sdk';
import type { TestCard } from './test-cards';

/**
 * The simulator's test mode for decoded card photos. A real reader's WLT photo can be decoded only by
 * the vendor's closed library; the simulator's cards carry filler bytes of WLT size. This decoder
 * stands in for the vendor's: it knows each test card's filler and returns the plain JPEG (or BMP)
 * found for that card in a folder, `<card id>.jpg` / `.bmp`. A card without a file has no photo.
 */
export async function simulatorPhotoDecoder(
  cards: readonly TestCard[],
  photoDir: string,
): Promise<PhotoDecoder> {
  const photos = new Map<string, DecodedPhoto>();
  for (const card of cards) {
    for (const extension of ['jpg', 'bmp']) {
      const bytes = await readFile(join(photoDir, `${card.id}.${extension}`)).catch(() => null);
      const photo = bytes ? photoFromImage(bytes) : null;
      if (photo) {
        photos.set(Buffer.from(card.photo).toString('hex'), photo);
        break;
      }
    }
  }
  return {
    async decode(wlt) {
      const photo = photos.get(Buffer.from(wlt).toString('hex'));
      if (!photo) throw new Error('no test photo for this card');
      return photo;
    },
  };
}
