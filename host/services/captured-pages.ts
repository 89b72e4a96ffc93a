import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { DocumentScanner } from '../../drivers/scanner';
import type { NormalisedPage, QuarterTurn } from '../../drivers/scanner/normalise-page';
import { err, ok, type Result } from '../../kernel/result';
import type { MaterialPage } from '../api/journey';

/** Pages one applicant may capture in one session: enough for any item, bounded against abuse. */
const maxPagesPerSession = 60;
const thumbnailWidth = 240;

interface HeldPage extends NormalisedPage {
  pageId: string;
  materialCode: string;
  /** Quarter turns applied since capture, for the stored page (the thumbnail shows them). */
  view: MaterialPage;
}

export async function thumbnailDataUrl(bytes: Uint8Array): Promise<string> {
  const thumb = await sharp(bytes)
    .resize({ width: thumbnailWidth, withoutEnlargement: true })
    .jpeg({ quality: 60 })
    .toBuffer();
  return `data:image/jpeg;base64,${thumb.toString('base64')}`;
}

/**
 * Pages captured during the open session (camera or scanner), normalised and held in memory only
 * until the submission commits them or the session ends: then they are dropped with the session.
 */
export class CapturedPages {
  readonly #bySession = new Map<string, Map<string, HeldPage>>();

  constructor(private readonly scanner: DocumentScanner) {}

  async addCameraPage(
    sessionId: string,
    materialCode: string,
    image: Uint8Array,
  ): Promise<Result<MaterialPage, 'bad_image' | 'too_many_pages'>> {
    if (this.#count(sessionId) >= maxPagesPerSession)
      return err('too_many_pages', `At most ${maxPagesPerSession} pages per session.`);
    const normalised = await this.scanner.normaliseCameraPage(image);
    if (!normalised.ok) return err('bad_image', 'The photo could not be read as an image.');
    return ok(await this.#hold(sessionId, materialCode, normalised.value));
  }

  async scanPage(
    sessionId: string,
    materialCode: string,
  ): Promise<Result<MaterialPage, 'scanner_unavailable' | 'scan_failed' | 'too_many_pages'>> {
    if (this.#count(sessionId) >= maxPagesPerSession)
      return err('too_many_pages', `At most ${maxPagesPerSession} pages per session.`);
    const scanned = await this.scanner.scanPage();
    if (!scanned.ok) {
      return scanned.error.code === 'no_scanner' || scanned.error.code === 'scanner_not_found'
        ? err('scanner_unavailable', 'No scanner is available at this kiosk.')
        : err('scan_failed', 'The scan did not succeed.');
    }
    return ok(await this.#hold(sessionId, materialCode, scanned.value));
  }

  async rotate(
    sessionId: string,
    pageId: string,
    degrees: 90 | 180 | 270,
  ): Promise<Result<MaterialPage, 'unknown_page'>> {
    const page = this.#bySession.get(sessionId)?.get(pageId);
    if (!page) return err('unknown_page', 'That page is no longer held.');
    const turned = await this.scanner.normaliseCameraPage(page.bytes, degrees as QuarterTurn);
    if (!turned.ok) return err('unknown_page', 'That page could not be turned.');
    const held = await this.#hold(sessionId, page.materialCode, turned.value, pageId);
    return ok(held);
  }

  delete(sessionId: string, pageId: string): boolean {
    return this.#bySession.get(sessionId)?.delete(pageId) ?? false;
  }

  /** The pages named, in the order given; null if any is unknown. */
  take(sessionId: string, pageIds: readonly string[]): (NormalisedPage & { materialCode: string })[] | null {
    const pages = this.#bySession.get(sessionId);
    const found = pageIds.map((id) => pages?.get(id));
    return found.every((page): page is HeldPage => page !== undefined) ? found : null;
  }

  /** Everything of the session goes (submission done, session ended). */
  dropSession(sessionId: string): void {
    this.#bySession.delete(sessionId);
  }

  #count(sessionId: string): number {
    return this.#bySession.get(sessionId)?.size ?? 0;
  }

  async #hold(
    sessionId: string,
    materialCode: string,
    page: NormalisedPage,
    pageId: string = randomUUID(),
  ): Promise<MaterialPage> {
    const view: MaterialPage = {
      pageId,
      materialCode,
      thumbnailDataUrl: await thumbnailDataUrl(page.bytes),
      width: page.width,
      height: page.height,
      bytes: page.bytes.length,
    };
    let pages = this.#bySession.get(sessionId);
    if (!pages) {
      pages = new Map();
      this.#bySession.set(sessionId, pages);
    }
    pages.set(pageId, { ...page, pageId, materialCode, view });
    return view;
  }
}
